// The examples of `order --help` work (issue 12): each is run against the in-process sandbox,
// with --dry-run instead of --yes so nothing is bought; a spec-file example is skipped (it names
// a file the person saved earlier).
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

async function examplesOf(command: string): Promise<string[][]> {
  const help = await runCli([command, '--help'], { env: isolatedEnv() });
  const block = help.stdout.split('Examples:')[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s+\$ ovh-order (.*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined)
    .map((line) => line.replace(/\s+#.*$/, '').split(/\s+/));
}

describe('order --help examples', () => {
  it('each works against the sandbox (with --dry-run where it would buy)', async () => {
    const examples = await examplesOf('order');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const args of examples.filter((a) => !a.includes('--spec'))) {
      const run = args.map((a) => (a === '--yes' ? '--dry-run' : a));
      if (!run.includes('--sandbox')) run.push('--sandbox');
      const r = await runCli(run, { env: isolatedEnv() });
      expect(r.code, `ovh-order ${run.join(' ')}\n${r.stderr}`).toBe(0);
    }
  });
});
