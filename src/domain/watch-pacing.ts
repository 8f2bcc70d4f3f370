// How often `watch` may call the API: OVH's fair use is about 60 calls a minute per key (folk
// rule, not documented), so the watcher checks once a minute by default, never more than every
// 10 s, spreads its checks with jitter, backs off on 429 and 5xx (at least what Retry-After asks),
// and keeps every call of the run (stock, carts, the order) under a ceiling per rolling minute.
// Pure: the flow passes the clock and the random numbers. (The 60 s default and the 10 s floor are
// the --interval option's, in src/cli/program.ts.)

/** The ceiling over the whole run, every call included; two thirds of the folk rule, so other tools on the same key keep room. */
export const CALLS_PER_MINUTE = 40;
/** Jitter added to each wait: up to this fraction of the interval (never shorter than the interval). */
const JITTER_FRACTION = 0.1;
/** Backoff never waits longer than this between two checks. */
export const MAX_BACKOFF_MS = 15 * 60_000;

/** The wait before the next check after a good one: interval + up to 10 % (random in [0, 1)). */
export function nextCheckDelayMs(intervalMs: number, random: number): number {
  return Math.round(intervalMs * (1 + JITTER_FRACTION * random));
}

/**
 * The wait after `failures` failed checks in a row (1 = the first): the interval doubled per
 * failure, capped, with jitter, and never shorter than Retry-After.
 */
export function backoffDelayMs(intervalMs: number, failures: number, random: number, retryAfterSeconds?: number): number {
  const doubled = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, failures - 1));
  const base = nextCheckDelayMs(doubled, random);
  return Math.max(base, retryAfterSeconds !== undefined ? Math.ceil(retryAfterSeconds * 1000) : 0);
}

/**
 * A sliding window of call times: at most `limit` calls in any `windowMs`. `waitMs(now)` says how
 * long the next call must wait; `record(now)` books it. Times older than the window are dropped, so
 * its memory is bounded by `limit`.
 */
export class CallWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number = CALLS_PER_MINUTE,
    readonly windowMs: number = 60_000,
  ) {}

  private prune(now: number): void {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
  }

  waitMs(now: number): number {
    this.prune(now);
    if (this.times.length < this.limit) return 0;
    return this.times[0]! + this.windowMs - now;
  }

  record(now: number): void {
    this.prune(now);
    this.times.push(now);
  }

  /** Calls booked in the window ending at `now`. */
  inWindow(now: number): number {
    this.prune(now);
    return this.times.length;
  }
}
