// The watch loop: one stock call per interval for everything watched, the answer turned into
// events on transitions only (domain/watch.ts), the state kept after every check so a restart
// neither repeats nor misses an alert, backoff on 429/5xx (at least Retry-After), and, with --order,
// the orderer told at once. Ends when the signal aborts (Ctrl-C, SIGTERM) or after one check (--once).
import type { OvhApi } from '../ovh/api.js';
import type { DatacenterAvailability } from '../ovh/models/availability.js';
import { OvhApiError } from '../ovh/errors.js';
import {
  observe,
  stockQuery,
  transitions,
  type StockEvent,
  type StockRule,
  type TargetObservation,
  type WatchStateDocument,
  type WatchTarget,
} from '../domain/watch.js';
import { backoffDelayMs, nextCheckDelayMs } from '../domain/watch-pacing.js';
import type { WatchClock } from './watch-budget.js';

/** Where the watch keeps what it last saw (src/config/watch-state.ts keeps it in a file). */
interface WatchStore {
  load(): WatchStateDocument;
  save(document: WatchStateDocument): void;
}

interface CheckSummary {
  at: Date;
  targets: number;
  inStock: number;
  nextAt: Date | null;
}

interface WatchReporter {
  /** A stock event (printed and notified; never throws). */
  event(event: StockEvent): Promise<void>;
  /** After each good check: the spinner's "last check" line on a terminal. */
  checked(summary: CheckSummary): void;
  /** A failed check (the watch goes on); `recovered` when a check works again. */
  trouble(text: string): void;
}

export interface WatchOrderer {
  /** Called after each good check with what is in stock now (in preference order), the moment the answer arrived. */
  onStock(inStock: ReadonlyArray<{ target: WatchTarget; observation: TargetObservation }>, answeredAt: number): Promise<void>;
  /** After each check of a long watch: carts recreated before they expire. */
  maintain?(): Promise<void>;
}

export interface WatchDeps {
  api: Pick<OvhApi, 'getAvailabilities'>;
  targets: readonly WatchTarget[];
  rule: StockRule;
  intervalMs: number;
  once: boolean;
  state: WatchStore;
  clock: WatchClock;
  random: () => number;
  reporter: WatchReporter;
  signal: AbortSignal;
  orderer?: WatchOrderer;
  /** A monotonic clock in ms for the stock-to-checkout measurement (performance.now). */
  monotonic?: () => number;
}

export interface WatchResult {
  checks: number;
  /** At the last good check: was anything watched orderable? */
  orderable: boolean;
}

/** The availability endpoint answers 404 "No availabilities found" when nothing matches its filters: no stock. */
async function fetchStock(deps: WatchDeps): Promise<DatacenterAvailability[]> {
  try {
    return await deps.api.getAvailabilities(stockQuery(deps.targets, deps.rule));
  } catch (error) {
    if (error instanceof OvhApiError && error.status === 404) return [];
    throw error;
  }
}

/** Failures worth waiting out (rate limit, server trouble, network); anything else is the user's to fix. */
function isPassing(error: unknown): error is OvhApiError {
  return error instanceof OvhApiError && (error.kind === 'rate-limited' || error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout');
}

export async function runWatch(deps: WatchDeps): Promise<WatchResult> {
  const document = deps.state.load();
  let memory = document.targets;
  let failures = 0;
  let checks = 0;
  let orderable = false;
  const monotonic = deps.monotonic ?? (() => performance.now());

  while (!deps.signal.aborted) {
    let records: DatacenterAvailability[];
    try {
      records = await fetchStock(deps);
    } catch (error) {
      if (deps.signal.aborted) break;
      if (deps.once || !isPassing(error)) throw error;
      failures += 1;
      const wait = backoffDelayMs(deps.intervalMs, failures, deps.random(), error.retryAfterSeconds);
      deps.reporter.trouble(
        `Stock check failed (${error.status ?? error.kind}: ${error.ovhMessage ?? error.message}); trying again in ${Math.round(wait / 1000)} s.`,
      );
      await deps.clock.sleep(wait, deps.signal);
      continue;
    }
    const answeredAt = monotonic();
    if (failures > 0) deps.reporter.trouble('Stock checks work again.');
    failures = 0;
    checks += 1;
    const at = deps.clock.now();
    const observations = observe(deps.targets, records, deps.rule);
    const change = transitions(deps.targets, memory, observations, at);
    memory = change.memory;
    // Kept before anything is said: a crash after an alert must not repeat it.
    deps.state.save({ ...document, targets: memory, lastCheck: at.toISOString() });
    const byKey = new Map(deps.targets.map((t) => [t.key, t]));
    const inStock = observations.filter((o) => o.inStock.length > 0).map((observation) => ({ target: byKey.get(observation.key)!, observation }));
    orderable = inStock.length > 0;
    // The order comes first: from the stock answer to the checkout, nothing else is waited for.
    if (deps.orderer && inStock.length > 0) await deps.orderer.onStock(inStock, answeredAt);
    for (const event of change.events) await deps.reporter.event(event);

    if (deps.once) {
      deps.reporter.checked({ at, targets: deps.targets.length, inStock: inStock.length, nextAt: null });
      break;
    }
    await deps.orderer?.maintain?.();
    const wait = nextCheckDelayMs(deps.intervalMs, deps.random());
    deps.reporter.checked({ at, targets: deps.targets.length, inStock: inStock.length, nextAt: new Date(at.getTime() + wait) });
    await deps.clock.sleep(wait, deps.signal);
  }
  return { checks, orderable };
}
