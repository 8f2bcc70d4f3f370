// Following an order: the polling loop's decisions (when to stop, what a transient failure or a
// Ctrl-C does, the fair-use pace) with a scripted status source and an instant sleep; and the
// pieces `status` reads (order ids, server names).
import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../../src/domain/errors.js';
import { OvhApiError } from '../../src/ovh/errors.js';
import {
  DEFAULT_FIRST_POLL_MS,
  DEFAULT_POLL_MS,
  MAX_POLL_FAILURES,
  parseOrderId,
  pollPace,
  serverNamesOf,
  waitForOrder,
} from '../../src/flows/order-status.js';
import { createOutput } from '../../src/ui/terminal-output.js';
import { createTestContext } from '../helpers/test-context.js';

type Step = string | OvhApiError;

/** `getOrderStatus` answering from a script; the last answer repeats. */
function statusSource(steps: Step[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    getOrderStatus: async (_orderId: number): Promise<string> => {
      const step = steps[Math.min(calls, steps.length - 1)]!;
      calls += 1;
      if (step instanceof OvhApiError) throw step;
      return step;
    },
  };
}

function harness() {
  const ctx = createTestContext();
  const slept: number[] = [];
  const controller = new AbortController();
  return {
    ctx,
    slept,
    controller,
    options: {
      output: createOutput(ctx),
      signal: controller.signal,
      pace: { firstDelayMs: DEFAULT_FIRST_POLL_MS, intervalMs: DEFAULT_POLL_MS },
      sleep: async (ms: number, signal: AbortSignal) => {
        if (signal.aborted) throw new InterruptedError();
        slept.push(ms);
      },
    },
  };
}

const serverError = () => new OvhApiError({ kind: 'server', status: 503, call: 'GET /me/order/{orderId}/status', message: 'OVH had a problem (HTTP 503).' });

describe('waitForOrder', () => {
  it('polls until delivered, first after 10 s then every 30 s, and reports each change', async () => {
    const h = harness();
    const api = statusSource(['checking', 'checking', 'delivering', 'delivering', 'delivered']);
    const changes: string[] = [];
    const result = await waitForOrder(api, 42, { ...h.options, onChange: (from, to) => changes.push(`${from}>${to}`) });
    expect(result).toEqual({ status: 'delivered', polls: 5 });
    expect(changes).toEqual(['checking>delivering', 'delivering>delivered']);
    expect(h.slept).toEqual([DEFAULT_FIRST_POLL_MS, DEFAULT_POLL_MS, DEFAULT_POLL_MS, DEFAULT_POLL_MS]);
    // The fair-use budget: far below 60 calls a minute.
    expect(60_000 / DEFAULT_POLL_MS).toBeLessThanOrEqual(2);
  });

  it('stops at cancelled', async () => {
    const h = harness();
    const result = await waitForOrder(statusSource(['checking', 'cancelling', 'cancelled', 'delivered']), 42, h.options);
    expect(result.status).toBe('cancelled');
  });

  it('returns at once for an order already delivered', async () => {
    const h = harness();
    const result = await waitForOrder(statusSource(['delivered']), 42, { ...h.options, initialStatus: 'delivered' });
    expect(result).toEqual({ status: 'delivered', polls: 0 });
    expect(h.slept).toEqual([]);
  });

  it('says an unpaid order waits for its payment', async () => {
    const h = harness();
    await waitForOrder(statusSource(['notPaid', 'checking', 'delivered']), 42, h.options);
    expect(h.ctx.stderr.text()).toContain('Order 42 is not paid yet');
  });

  it('rides out a few transient failures, with a warning each', async () => {
    const h = harness();
    const api = statusSource(['checking', serverError(), serverError(), 'delivered']);
    const result = await waitForOrder(api, 42, h.options);
    expect(result.status).toBe('delivered');
    expect(h.ctx.stderr.text().match(/Checking order 42 failed/g)).toHaveLength(2);
  });

  it('gives up after too many failures in a row, with the API error', async () => {
    const h = harness();
    const api = statusSource(['checking', serverError()]);
    await expect(waitForOrder(api, 42, h.options)).rejects.toMatchObject({ kind: 'server' });
    expect(api.calls).toBe(1 + MAX_POLL_FAILURES + 1);
  });

  it('never hides a non-transient failure', async () => {
    const h = harness();
    const denied = new OvhApiError({ kind: 'not-granted', status: 403, call: 'GET /me/order/{orderId}/status', message: 'not granted' });
    await expect(waitForOrder(statusSource(['checking', denied]), 42, h.options)).rejects.toBe(denied);
  });

  it('Ctrl-C stops the wait with InterruptedError (exit 130)', async () => {
    const h = harness();
    const api = statusSource(['checking']);
    const waiting = waitForOrder(api, 42, {
      ...h.options,
      sleep: async (_ms, signal) => {
        h.controller.abort();
        if (signal.aborted) throw new InterruptedError();
      },
    });
    await expect(waiting).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('status inputs', () => {
  it('reads the poll pace from OVH_ORDER_POLL_INTERVAL_MS, else 10 s then 30 s', () => {
    expect(pollPace({})).toEqual({ firstDelayMs: 10_000, intervalMs: 30_000 });
    expect(pollPace({ OVH_ORDER_POLL_INTERVAL_MS: '25' })).toEqual({ firstDelayMs: 25, intervalMs: 25 });
    expect(() => pollPace({ OVH_ORDER_POLL_INTERVAL_MS: 'soon' })).toThrow(UsageError);
  });

  it('accepts whole positive order ids only, naming a bad one', () => {
    expect(parseOrderId(' 123456789 ')).toBe(123456789);
    for (const bad of ['abc', '0', '-3', '1.5', '12e3', '']) expect(() => parseOrderId(bad)).toThrow(/is not an order id/);
  });

  it('takes server names from delivered detail lines, once each, ignoring the placeholders', () => {
    expect(serverNamesOf([{ domain: '*001' }, { domain: '*001.001' }])).toEqual([]);
    expect(serverNamesOf([{ domain: 'ns123.ip-1-2-3.eu' }, { domain: 'ns123.ip-1-2-3.eu' }, { domain: '*002' }, { domain: 'ns456.ip-4-5-6.eu' }])).toEqual([
      'ns123.ip-1-2-3.eu',
      'ns456.ip-4-5-6.eu',
    ]);
  });
});
