// A person who presses Enter at every question, in a real pseudo-terminal, on real recorded data
// (the sandbox serving ../shared/fixtures/ovh as a data pack): in every range, and with the range
// asked, the wizard reaches the quote (`--dry-run` then deletes the cart). Enter is pressed again
// when a question did not take it yet (a list still loading), as a person would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Presses Enter until the dry run ends (or 40 presses); returns how many questions were answered. */
async function enterUntilTheQuote(session: PtySession): Promise<number> {
  let exited = false;
  void session.exited.then(() => (exited = true));
  await session.waitFor('?', 15_000);
  for (let presses = 0; presses < 40 && !exited && !session.screen().includes(DONE); presses++) {
    const before = answered(session);
    session.write(keys.enter);
    await until(() => exited || answered(session) > before, 1_500);
  }
  return answered(session);
}

/** Runs the wizard pressing Enter throughout; checks it reached the quote and listed what OVH quoted. */
async function expectEnterReachesTheQuote(sandbox: SandboxServer, extraArgs: string[]): Promise<string> {
  const session = spawnPty(['wizard', '--endpoint', sandbox.url, '--dry-run', ...extraArgs], isolatedEnv(sandboxKeys(sandbox)), { cols: 100 });
  try {
    const questions = await enterUntilTheQuote(session);
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen.slice(-3000)).toBe(0);
    expect(screen).toContain('Total with tax');
    expect(screen).toContain(DONE);
    expect(questions).toBeGreaterThan(3);
    // What the billing question said is due now is what OVH's quote totals (without tax).
    const listed = [...screen.matchAll(/Due now ([\d\s.,\u00a0\u202f]+€) \((?:setup|no setup fee)/g)].at(-1)?.[1];
    const quoted = /Total without tax\s+([\d\s.,\u00a0\u202f]+€)/.exec(screen)?.[1];
    expect(listed, screen.slice(-3000)).toBeDefined();
    expect(quoted?.trim()).toBe(listed?.trim());
    // A refusal may happen (stock changes), but the same datacenter is never offered as the default again.
    const refusals = [...screen.matchAll(/is not available in (\w+)/g)].map((m) => m[1]);
    expect(new Set(refusals).size, screen.slice(-3000)).toBe(refusals.length);
    return screen;
  } finally {
    session.kill();
  }
}

describe('Enter at every question on the sandbox’s authored data', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it.skipIf(!available)(
    'RISE-1 during its setup promotion: the billing question names it and lists what OVH quotes',
    async () => {
      const screen = await expectEnterReachesTheQuote(sandbox, ['--range', 'eco', '--search', '24rise01']);
      expect(screen).toMatch(/Due now 56,99\s€ \(no setup fee \+ 1 month\)\s*\nPromotion FLASHSALE_WW_RISE_1_3_AND_GAME_T1 until \d{4}-\d{2}-\d{2}/);
    },
    60_000,
  );
});

describeRecorded('Enter at every question reaches the quote (recorded data, pseudo-terminal)', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataPack: RECORDED_DIR });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  for (const range of [undefined, 'dedicated', 'baremetal', 'eco'] as const) {
    it.skipIf(!available)(
      `${range ? `--range ${range}` : 'the range asked'}: to the quote, never the same refused datacenter twice`,
      async () => {
        await expectEnterReachesTheQuote(sandbox, range ? ['--range', range] : []);
      },
      60_000,
    );
  }
});
