// When a failed call is tried again, and after how long. Pure: the client feeds it the failure and
// the clock; tests feed it numbers. Only reads (GET) are retried: a write that failed half-way may
// have taken effect (a second POST /checkout would be a second order).
import type { OvhApiError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt (waits included). */
  maxTotalMs: number;
  /** First backoff ceiling; doubles per attempt ("full jitter": a random delay below the ceiling). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, maxTotalMs: 20_000, baseDelayMs: 500 };

/** Ceiling for one backoff wait, whatever the attempt number. */
export const MAX_BACKOFF_MS = 8_000;

/** Network codes worth a retry: the connection broke, nothing says the server is gone. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export interface FailureFacts {
  method: string;
  kind: OvhApiError['kind'];
  status?: number;
  /** Socket error code when the connection failed (`ECONNRESET`…). */
  code?: string;
  /** The connection closed while the answer was arriving. */
  dropped?: boolean;
  retryAfterSeconds?: number;
}

/** Whether this failure, of this method, may be tried again at all. */
export function isRetryable(f: FailureFacts): boolean {
  if (f.method.toUpperCase() !== 'GET') return false;
  if (f.kind === 'rate-limited') return true;
  if (f.kind === 'server') return f.status === undefined || (f.status >= 500 && f.status !== 501);
  if (f.kind === 'network') return Boolean(f.dropped) || (f.code !== undefined && RETRYABLE_NETWORK_CODES.has(f.code));
  // Timeouts are not retried: --timeout bounds the wait for one call, and a retry would multiply it.
  return false;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  /** Why not, for --debug. */
  reason?: string;
}

/**
 * Decides about attempt `attempt` (1-based) that just failed after `elapsedMs` since the first one
 * started. Backoff: random in [0, min(MAX_BACKOFF_MS, base·2^(attempt-1))); a Retry-After asks for
 * at least that long. Gives up when attempts run out or the wait would cross `maxTotalMs`.
 */
export function decideRetry(
  failure: FailureFacts,
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (!isRetryable(failure)) return { retry: false, delayMs: 0, reason: 'not retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, reason: `${policy.maxAttempts} attempts made` };
  const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (attempt - 1));
  let delayMs = Math.floor(random() * ceiling);
  if (failure.retryAfterSeconds !== undefined) delayMs = Math.max(delayMs, Math.ceil(failure.retryAfterSeconds * 1000));
  if (elapsedMs + delayMs >= policy.maxTotalMs) {
    return { retry: false, delayMs, reason: `waiting ${delayMs} ms would pass the ${policy.maxTotalMs} ms budget` };
  }
  return { retry: true, delayMs };
}

/**
 * `Retry-After` in seconds: delta-seconds or an HTTP date (relative to `now`). Undefined when absent
 * or unreadable; never negative.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const trimmed = v.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
