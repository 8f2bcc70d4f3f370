// `ovh-order completion bash|zsh|fish` as a person uses it: the script the built binary prints is
// loaded into a real shell and asked what TAB offers after a few words, plan codes included (read
// from the catalog cache that `catalog` filled).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshBinPath, isolatedEnv, runCli } from '../helpers/run-cli.js';

const env = isolatedEnv();
const home = env.HOME!;
const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
// Skipped on a machine without the shell, never in CI: .ci/run installs zsh and fish.
const skipWithout = (shell: string) => !hasShell(shell) && process.env.CI !== 'true';

/** What bash's TAB offers for `words` (the last one being the word under the cursor). */
function bashOffers(script: string, words: string[]): string[] {
  const file = join(home, 'completion.bash');
  writeFileSync(file, script);
  const program = [
    `ovh-order() { ${JSON.stringify(process.execPath)} ${JSON.stringify(freshBinPath())} "$@"; }`,
    `source ${JSON.stringify(file)}`,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '_ovh_order; printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  return execFileSync('bash', ['-c', program], { env, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('shell completion', () => {
  let bash: string;
  beforeAll(async () => {
    const filled = await runCli(['catalog', '--sandbox', '--range', 'eco', '--subsidiary', 'FR'], { env });
    expect(filled.code, filled.stderr).toBe(0);
    const printed = await runCli(['completion', 'bash'], { env });
    expect(printed.code, printed.stderr).toBe(0);
    bash = printed.stdout;
  });

  it('bash: commands, subcommands and each command’s flags', () => {
    expect(bashOffers(bash, ['ovh-order', ''])).toEqual(expect.arrayContaining(['wizard', 'catalog', 'order', 'status', 'cart', 'login', 'completion']));
    expect(bashOffers(bash, ['ovh-order', 'ca'])).toEqual(['catalog', 'cart']);
    expect(bashOffers(bash, ['ovh-order', 'cart', ''])).toEqual(['show', 'list', 'delete', 'prune']);
    expect(bashOffers(bash, ['ovh-order', 'catalog', '--av'])).toEqual(['--available']);
    const orderFlags = bashOffers(bash, ['ovh-order', 'order', '--']);
    expect(orderFlags).toEqual(expect.arrayContaining(['--plan', '--datacenter', '--dry-run', '--waive-retraction', '--sandbox', '--json']));
    expect(orderFlags).not.toContain('--list');
  });

  it('bash: the values the CLI knows — ranges, subsidiaries, datacenters, and plan codes from the catalog cache', () => {
    expect(bashOffers(bash, ['ovh-order', 'catalog', '--range', ''])).toEqual(['dedicated', 'baremetal', 'eco']);
    expect(bashOffers(bash, ['ovh-order', 'catalog', '--range', '=', 'e'])).toEqual(['eco']);
    expect(bashOffers(bash, ['ovh-order', 'order', '--subsidiary', 'F'])).toEqual(['FI', 'FR']);
    expect(bashOffers(bash, ['ovh-order', 'wizard', '--datacenter', 'rb'])).toEqual(['rbx', 'rbx-hz']);
    expect(bashOffers(bash, ['ovh-order', 'order', '--plan', '24sk'])).toEqual(['24sk10', '24sk30', '24ska01', '24skstor01']);
  });

  it('plan codes: none (and no error) before any catalog was cached', async () => {
    const empty = await runCli(['completion', '--list', 'plans'], { env: isolatedEnv() });
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it.skipIf(skipWithout('zsh'))('zsh: the script loads, and names the commands with their descriptions', async () => {
    const printed = await runCli(['completion', 'zsh'], { env });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^#compdef ovh-order/);
    expect(printed.stdout).toContain("'catalog:list the offers of a range");
    const file = join(home, '_ovh-order');
    writeFileSync(file, printed.stdout);
    // Loaded as a person's ~/.zshrc would: compinit, then the script registers itself for ovh-order.
    const loaded = spawnSync('zsh', ['-c', `autoload -U compinit && compinit -u && source ${file} && print -r -- $_comps[ovh-order]`], {
      encoding: 'utf8',
      env,
    });
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stdout.trim()).toBe('_ovh_order');
  });

  it.skipIf(skipWithout('fish'))('fish: the script loads, and completes commands and range values', async () => {
    const printed = await runCli(['completion', 'fish'], { env });
    expect(printed.code).toBe(0);
    const file = join(home, 'ovh-order.fish');
    writeFileSync(file, printed.stdout);
    const ask = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source ${file}; complete --do-complete ${JSON.stringify(line)}`], { encoding: 'utf8', env })
        .split('\n')
        .map((l) => l.split('\t')[0]);
    expect(ask('ovh-order ca')).toEqual(expect.arrayContaining(['catalog', 'cart']));
    expect(ask('ovh-order catalog --range ')).toEqual(expect.arrayContaining(['dedicated', 'baremetal', 'eco']));
    expect(ask('ovh-order cart ')).toEqual(expect.arrayContaining(['show', 'list', 'delete', 'prune']));
  });

  it('an unknown shell is refused with exit 2, naming it and the shells allowed', async () => {
    const r = await runCli(['completion', 'tcsh'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"tcsh" is not a shell ovh-order completes for.');
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});
