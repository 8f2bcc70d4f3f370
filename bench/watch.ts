// `watch` figures, measured in-process against the HTTPS sandbox through the real client, with a
// fast clock for the waits (checks an interval apart, backoff, the call window):
//   - stock to checkout: from the stock answer that shows availability to the checkout POST leaving,
//     with a cart kept ready. Target: the quote's one round trip + 150 ms (journal fsync, process).
//   - a simulated day (1,440 checks a minute apart, carts recreated twice): heap growth from the
//     first hour to the end (target ≤ 5 MB), and the calls per rolling minute (target ≤ the ceiling).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openJournal } from '../src/config/journal.js';
import { openWatchState } from '../src/config/watch-state.js';
import type { WatchTarget } from '../src/domain/watch.js';
import { CALLS_PER_MINUTE } from '../src/domain/watch-pacing.js';
import { journaledCheckoutHooks } from '../src/flows/checkout-recovery.js';
import { loadOfferByPlan } from '../src/flows/offers-loader.js';
import { defaultTarget } from '../src/flows/watch-targets.js';
import { runWatch } from '../src/flows/watch.js';
import { CallBudget, type WatchClock } from '../src/flows/watch-budget.js';
import { CartKeeper, specFor, type OrderEvent } from '../src/flows/watch-order.js';
import { OvhApi } from '../src/ovh/api.js';
import { parseEndpoint } from '../src/ovh/endpoints.js';
import type { SandboxServer } from '../src/sandbox/index.js';
import { orderedThingFromSpec } from '../src/cli/order-journal.js';
import { median, summarize } from './stats.js';
import type { ResultRow } from './table.js';

const STOCK_TO_CHECKOUT_SLACK_MS = 150;
const DAY_HEAP_GROWTH_MB = 5;

/** A clock whose sleeps return at once, moving its time forward; `calls` records the time of every API call. */
export function fastClock(start = Date.now()): WatchClock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms) => (now += ms),
    sleep: async (ms, signal) => {
      if (signal?.aborted) return;
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export interface WatchHarness {
  api: OvhApi;
  target: WatchTarget;
  env: NodeJS.ProcessEnv;
  /** Watch-clock times of every API call, in order. */
  callTimes: number[];
  remove(): void;
}

/** The real client for the sandbox (retries off, as `watch` has them), and RISE-1 as the target. */
export async function watchHarness(sandbox: SandboxServer): Promise<WatchHarness> {
  const home = mkdtempSync(join(tmpdir(), 'ovh-order-bench-watch-'));
  const env: NodeJS.ProcessEnv = { HOME: home, OVH_ORDER_CONFIG_DIR: join(home, 'config') };
  const api = new OvhApi({
    endpoint: parseEndpoint(sandbox.url),
    credentials: { kind: 'app', ...sandbox.credentials },
    trustCaPem: sandbox.caPem,
    retry: { maxAttempts: 1, maxTotalMs: 0, baseDelayMs: 0 },
  });
  const { offer } = await loadOfferByPlan(api, { planCode: '24rise01', range: 'eco', subsidiary: 'FR', availabilities: Promise.resolve([]) });
  const target = defaultTarget(offer);
  return { api, target, env, callTimes: [], remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** A CartKeeper as `watch --order` builds it, with the journal of `env`. */
function keeperFor(
  h: WatchHarness,
  budget: CallBudget,
  clock: WatchClock,
  signal: AbortSignal,
  datacenters: string[],
  events: OrderEvent[],
  base: OvhApi = h.api,
): CartKeeper {
  const api = budget.wrap(base, { signal });
  // A journal per keeper: the journal refuses an identical order within 10 minutes, as it should.
  const journal = openJournal({ ...h.env, OVH_ORDER_CONFIG_DIR: mkdtempSync(join(h.env.HOME!, 'journal-')) });
  const quiet = { result: () => {}, json: () => {}, info: () => {}, success: () => {}, warn: () => {}, spin: <T>(_: string, work: () => Promise<T>) => work() };
  return new CartKeeper(
    {
      api,
      checkoutApi: budget.wrap(base),
      finalApi: budget.wrap(base, { final: true }),
      subsidiary: 'FR',
      maxPrice: 1000,
      maxOrders: 1,
      autopay: false,
      waiveRetraction: false,
      ordersPlaced: () => 0,
      hooksFor: (spec) =>
        journaledCheckoutHooks({
          journal,
          api: h.api,
          endpoint: 'sandbox',
          subsidiary: 'FR',
          what: orderedThingFromSpec(spec),
          output: quiet,
          source: 'watch:bench',
        }),
      emit: async (event) => {
        events.push(event);
      },
      note: () => {},
      output: quiet,
      clock,
      monotonic: () => performance.now(),
      signal,
    },
    datacenters.map((datacenter) => ({ target: h.target, datacenter, spec: specFor(h.target, datacenter, 'FR') })),
  );
}

function heapMb(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** One order with a cart kept ready: stock out at the first check, in at the second. */
async function stockToCheckout(sandbox: SandboxServer, h: WatchHarness): Promise<number> {
  const clock = fastClock();
  const budget = new CallBudget(clock);
  const controller = new AbortController();
  const events: OrderEvent[] = [];
  const keeper = keeperFor(h, budget, clock, controller.signal, ['gra'], events);
  await keeper.prepareAll();
  sandbox.setStockSchedule({
    steps: [
      { fromRequest: 1, stock: { '24rise01': 'unavailable' } },
      { fromRequest: 2, stock: { '24rise01': { gra: '1H-high' } } },
    ],
  });
  const state = openWatchState(h.env, `bench-${Date.now()}-${Math.random()}`, () => {});
  await runWatch({
    api: budget.wrap(h.api, { signal: controller.signal }),
    targets: [h.target],
    rule: { datacenters: ['gra'] },
    intervalMs: 60_000,
    once: false,
    state,
    clock,
    random: Math.random,
    signal: controller.signal,
    orderer: {
      onStock: async (inStock, at) => {
        await keeper.onStock(inStock, at);
        controller.abort();
      },
    },
    reporter: { event: async () => {}, checked: () => {}, trouble: () => {} },
  });
  await keeper.close();
  const ordered = events.find((e) => e.event === 'ordered');
  if (!ordered || ordered.stockToCheckoutMs === undefined || ordered.cartWasReady !== true)
    throw new Error(`stock to checkout: no order from a ready cart (${JSON.stringify(events)})`);
  return ordered.stockToCheckoutMs;
}

/** A day of checks a minute apart with two carts kept ready and no stock: heap and call pacing. */
export async function simulatedDay(
  sandbox: SandboxServer,
  h: WatchHarness,
  checks = 1440,
  datacenters = ['gra', 'rbx'],
): Promise<{ heapGrowthMb: number; maxCallsPerMinute: number; calls: number; checks: number }> {
  const clock = fastClock();
  const budget = new CallBudget(clock);
  const controller = new AbortController();
  const times: number[] = [];
  const counted = new Proxy(h.api, {
    get: (target, property, receiver) => {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        times.push(clock.now().getTime());
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const keeper = keeperFor(h, budget, clock, controller.signal, datacenters, [], counted);
  budget.setReserve(datacenters.length);
  sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': 'unavailable' } }] });
  let done = 0;
  let heapAfterHour = 0;
  void keeper.prepareAll();
  const result = await runWatch({
    api: budget.wrap(counted, { signal: controller.signal }),
    targets: [h.target],
    rule: { datacenters },
    intervalMs: 60_000,
    once: false,
    state: openWatchState(h.env, `bench-day-${Date.now()}`, () => {}),
    clock,
    random: Math.random,
    signal: controller.signal,
    orderer: keeper,
    reporter: {
      event: async () => {},
      checked: () => {
        done += 1;
        if (done === 60) heapAfterHour = heapMb();
        if (done >= checks) controller.abort();
      },
      trouble: () => {},
    },
  });
  await keeper.close();
  const heapGrowthMb = heapMb() - heapAfterHour;
  let maxCallsPerMinute = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 60_000) j++;
    maxCallsPerMinute = Math.max(maxCallsPerMinute, i - j + 1);
  }
  return { heapGrowthMb, maxCallsPerMinute, calls: times.length, checks: result.checks };
}

export async function measureWatch(
  sandbox: SandboxServer,
  options: { runs: number; latencyMs: number; dayChecks: number },
): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const h = await watchHarness(sandbox);
  try {
    sandbox.setLatency(options.latencyMs);
    const gaps: number[] = [];
    for (let i = 0; i < options.runs; i++) gaps.push(await stockToCheckout(sandbox, h));
    sandbox.setLatency(0);
    const day = await simulatedDay(sandbox, h, options.dayChecks);
    const hours = (day.checks / 60).toFixed(0);
    return {
      rows: [
        {
          figure: 'Watch: stock answer to checkout POST (cart ready)',
          unit: 'ms',
          summary: summarize(gaps),
          target: options.latencyMs + STOCK_TO_CHECKOUT_SLACK_MS,
          targetNote: `quote: 1 x ${options.latencyMs} + ${STOCK_TO_CHECKOUT_SLACK_MS}`,
        },
        { figure: `Watch: heap growth, hour 1 to hour ${hours} (fast clock)`, unit: 'MB', summary: summarize([day.heapGrowthMb]), target: DAY_HEAP_GROWTH_MB },
        {
          figure: `Watch: most API calls in a minute over ${hours} h`,
          unit: 'count',
          summary: summarize([day.maxCallsPerMinute]),
          target: CALLS_PER_MINUTE,
          targetNote: 'stated ceiling',
        },
      ],
      notes: [
        `Watch: a simulated ${hours} h made ${day.checks} checks and ${day.calls} API calls (median stock-to-checkout ${median(gaps).toFixed(0)} ms at ${options.latencyMs} ms per request).`,
      ],
    };
  } finally {
    sandbox.setLatency(0);
    sandbox.setStockSchedule({ steps: [] });
    h.remove();
  }
}
