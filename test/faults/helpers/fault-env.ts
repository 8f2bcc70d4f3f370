// The fault suite drives the BUILT binary against an HTTPS sandbox running in the test process:
// `--endpoint <sandbox.url>`, the sandbox CA through NODE_EXTRA_CA_CERTS, its validated keys in the
// environment, a private HOME/config dir per run. Faults are armed on the sandbox; assertions read
// the exit code, the messages and the sandbox's request log.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, type SandboxLogEntry, type SandboxServer } from '../../../src/sandbox/index.js';
import { freshBinPath, isolatedEnv, repoRoot, runCli, type CliResult, sandboxKeys } from '../../helpers/run-cli.js';

/** The server ordered in the suite: KS-1, eco, FR, Gravelines, monthly, the default options. */
export const ORDER_ARGS = ['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes'] as const;

export const CHECKOUT = '/order/cart/{cartId}/checkout';

export interface FaultWorld {
  sandbox: SandboxServer;
  /** A fresh env (HOME, config dir) with the sandbox's CA and keys; `extra` wins. */
  env: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  /** Runs the binary with `--endpoint sandbox.url` and a per-call `--timeout`. */
  run: (args: readonly string[], env: NodeJS.ProcessEnv, options?: { timeoutSeconds?: number; killAfterMs?: number }) => Promise<CliResult>;
}

export async function startFaultWorld(): Promise<FaultWorld> {
  const sandbox = await startSandbox();
  return {
    sandbox,
    env(extra = {}) {
      return isolatedEnv({
        ...sandboxKeys(sandbox),
        ...extra,
      });
    },
    run(args, env, options = {}) {
      return runCli([...args, '--endpoint', sandbox.url, '--timeout', String(options.timeoutSeconds ?? 10)], {
        env,
        timeoutMs: options.killAfterMs ?? 25_000,
      });
    },
  };
}

/** Requests in the log for one call (method + route pattern), optionally since index `from`. */
export function calls(log: readonly SandboxLogEntry[], method: string, route: string, from = 0): SandboxLogEntry[] {
  return log.slice(from).filter((e) => e.method === method && e.route === route);
}

/** The journal file the binary wrote in `env`'s config dir (undefined when none). */
export function readJournal(env: NodeJS.ProcessEnv): { entries: Array<Record<string, unknown>> } | undefined {
  const file = path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Array<Record<string, unknown>> };
}

/** The journal file's text ('' when none): for "no secret in it" checks. */
export function journalText(env: NodeJS.ProcessEnv): string {
  const file = path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** No stack trace in a message meant for a person. */
export const STACK_TRACE = /\n\s+at .+\(?.*:\d+:\d+\)?/;

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` has appeared on stderr (rejects after timeoutMs with what was printed). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the binary (pipes, no TTY) to signal it mid-flight. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [freshBinPath(), ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    err += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stdin.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      for (const w of waiters.splice(0)) w();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr(pattern, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern} on stderr. Got:\n${err}`)), timeoutMs);
        const check = () => {
          if (pattern.test(err)) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`The process ended before ${pattern} appeared on stderr. Got:\n${err}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
  };
}
