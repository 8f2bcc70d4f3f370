// `--sandbox` starts its server on a new port each run. The catalog cache must not file entries under
// that URL (they would never be found again): a catalog read by one run serves the next, and the
// wizard's range question describes what an earlier `catalog --sandbox` read.
import { describe, expect, it } from 'vitest';
import { keys, ptyAvailable, spawnPty } from '../helpers/pty.js';
import { describeRecorded, RECORDED_DIR } from '../helpers/data-pack.js';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

const available = ptyAvailable();

async function catalogFetchedAt(env: NodeJS.ProcessEnv, extra: string[] = []): Promise<string> {
  const result = await runCli(['catalog', '--sandbox', '--range', 'eco', '--json', ...extra], { env });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { catalogFetchedAt: string }).catalogFetchedAt;
}

describe('the catalog cache under --sandbox', () => {
  it('a second run reads the catalog the first one cached; --refresh reads it again', async () => {
    const env = isolatedEnv();
    const first = await catalogFetchedAt(env);
    expect(await catalogFetchedAt(env)).toBe(first);
    expect(await catalogFetchedAt(env, ['--refresh'])).not.toBe(first);
  });

  describeRecorded('with a data pack', () => {
    it('the recorded catalog is cached apart from the authored one', async () => {
      const env = isolatedEnv();
      const plans = async (extra: string[]) => {
        const result = await runCli(['catalog', '--sandbox', '--range', 'eco', '--all', '--json', ...extra], { env });
        expect(result.code, result.stderr).toBe(0);
        return (JSON.parse(result.stdout) as { offers: Array<{ planCode: string }> }).offers.map((o) => o.planCode).sort();
      };
      const authored = await plans([]);
      const recorded = await plans(['--data-pack', RECORDED_DIR]);
      expect(recorded).not.toEqual(authored);
      expect(await plans([])).toEqual(authored);
    });
  });

  it.skipIf(!available)('the wizard’s range question lists what the cached eco catalog holds', async () => {
    const env = isolatedEnv();
    await catalogFetchedAt(env);
    const session = spawnPty(['wizard', '--sandbox'], env, { cols: 80 });
    await session.waitFor('Which range of servers?');
    await session.waitFor(/eco\s+— Kimsufi, Rise/);
    expect(session.screen()).toMatch(/dedicated\s+— the dedicated servers catalog/);
    session.write(keys.ctrlC);
    expect((await session.exited).exitCode).toBe(130);
  });
});
