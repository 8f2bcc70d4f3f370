// The tests that run the built binary (e2e, faults) test the bundle, not src/: with an edit in src/
// and no rebuild they would pass or fail on old code. They refuse to start instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_STAMP, sourceHash } from '../../src/build/source-hash.js';

/** Throws, saying what to run, when the bundle was not built from the sources as they are now. */
export function assertFreshBundle(repoRoot: string): void {
  let built: string;
  try {
    built = readFileSync(join(repoRoot, SOURCE_STAMP), 'utf8').trim();
  } catch {
    throw new Error(`The bundle has not been built (no ${SOURCE_STAMP}). Run "npm run build" (npm test builds first).`);
  }
  if (built !== sourceHash(repoRoot)) {
    throw new Error(
      `The bundle is older than the sources (src/ changed since "npm run build"): these tests would run old code. Run "npm run build" (npm test builds first).`,
    );
  }
}
