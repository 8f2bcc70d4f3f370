// The watch loop with a fast clock, through the real client against the HTTPS sandbox: checks an
// interval apart (with jitter, never sooner), transitions within one run, a 429 waited out for at
// least its Retry-After, and the calls-per-minute ceiling holding while carts are prepared.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWatchState } from '../../src/config/watch-state.js';
import type { StockEvent } from '../../src/domain/watch.js';
import { CALLS_PER_MINUTE } from '../../src/domain/watch-pacing.js';
import { runWatch } from '../../src/flows/watch.js';
import { CallBudget, CLOCK_HEADROOM } from '../../src/flows/watch-budget.js';
import { fastClock, simulatedDay, watchHarness, type WatchHarness } from '../../bench/watch.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
let h: WatchHarness;
beforeAll(async () => {
  h = await watchHarness(sandbox);
});
afterAll(() => h.remove());
beforeEach(() => {
  sandbox.clearFaults();
  sandbox.clearLog();
});

async function watchFor(checks: number, random = () => 0.5) {
  const clock = fastClock(Date.parse('2026-01-01T00:00:00Z'));
  const budget = new CallBudget(clock);
  const controller = new AbortController();
  const events: StockEvent[] = [];
  const troubles: string[] = [];
  const stockTimes: number[] = [];
  const api = budget.wrap(h.api, { signal: controller.signal });
  let done = 0;
  const result = await runWatch({
    api: { getAvailabilities: (q) => (stockTimes.push(clock.now().getTime()), api.getAvailabilities(q)) },
    targets: [h.target],
    rule: { datacenters: ['gra'] },
    intervalMs: 60_000,
    once: false,
    state: openWatchState(h.env, `loop-${Math.random()}`, () => {}),
    clock,
    random,
    signal: controller.signal,
    reporter: {
      event: async (e) => void events.push(e),
      checked: () => {
        if (++done >= checks) controller.abort();
      },
      trouble: (t) => void troubles.push(t),
    },
  });
  return { result, events, troubles, stockTimes };
}

describe('the watch loop (fast clock)', () => {
  it('checks an interval apart plus jitter, and reports each transition once', async () => {
    sandbox.setStockSchedule({
      steps: [
        { fromRequest: 1, stock: { '24rise01': 'unavailable' } },
        { fromRequest: 3, stock: { '24rise01': { gra: '24H' } } },
        { fromRequest: 5, stock: { '24rise01': 'unavailable' } },
      ],
    });
    const { result, events, stockTimes } = await watchFor(6);
    expect(result.checks).toBe(6);
    expect(events.map((e) => `${e.event}@${((Date.parse(e.at) - stockTimes[0]!) / 60_000) | 0}`)).toEqual(['available@2', 'unavailable@4']);
    const gaps = stockTimes.slice(1).map((t, i) => t - stockTimes[i]!);
    for (const gap of gaps) expect(gap).toBe(63_000); // 60 s + 10 % x 0.5
  });

  it('a 429 is waited out for at least its Retry-After, then the watch goes on', async () => {
    sandbox.setStockSchedule({ steps: [] });
    sandbox.addFault({ route: '/dedicated/server/datacenter/availabilities', kind: 'status', status: 429, retryAfterSeconds: 300, times: 1 });
    const { result, troubles, stockTimes } = await watchFor(2, () => 0);
    expect(result.checks).toBe(2);
    expect(stockTimes[1]! - stockTimes[0]!).toBe(300_000);
    expect(troubles[0]).toMatch(/^Stock check failed \(429: .*\); trying again in 300 s\.$/);
    expect(troubles[1]).toBe('Stock checks work again.');
  });

  it('keeps every call of the run, carts included, under the stated ceiling per minute', async () => {
    // Four carts to prepare (about 50 calls) plus the checks: more than a minute's worth.
    const day = await simulatedDay(sandbox, h, 20, ['gra', 'rbx', 'sbg', 'waw']);
    expect(day.calls).toBeGreaterThan(CALLS_PER_MINUTE);
    expect(day.maxCallsPerMinute).toBeLessThanOrEqual(CALLS_PER_MINUTE - CLOCK_HEADROOM);
    // Nothing reached the API outside the count but the client's own clock measurement.
    expect(sandbox.log.length - day.calls).toBeGreaterThanOrEqual(0);
    expect(sandbox.log.length - day.calls).toBeLessThanOrEqual(CLOCK_HEADROOM);
    // The carts were deleted when the watch ended.
    const created = sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart').length;
    expect(sandbox.log.filter((e) => e.method === 'DELETE' && e.route === '/order/cart/{cartId}').length).toBe(created);
  });
});
