// A person who presses Enter at every question, in a real pseudo-terminal, on real recorded data
// (the sandbox serving ../shared/fixtures/ovh as a data pack): in every range, and with the range
// asked, the wizard reaches the quote (`--dry-run` then deletes the cart). Enter is pressed again
// when a question did not take it yet (a list still loading), as a person would.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { describeRecorded, RECORDED_DIR } from '../helpers/data-pack.js';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, sandboxKeys } from '../helpers/run-cli.js';

const available = ptyAvailable();
if (!available) console.log('[wizard-recorded-pty] @lydell/node-pty has no prebuilt binary for this platform: skipped.');

const DONE = 'Dry run: nothing was bought';
const answered = (session: PtySession) => session.screen().split('✔').length - 1;

function until(check: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => (check() ? resolve(true) : Date.now() - started > ms ? resolve(false) : setTimeout(tick, 25));
    tick();
  });
}

/** Presses Enter until the dry run ends (or 60 presses); returns how many questions were answered. */
async function enterUntilTheQuote(session: PtySession): Promise<number> {
  let exited = false;
  void session.exited.then(() => (exited = true));
  await session.waitFor('?', 15_000);
  for (let presses = 0; presses < 60 && !exited && !session.screen().includes(DONE); presses++) {
    const before = answered(session);
    session.write(keys.enter);
    await until(() => exited || answered(session) > before, 1_500);
  }
  return answered(session);
}

describeRecorded('Enter at every question reaches the quote (recorded data, pseudo-terminal)', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataPack: RECORDED_DIR });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  for (const range of [undefined, 'dedicated', 'baremetal', 'eco'] as const) {
    it.skipIf(!available)(`${range ? `--range ${range}` : 'the range asked'}: to the quote, never the same refused datacenter twice`, async () => {
      const args = ['wizard', '--endpoint', sandbox.url, '--dry-run', ...(range ? ['--range', range] : [])];
      const session = spawnPty(args, isolatedEnv(sandboxKeys(sandbox)), { cols: 100 });
      try {
        const questions = await enterUntilTheQuote(session);
        const { exitCode } = await session.exited;
        const screen = session.screen();
        expect(exitCode, screen.slice(-3000)).toBe(0);
        expect(screen).toContain('Total with tax');
        expect(screen).toContain(DONE);
        expect(questions).toBeGreaterThan(3);
        // A refusal may happen (stock changes), but the same datacenter is never offered as the default again.
        const refusals = [...screen.matchAll(/is not available in (\w+)/g)].map((m) => m[1]);
        expect(new Set(refusals).size, screen.slice(-3000)).toBe(refusals.length);
      } finally {
        session.kill();
      }
    }, 60_000);
  }
});
