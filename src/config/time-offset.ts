// Cache of the difference between this machine's clock and the OVH API's (GET /auth/time), per API,
// so each command does not pay one more round trip. Reused while younger than an hour.
// A cache, not a setting: written with the shared atomic writer, not through conf (whose ~70 ms load
// would land on the command that refreshes it).
import { writeAtomically } from './atomic-file.js';
import { ensurePrivateDir, openPrivateStore } from './store.js';
import { configDir } from './paths.js';

const TIME_OFFSET_STORE = 'time-offset';
const TIME_OFFSET_MAX_AGE_MS = 60 * 60 * 1000;

type TimeOffsetDocument = { offsets: Record<string, { offsetSeconds: number; measuredAt: string }> };

/** The cached offset (server − local, seconds) for `apiUrl`, if measured less than an hour ago. */
export function readTimeOffset(env: NodeJS.ProcessEnv, apiUrl: string, now: Date): number | undefined {
  try {
    const entry = openPrivateStore<TimeOffsetDocument>(env, TIME_OFFSET_STORE).read().offsets?.[apiUrl];
    if (!entry || typeof entry.offsetSeconds !== 'number' || !Number.isFinite(entry.offsetSeconds)) return undefined;
    const age = now.getTime() - Date.parse(entry.measuredAt);
    if (!(age >= 0 && age < TIME_OFFSET_MAX_AGE_MS)) return undefined;
    return entry.offsetSeconds;
  } catch {
    // A damaged cache only costs one /auth/time call.
    return undefined;
  }
}

export function saveTimeOffset(env: NodeJS.ProcessEnv, apiUrl: string, offsetSeconds: number, now: Date): void {
  try {
    const store = openPrivateStore<TimeOffsetDocument>(env, TIME_OFFSET_STORE);
    const offsets = { ...(store.read().offsets ?? {}) };
    offsets[apiUrl] = { offsetSeconds, measuredAt: now.toISOString() };
    ensurePrivateDir(configDir(env), env);
    writeAtomically(store.path, JSON.stringify({ offsets }), 'the clock offset cache');
  } catch {
    // Not being able to cache must not fail the command.
  }
}
