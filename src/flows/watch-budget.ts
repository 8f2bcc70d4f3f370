// Every API call of a watch goes through one sliding window (domain/watch-pacing.ts): the stock
// checks, the prepared carts and the order alike, so the stated calls-per-minute ceiling holds for
// the whole run. The client's own retries are off for a watch (the watch backs off itself), so one
// method call is one request; a little headroom is kept for the clock measurements the client makes
// on its own (GET /auth/time) and for deleting the prepared carts when the watch ends.
import { CallWindow, CALLS_PER_MINUTE } from '../domain/watch-pacing.js';

export interface WatchClock {
  now(): Date;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: WatchClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Requests the window never hands out: the client's clock measurements. */
export const CLOCK_HEADROOM = 2;

export class CallBudget {
  readonly window: CallWindow;
  /** Every call booked, with its time (ms on the watch clock), for tests and the summary. */
  total = 0;

  constructor(
    private readonly clock: WatchClock,
    readonly ceiling: number = CALLS_PER_MINUTE,
    /** Calls kept back for the end of the watch (one DELETE per prepared cart). */
    private reserve = 0,
  ) {
    this.window = new CallWindow(ceiling - CLOCK_HEADROOM);
  }

  setReserve(calls: number): void {
    this.reserve = Math.max(0, Math.min(calls, this.window.limit - 1));
  }

  /** Waits for room in the window, then books one call. `final`: a call of the shutdown, which may use the reserve. */
  async acquire(signal?: AbortSignal, final = false): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const held = final ? 0 : this.reserve;
      const used = this.window.inWindow(now);
      if (used + held < this.window.limit) {
        this.window.record(now);
        this.total += 1;
        return;
      }
      const wait = Math.max(1, this.window.waitMs(now) || 1000);
      await this.clock.sleep(wait, final ? undefined : signal);
      if (!final && signal?.aborted) throw signal.reason;
    }
  }

  /** `api` with every method call booked first. */
  wrap<T extends object>(api: T, options: { signal?: AbortSignal; final?: boolean } = {}): T {
    return new Proxy(api, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await this.acquire(options.signal, options.final);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}
