// Reads that misbehave (the built binary against the HTTPS sandbox): rate limits, garbled or
// endless answers, a silent API, a clock far off. Nothing hangs and nothing crashes: each case ends
// with a clear message naming the call, or completes after a bounded retry.
import { describe, expect, it } from 'vitest';
import { calls, CHECKOUT, ORDER_ARGS, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';

const CATALOG = '/order/catalog/public/eco';

describe.concurrent('read faults', () => {
  it('429 with Retry-After on the catalog: waits as asked, then completes', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: CATALOG, kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 });
      const r = await run(ORDER_ARGS, env());
      expect(r.code, r.stderr).toBe(0);
      const attempts = calls(sandbox.log, 'GET', CATALOG);
      expect(attempts.map((e) => e.status)).toEqual([429, 429, 200]);
      // Each retry came at least the asked second later (sandbox clock; a lower bound only).
      for (let i = 1; i < attempts.length; i++) {
        expect(Date.parse(attempts[i]!.at) - Date.parse(attempts[i - 1]!.at)).toBeGreaterThanOrEqual(1000);
      }
      expect(sandbox.orders()).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('429 without end: gives up after a bounded number of tries with a clear message', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: CATALOG, kind: 'status', status: 429, retryAfterSeconds: 1, times: Infinity });
      const r = await run(ORDER_ARGS, env());
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/OVH is limiting the request rate \(429\) for GET \/order\/catalog\/public\/eco/);
      const attempts = calls(sandbox.log, 'GET', CATALOG).length;
      expect(attempts).toBeGreaterThan(1);
      expect(attempts).toBeLessThanOrEqual(4);
      expect(calls(sandbox.log, 'POST', '/order/cart')).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('a connection reset on a cart read: retried, and the order completes', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}/eco/options', kind: 'drop-before' });
      const r = await run(ORDER_ARGS, env());
      expect(r.code, r.stderr).toBe(0);
      expect(calls(sandbox.log, 'GET', '/order/cart/{cartId}/eco/options').map((e) => e.fault ?? e.status)).toEqual(['drop-before', 200]);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('malformed JSON from the catalog: a clear error naming the call, no crash, no cart, no price', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: CATALOG, kind: 'malformed-json', times: Infinity });
      const r = await run(ORDER_ARGS, env());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('The answer to GET /order/catalog/public/eco is not valid JSON');
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
      expect(calls(sandbox.log, 'POST', '/order/cart')).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('a catalog body that never finishes: stops at --timeout with a message naming the call', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: CATALOG, kind: 'slow-body', delayMs: 120_000, times: Infinity });
      const started = Date.now();
      const r = await run(ORDER_ARGS, env(), { timeoutSeconds: 2 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/GET \/order\/catalog\/public\/eco got no complete answer from 127\.0\.0\.1:\d+ within 2 s/);
      expect(r.stderr).toMatch(/--timeout/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      // Ended by the deadline, not by the test's kill switch.
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await sandbox.close();
    }
  });

  it('an API that never answers a cart read: stops at --timeout naming the call and the cart; no checkout', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}/eco/options', kind: 'hang', times: Infinity });
      const r = await run(ORDER_ARGS, env(), { timeoutSeconds: 2 });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/GET \/order\/cart\/\{cartId\}\/eco\/options got no complete answer .* within 2 s/);
      const cartId = calls(sandbox.log, 'GET', '/order/cart/{cartId}/eco/options')[0]!.path.split('/')[3]!;
      expect(r.stderr).toContain(`Cart ${cartId}`);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('a local clock 2 minutes off: warned about, and signed calls still work (the /auth/time offset is used)', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.clock.advance(120_000);
      const r = await run([...ORDER_ARGS, '--dry-run'], env());
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/clock is 1[12]\d s behind the OVH API's/);
      expect(sandbox.log.filter((e) => e.signed).every((e) => e.status === 200)).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
