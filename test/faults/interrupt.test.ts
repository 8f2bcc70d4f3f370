// Ctrl-C (SIGINT) and SIGTERM at several steps of `ovh-order order` (the built binary against the
// HTTPS sandbox). The step is held by a `hang` fault so the signal lands exactly there; the test
// waits for the request to reach the sandbox, signals, and checks: exit 130 promptly, no stack
// trace, the cart named with what to do next, a consistent journal, and never a second checkout.
import { describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../src/sandbox/index.js';
import { CHECKOUT, calls, ORDER_ARGS, readJournal, spawnCli, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';

/** Resolves once a request for `method route` has reached the sandbox. */
async function arrived(sandbox: SandboxServer, method: string, route: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!sandbox.log.some((e) => e.method === method && e.route === route)) {
    if (Date.now() > until) throw new Error(`${method} ${route} never reached the sandbox`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The cart id of the run (from the first cart-scoped request). */
function cartIdOf(sandbox: SandboxServer): string | undefined {
  return sandbox.log.find((e) => e.route.startsWith('/order/cart/{cartId}'))?.path.split('/')[3];
}

// A long --timeout: the process must end because of the signal, not because a call timed out.
const LONG_TIMEOUT = ['--timeout', '20'];

describe.concurrent('interrupting `ovh-order order`', () => {
  it.concurrent.each([
    { step: 'reading the catalog', method: 'GET', route: '/order/catalog/public/eco', signal: 'SIGINT' as const, cart: false },
    { step: 'adding the options', method: 'POST', route: '/order/cart/{cartId}/eco/options', signal: 'SIGINT' as const, cart: true },
    { step: 'setting the configuration', method: 'POST', route: '/order/cart/{cartId}/item/{itemId}/configuration', signal: 'SIGTERM' as const, cart: true },
    { step: 'getting the price preview', method: 'GET', route: '/order/cart/{cartId}/checkout', signal: 'SIGINT' as const, cart: true },
  ])('$signal while $step: exit 130 at once, the cart and next steps named, nothing ordered', async ({ method, route, signal, cart }) => {
    const { sandbox, env: makeEnv } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method, route, kind: 'hang', times: Infinity });
      const cli = spawnCli([...ORDER_ARGS, '--endpoint', sandbox.url, ...LONG_TIMEOUT], env);
      await arrived(sandbox, method, route);
      const signalledAt = Date.now();
      cli.child.kill(signal);
      const { code } = await cli.exited;
      const err = cli.stderr();
      expect(code, err).toBe(130);
      expect(Date.now() - signalledAt, 'exits because of the signal, not a timeout').toBeLessThan(10_000);
      expect(err).toMatch(/Interrupted/);
      expect(err).not.toMatch(STACK_TRACE);
      if (cart) {
        const cartId = cartIdOf(sandbox)!;
        expect(err).toContain(cartId);
        expect(err).toMatch(/nothing was ordered/i);
      }
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);
      expect(sandbox.orders()).toEqual([]);
      // Nothing reached checkout, so the journal has nothing (and is not half-written).
      expect(readJournal(env)?.entries ?? []).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('SIGINT while the checkout is in flight: waits for the answer (bounded by --timeout), never posts again, journal says unknown', async () => {
    const { sandbox, env: makeEnv } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'hang' });
      const cli = spawnCli([...ORDER_ARGS, '--endpoint', sandbox.url, '--timeout', '2'], env);
      await arrived(sandbox, 'POST', CHECKOUT);
      cli.child.kill('SIGINT');
      const { code } = await cli.exited;
      const err = cli.stderr();
      expect(code, err).toBe(130);
      expect(err).toMatch(/Waiting for OVH to answer the checkout before stopping/);
      expect(err).toMatch(/may or may not have been placed/);
      expect(err).toMatch(/ovh-order status/);
      expect(err).not.toMatch(STACK_TRACE);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
      const journal = readJournal(env)!;
      expect(journal.entries).toEqual([expect.objectContaining({ cartId: cartIdOf(sandbox), state: 'unknown' })]);
    } finally {
      await sandbox.close();
    }
  });

  it('SIGINT while the checkout is in flight and OVH does answer: the order is recorded and reported, exit 0', async () => {
    const { sandbox, env: makeEnv } = await startFaultWorld();
    try {
      const env = makeEnv();
      sandbox.setLatency(0);
      sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'slow-body', delayMs: 1_000 });
      const cli = spawnCli([...ORDER_ARGS, '--endpoint', sandbox.url, ...LONG_TIMEOUT], env);
      await arrived(sandbox, 'POST', CHECKOUT);
      cli.child.kill('SIGINT');
      const { code } = await cli.exited;
      expect(code, cli.stderr()).toBe(0);
      const orderId = sandbox.orders()[0]!.orderId;
      expect(cli.stdout()).toContain(String(orderId));
      expect(readJournal(env)!.entries).toEqual([expect.objectContaining({ state: 'ordered', orderId })]);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});
