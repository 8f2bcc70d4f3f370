// Runs once before all test files (and its teardown once after them).
// - E2E tests run the built binary, so `npm test` builds first (the `pretest` script); this checks
//   that the bundle the binary loads is there, to fail with a clear message. (Whether it is fresh is
//   checked where the binary is spawned: test/helpers/fresh-bundle.ts.)
// - Everything the tests and the CLIs they spawn put in the temp folder (isolated HOMEs, config
//   dirs, certificates, journals) goes into one folder of this run, removed when the run ends: the
//   test files' workers and their children inherit TMPDIR from here.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const entry = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));
  if (!existsSync(entry)) {
    throw new Error(`The build is missing (${entry}). Run "npm run build" or "npm test" (which builds first).`);
  }
  const runTemp = mkdtempSync(join(tmpdir(), 'ovh-order-tests-'));
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = runTemp;
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(runTemp, { recursive: true, force: true });
  };
}
