// The recorded OVH answers in ../shared/fixtures/ovh (SOURCES.md there), used as they are: as files
// by contract tests and as the sandbox's data pack (`startSandbox({ dataPack })`). They are never
// copied into the repository. Where the folder is missing, tests on it are skipped with a message,
// except under CI (CI=true): CI has ../shared, so a missing folder there is a failure, not a skip.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared/fixtures/ovh, from the repository root. */
export const RECORDED_DIR = path.resolve(repoRoot, '../shared/fixtures/ovh');

export const recordedPresent = existsSync(path.join(RECORDED_DIR, 'SOURCES.md'));

/** CI=true (or any value other than empty, 0 or false), as CI services set it. */
export function runningInCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** A recorded file, parsed. */
export function readRecorded(name: string): unknown {
  return JSON.parse(readFileSync(path.join(RECORDED_DIR, name), 'utf8'));
}

/** What tests on the recorded data do: run them, fail (folder missing under CI), or skip. */
export function recordedMode(present: boolean, env: NodeJS.ProcessEnv): 'run' | 'fail' | 'skip' {
  if (present) return 'run';
  return runningInCi(env) ? 'fail' : 'skip';
}

const missing = `${RECORDED_DIR} is missing (real recorded OVH answers, see its SOURCES.md)`;
let warned = false;

/**
 * `describe` for tests on the recorded data: runs them when the folder is there; otherwise fails
 * under CI and skips, saying why, elsewhere.
 */
export function describeRecorded(name: string, body: () => void): void {
  const mode = recordedMode(recordedPresent, process.env);
  if (mode === 'run') {
    describe(name, body);
  } else if (mode === 'fail') {
    describe(name, () => {
      it('needs the recorded OVH data', () => {
        throw new Error(`${missing}: under CI=true this is a failure, not a skip.`);
      });
    });
  } else {
    if (!warned) console.warn(`[recorded data] skipping tests on recorded OVH data: ${missing}.`);
    warned = true;
    describe.skip(name, body);
  }
}
