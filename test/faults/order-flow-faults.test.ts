// The order flow under a slow or failing API (the built binary against the HTTPS sandbox):
// - 2 s of latency on every call, in a real terminal: the order still completes, a spinner shows
//   what is awaited, and no call times out below the configured --timeout (4 s here);
// - a 500 on each step in turn: reads recover by retrying, a failed write stops cleanly — once,
//   naming the call and the cart — and nothing is ever checked out twice.
// Every case has its own sandbox, so they run at once (the latency case overlaps the others).
import { describe, expect, it } from 'vitest';
import { CHECKOUT, calls, ORDER_ARGS, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';
import { ptyAvailable, spawnPty } from '../helpers/pty.js';

const hasPty = ptyAvailable();
if (!hasPty) console.warn('[faults] no pseudo-terminal on this platform: the 2 s latency case (spinners) is skipped.');

const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/** Every call `ovh-order order` makes, in order. */
const READS = [
  '/auth/time',
  '/dedicated/server/datacenter/availabilities',
  '/order/catalog/public/eco',
  '/order/cart/{cartId}/eco',
  '/order/cart/{cartId}/eco/options',
  '/order/cart/{cartId}/item/{itemId}/requiredConfiguration',
  '/order/cart/{cartId}/checkout',
];
const WRITES = [
  '/order/cart',
  '/order/cart/{cartId}/eco',
  '/order/cart/{cartId}/eco/options',
  '/order/cart/{cartId}/item/{itemId}/configuration',
  '/order/cart/{cartId}/assign',
];

describe.concurrent('`ovh-order order` with a slow or failing API', () => {
  it.skipIf(!hasPty)(
    '2 s latency on every call: still completes, with spinners, and no timeout below --timeout',
    async () => {
      const { sandbox, env } = await startFaultWorld();
      try {
        sandbox.setLatency(2_000);
        const term = spawnPty([...ORDER_ARGS, '--endpoint', sandbox.url, '--timeout', '4'], env({ NO_COLOR: '1' }));
        const { exitCode } = await term.exited;
        const screen = term.screen();
        expect(exitCode, screen.slice(-2000)).toBe(0);
        // A spinner frame next to the label of what is awaited, then the ticked label.
        expect(screen).toMatch(new RegExp(`${SPINNER.source} Creating a cart`));
        expect(screen).toMatch(new RegExp(`${SPINNER.source} Placing the order`));
        expect(screen).toMatch(/✔ Placing the order/);
        expect(screen).toMatch(/Order placed/);
        expect(screen).not.toMatch(/no complete answer|timed out/i);
        // Every call was answered, none retried for a timeout, one checkout.
        expect(sandbox.log.every((e) => e.status === 200)).toBe(true);
        expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
        expect(sandbox.orders()).toHaveLength(1);
      } finally {
        await sandbox.close();
      }
    },
    60_000,
  );

  it.concurrent.each(READS)('GET %s: retried, and the order completes', async (route) => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'GET', route, kind: 'status', status: 500 });
      const r = await run(ORDER_ARGS, env());
      expect(r.code, r.stderr).toBe(0);
      const attempts = calls(sandbox.log, 'GET', route);
      expect(attempts.map((e) => e.status).slice(0, 2)).toEqual([500, 200]);
      expect(sandbox.orders()).toHaveLength(1);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it.concurrent.each(WRITES)('POST %s: not retried; stops cleanly, naming the call and the cart', async (route) => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.addFault({ method: 'POST', route, kind: 'status', status: 500 });
      const r = await run(ORDER_ARGS, env());
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`OVH had a problem answering POST ${route} (HTTP 500)`);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      // Exactly one attempt at the failed write (parallel option/configuration posts each go once).
      const failed = calls(sandbox.log, 'POST', route).filter((e) => e.status === 500);
      expect(failed).toHaveLength(1);
      const sameTarget = calls(sandbox.log, 'POST', route).filter(
        (e) => e.path === failed[0]!.path && JSON.stringify(e.body) === JSON.stringify(failed[0]!.body),
      );
      expect(sameTarget).toHaveLength(1);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);
      expect(sandbox.orders()).toEqual([]);
      if (route !== '/order/cart') {
        const cartId = sandbox.log.find((e) => e.route.startsWith('/order/cart/{cartId}'))!.path.split('/')[3]!;
        expect(r.stderr).toContain(`Cart ${cartId}`);
      }
    } finally {
      await sandbox.close();
    }
  });
});
