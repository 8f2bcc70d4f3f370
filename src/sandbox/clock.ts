// Sandbox time = wall time + an offset that tests (and `clock.advance`) move forward.
// Cart expiry, order progression and /auth/time all read this clock.

export interface SandboxClock {
  now(): Date;
  nowMs(): number;
  advance(ms: number): void;
  offsetMs(): number;
  setOffset(ms: number): void;
}

export function createClock(initialOffsetMs = 0, onChange?: () => void): SandboxClock {
  let offset = initialOffsetMs;
  return {
    nowMs: () => Date.now() + offset,
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a finite number of milliseconds >= 0, got ${ms}`);
      offset += ms;
      onChange?.();
    },
    offsetMs: () => offset,
    setOffset(ms: number) {
      offset = ms;
    },
  };
}

/** ISO 8601 with a numeric offset, the way OVH prints datetimes (`2024-11-05T17:29:13+00:00`). */
export function ovhDate(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
