// The package as a user gets it: `npm pack`, then a global install of the tarball into an empty
// prefix without dev dependencies, and the installed command run from another directory. What the
// repository has (node_modules, dist/, src/) must not be what makes it work.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshBinPath, isolatedEnv, repoRoot } from '../helpers/run-cli.js';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package, installed globally with --omit=dev', () => {
  const env = isolatedEnv();
  const home = env.HOME!;
  const prefix = join(home, 'prefix');
  const elsewhere = join(home, 'elsewhere');
  const installed = join(prefix, 'bin', 'ovh-order');
  let installOutput = '';

  const run = async (args: string[]) => {
    // The installed command, by its own shebang, on the PATH a user has (no repository node_modules).
    const result = await exec(installed, args, { cwd: elsewhere, env: { ...env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` }, timeout: 60_000 }).catch(
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ ...error, failed: true }),
    );
    return { code: 'failed' in result ? result.code : 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };

  beforeAll(async () => {
    freshBinPath(); // the tarball carries the bundle: it must be the sources' (packing without its prepack build)
    mkdirSync(prefix, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    // npm as the user has it set up (their registry and cache live under their own HOME).
    const npmEnv = process.env;
    const packed = await exec(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', home], { cwd: repoRoot, env: npmEnv });
    const tarball = join(home, packed.stdout.trim().split('\n').at(-1)!);
    const install = await exec(npm, ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: elsewhere,
      env: npmEnv,
      timeout: 240_000,
    });
    installOutput = `${install.stdout}${install.stderr}`;
  }, 300_000);

  it('installs without a warning, and ships LICENSE and the third-party notices but no build tooling', () => {
    expect(installOutput).not.toMatch(/npm warn/i);
    const root = join(prefix, 'lib', 'node_modules', 'ovh-order');
    expect(existsSync(join(root, 'LICENSE'))).toBe(true);
    expect(existsSync(join(root, 'THIRD-PARTY-NOTICES.txt'))).toBe(true);
    expect(existsSync(join(root, 'src'))).toBe(false);
    expect(readdirSync(join(root, 'node_modules')).sort()).not.toContain('esbuild');
  });

  it('runs --version, catalog --sandbox, order --sandbox --dry-run and completion bash from another directory', async () => {
    const version = await run(['--version']);
    expect(version, version.stderr).toMatchObject({ code: 0, stdout: '0.1.0\n' });

    const catalog = await run(['catalog', '--sandbox', '--range', 'eco', '--subsidiary', 'FR', '--json']);
    expect(catalog.code, catalog.stderr).toBe(0);
    expect((JSON.parse(catalog.stdout) as { offers: Array<{ planCode: string }> }).offers.map((o) => o.planCode)).toContain('24sk10');

    const order = await run(['order', '--sandbox', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run']);
    expect(order.code, order.stderr).toBe(0);
    expect(order.stdout).toMatch(/Total with tax\s+40,78 €/);
    expect(order.stderr).toMatch(/Dry run: nothing was ordered\. Cart [0-9a-f-]{36} was deleted\./);

    const completion = await run(['completion', 'bash']);
    expect(completion.code, completion.stderr).toBe(0);
    expect(completion.stdout).toContain('complete -o default -F _ovh_order ovh-order');
  });
});
