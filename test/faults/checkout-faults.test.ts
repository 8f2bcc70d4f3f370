// The built binary against the HTTPS sandbox, with the checkout's answer lost in every way: the
// checkout is posted once and never again, the outcome is found by reads, the journal records it,
// and an unresolved order is not bought twice. Each case has its own sandbox, so they run at once.
import { describe, expect, it } from 'vitest';
import { CHECKOUT, calls, journalText, ORDER_ARGS, readJournal, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';

describe.concurrent('checkout faults (built binary, HTTPS sandbox)', () => {
  it('connection dropped AFTER the checkout took effect: the order is found and reported, one checkout, and the same order again is refused', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });

      const first = await run(ORDER_ARGS, env);
      expect(first.code, first.stderr).toBe(0);
      const orders = sandbox.orders();
      expect(orders).toHaveLength(1);
      const orderId = orders[0]!.orderId;
      expect(first.stderr).toMatch(/answer to the checkout of cart \S+ was lost \(the connection broke/);
      expect(first.stderr).toMatch(/Not sending it again/);
      expect(first.stderr).toContain(`The order went through after all: order ${orderId}`);
      expect(first.stdout).toContain(String(orderId));
      expect(first.stderr).not.toMatch(STACK_TRACE);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      expect(readJournal(env)?.entries).toEqual([expect.objectContaining({ cartId: orders[0]!.cartId, state: 'ordered', orderId, recovered: true })]);

      // A script retrying the same command: refused before any cart is created.
      const logged = sandbox.log.length;
      const second = await run(ORDER_ARGS, env);
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toMatch(/Not ordering: an earlier checkout of the same server has no confirmed outcome/);
      expect(second.stderr).toContain(`cart ${orders[0]!.cartId}`);
      expect(second.stderr).toMatch(/ovh-order status.*--force/s);
      expect(calls(sandbox.log, 'POST', '/order/cart', logged)).toEqual([]);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      expect(sandbox.orders()).toHaveLength(1);

      // `status` without an id lists it; --force orders another one, knowingly.
      const status = await run(['status'], env);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain(String(orderId));
      expect(status.stderr).toMatch(/--force/);
      const forced = await run([...ORDER_ARGS, '--force'], env);
      expect(forced.code, forced.stderr).toBe(0);
      expect(sandbox.orders()).toHaveLength(2);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(2);
      expect(journalText(env)).not.toContain(sandbox.credentials.appSecret);
      expect(journalText(env)).not.toContain(sandbox.credentials.consumerKey);
    } finally {
      await sandbox.close();
    }
  });

  it('connection dropped BEFORE the checkout took effect: reported as not ordered, nothing duplicated, and ordering again is allowed', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-before' });

      const first = await run(ORDER_ARGS, env);
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toMatch(
        /Nothing was ordered: the checkout of cart \S+ got no answer \(the connection broke before the answer arrived\), and the cart is still open/,
      );
      expect(first.stderr).toMatch(/It was not sent again/);
      expect(first.stderr).not.toMatch(/may or may not have been placed/);
      expect(first.stderr).not.toMatch(STACK_TRACE);
      expect(sandbox.orders()).toEqual([]);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      expect(readJournal(env)?.entries).toEqual([expect.objectContaining({ state: 'not-ordered' })]);

      const again = await run(ORDER_ARGS, env);
      expect(again.code, again.stderr).toBe(0);
      expect(sandbox.orders()).toHaveLength(1);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });

  it('a checkout answered with a 500 is not retried: looked up, reported as not ordered (exit 1)', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'status', status: 500 });
      const r = await run([...ORDER_ARGS, '--json'], env);
      expect(r.code, r.stderr).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.error).toMatchObject({ code: 'checkout_not_placed' });
      expect(doc.error.message).toMatch(/Nothing was ordered.*HTTP 500/);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      expect(calls(sandbox.log, 'GET', '/order/cart/{cartId}').length).toBeGreaterThanOrEqual(1);
      expect(sandbox.orders()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('a checkout that never answers: a clear timeout naming the call, no second POST, and the outcome left for `status` to settle', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'hang' });
      const r = await run(ORDER_ARGS, env, { timeoutSeconds: 2 });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/checkout of cart \S+ got no answer \(no answer came in time\).*could not tell whether the order went through/s);
      expect(r.stderr).toMatch(/ovh-order status/);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      expect(readJournal(env)?.entries).toEqual([expect.objectContaining({ state: 'unknown' })]);

      // Refused while unknown.
      const again = await run(ORDER_ARGS, env);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/answer lost, outcome unknown/);
    } finally {
      await sandbox.close();
    }
  });
});
