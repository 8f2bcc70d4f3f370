// Runs the BUILT binary (bin/ovh-order.js → dist/) as a person or a script would: over pipes,
// with its own env and config dir. Returns exit code, stdout and stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertFreshBundle } from './fresh-bundle.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const binPath = join(repoRoot, 'bin', 'ovh-order.js');
let bundleChecked = false;

/**
 * The binary to spawn, once the bundle it loads is known to be built from the sources as they are
 * (throws otherwise). The only way to the binary's path: no test runs a stale bundle.
 */
export function freshBinPath(): string {
  if (!bundleChecked) {
    assertFreshBundle(repoRoot);
    bundleChecked = true;
  }
  return binPath;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
  /** Kill the process after this many ms (the test then fails on the exit code). */
  timeoutMs?: number;
}

/** A fresh HOME and config dir, so runs never see the developer's own credentials. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'ovh-order-e2e-'));
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    OVH_ORDER_CONFIG_DIR: join(home, 'config'),
    OVH_ORDER_NO_BROWSER: '1',
    NO_COLOR: '1',
  };
  return { ...base, ...extra };
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [freshBinPath(), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? isolatedEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The environment that points a spawned binary at a sandbox: its CA and its validated keys. */
export function sandboxKeys(sandbox: { caPath: string; credentials: { appKey: string; appSecret: string; consumerKey: string } }): NodeJS.ProcessEnv {
  return {
    NODE_EXTRA_CA_CERTS: sandbox.caPath,
    OVH_APPLICATION_KEY: sandbox.credentials.appKey,
    OVH_APPLICATION_SECRET: sandbox.credentials.appSecret,
    OVH_CONSUMER_KEY: sandbox.credentials.consumerKey,
  };
}

/** Runs the binary against `sandbox` (its URL as --endpoint) with a fresh HOME, its CA and its keys. */
export function runAgainst(
  sandbox: { url: string; caPath: string; credentials: { appKey: string; appSecret: string; consumerKey: string } },
  args: string[],
  options: RunOptions & { extraEnv?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const env = options.env ?? isolatedEnv({ ...sandboxKeys(sandbox), ...options.extraEnv });
  return runCli([...args, '--endpoint', sandbox.url], { ...options, env });
}
