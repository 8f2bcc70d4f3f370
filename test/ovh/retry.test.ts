import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, isRetryable, MAX_BACKOFF_MS, parseRetryAfter, type FailureFacts } from '../../src/ovh/retry.js';

const get = (over: Partial<FailureFacts>): FailureFacts => ({ method: 'GET', kind: 'server', status: 503, ...over });

describe('isRetryable', () => {
  it.each<[string, Partial<FailureFacts>, boolean]>([
    ['GET 429', { kind: 'rate-limited', status: 429 }, true],
    ['GET 500', { kind: 'server', status: 500 }, true],
    ['GET 503', { kind: 'server', status: 503 }, true],
    ['GET 501 (will never work)', { kind: 'server', status: 501 }, false],
    ['GET connection reset', { kind: 'network', code: 'ECONNRESET' }, true],
    ['GET broken pipe', { kind: 'network', code: 'EPIPE' }, true],
    ['GET answer cut short', { kind: 'network', dropped: true }, true],
    ['GET connection refused', { kind: 'network', code: 'ECONNREFUSED' }, false],
    ['GET DNS failure', { kind: 'network', code: 'ENOTFOUND' }, false],
    ['GET TLS failure', { kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, false],
    ['GET timeout', { kind: 'timeout' }, false],
    ['GET 400', { kind: 'bad-request', status: 400 }, false],
    ['GET 403', { kind: 'not-granted', status: 403 }, false],
    ['GET 404', { kind: 'not-found', status: 404 }, false],
    ['GET malformed', { kind: 'malformed', status: 200 }, false],
  ])('%s → %s', (_name, facts, expected) => {
    expect(isRetryable(get(facts))).toBe(expected);
  });

  it.each(['POST', 'PUT', 'DELETE'])('never retries %s, whatever went wrong', (method) => {
    for (const facts of [
      { kind: 'server', status: 503 },
      { kind: 'rate-limited', status: 429 },
      { kind: 'network', code: 'ECONNRESET' },
      { kind: 'network', dropped: true },
      { kind: 'timeout' },
    ] as const) {
      expect(isRetryable({ method, ...facts })).toBe(false);
      expect(decideRetry({ method, ...facts }, 1, 0).retry).toBe(false);
    }
  });
});

describe('decideRetry', () => {
  const policy = { maxAttempts: 4, maxTotalMs: 20_000, baseDelayMs: 500 };

  it('waits a random time below an exponentially growing ceiling (full jitter)', () => {
    expect(decideRetry(get({}), 1, 0, policy, () => 0.999).delayMs).toBe(499);
    expect(decideRetry(get({}), 2, 0, policy, () => 0.999).delayMs).toBe(999);
    expect(decideRetry(get({}), 3, 0, policy, () => 0.999).delayMs).toBe(1998);
    expect(decideRetry(get({}), 1, 0, policy, () => 0).delayMs).toBe(0);
    expect(decideRetry(get({}), 2, 0, policy, () => 0.5).delayMs).toBe(500);
  });

  it('never waits more than the backoff cap', () => {
    const d = decideRetry(get({}), 20, 0, { maxAttempts: 100, maxTotalMs: 1e9, baseDelayMs: 1000 }, () => 0.999999);
    expect(d.retry).toBe(true);
    expect(d.delayMs).toBeLessThan(MAX_BACKOFF_MS);
  });

  it('stops after maxAttempts', () => {
    expect(decideRetry(get({}), 3, 0, policy, () => 0).retry).toBe(true);
    expect(decideRetry(get({}), 4, 0, policy, () => 0)).toMatchObject({ retry: false, reason: '4 attempts made' });
  });

  it('stops when the wait would cross the total budget', () => {
    expect(decideRetry(get({}), 1, 19_800, policy, () => 0.999).retry).toBe(false);
    expect(decideRetry(get({}), 1, 19_000, policy, () => 0.999).retry).toBe(true);
  });

  it('honours Retry-After as a minimum wait', () => {
    const d = decideRetry(get({ kind: 'rate-limited', status: 429, retryAfterSeconds: 3 }), 1, 0, policy, () => 0);
    expect(d).toEqual({ retry: true, delayMs: 3000 });
  });

  it('gives up at once when Retry-After asks for longer than the budget allows', () => {
    const d = decideRetry(get({ kind: 'rate-limited', status: 429, retryAfterSeconds: 60 }), 1, 0, policy, () => 0);
    expect(d.retry).toBe(false);
    expect(d.reason).toMatch(/budget/);
  });

  it('has bounded defaults (4 attempts, 20 s)', () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxAttempts: 4, maxTotalMs: 20_000 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each<[string | string[] | undefined, number | undefined]>([
    ['5', 5],
    [' 0 ', 0],
    ['1.5', 1.5],
    [['7'], 7],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
