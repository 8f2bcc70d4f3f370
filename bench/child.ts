// Runs the CLI (or plain node) as a child process and measures it from outside: wall time to exit,
// time to the first byte on stdout, and, when asked, the in-child trace and the peak memory
// (`/usr/bin/time -v` when the machine has GNU time, else the trace hook's own reading).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../src/build/bundle-layout.js';
import { TRACE_ENV, type ChildTrace } from './trace-hook.js';

export const CLI_ENTRY = path.join(REPO_ROOT, 'bin', 'ovh-order.js');
const TRACE_HOOK = path.join(REPO_ROOT, 'dist', 'bench', 'trace-hook.js');
const GNU_TIME = '/usr/bin/time';

export interface ChildRun {
  /** Spawn to exit, in ms. */
  wallMs: number;
  /** Spawn to the first stdout chunk, in ms (null when nothing was printed). */
  firstStdoutMs: number | null;
  /** Epoch ms of the spawn (to compare with trace times). */
  spawnedAt: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  trace?: ChildTrace;
  /** Peak resident set size in MB, when measured. */
  peakRssMb?: number;
  rssSource?: 'GNU time' | 'process.resourceUsage';
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** Preload the trace hook and return its trace. */
  trace?: boolean;
  /** Measure peak memory. */
  rss?: boolean;
  timeoutMs?: number;
}

let gnuTime: boolean | undefined;
/** True when `/usr/bin/time -v` works here (GNU time; not the BSD one, not absent). */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    try {
      fs.accessSync(GNU_TIME, fs.constants.X_OK);
      gnuTime = process.platform === 'linux';
    } catch {
      gnuTime = false;
    }
  }
  return gnuTime;
}

const now = () => performance.timeOrigin + performance.now();

/** `node <args>` as a child; `args` start with the script (or `-e`). */
export function runNode(args: string[], options: ChildOptions = {}): Promise<ChildRun> {
  const traceFile =
    options.trace || options.rss ? path.join(os.tmpdir(), `ovh-order-bench-trace-${process.pid}-${Math.random().toString(36).slice(2)}.json`) : undefined;
  const nodeArgs = traceFile ? ['--import', pathToFileURL(TRACE_HOOK).href, ...args] : args;
  const useTime = Boolean(options.rss && hasGnuTime());
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime ? ['-v', process.execPath, ...nodeArgs] : nodeArgs;
  const env = { ...(options.env ?? process.env), ...(traceFile ? { [TRACE_ENV]: traceFile } : {}) };

  return new Promise((resolve, reject) => {
    const spawnedAt = now();
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstStdoutMs: number | null = null;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      if (firstStdoutMs === null) firstStdoutMs = now() - spawnedAt;
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    let exitedAt = 0;
    let exitCode: number | null = null;
    child.on('exit', (code) => {
      exitedAt = now();
      exitCode = code;
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      let stderr = Buffer.concat(err).toString('utf8');
      const run: ChildRun = { wallMs: exitedAt - spawnedAt, firstStdoutMs, spawnedAt, exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr };
      if (useTime) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (match) {
          run.peakRssMb = Number(match[1]) / 1024;
          run.rssSource = 'GNU time';
        }
        // GNU time appends its report (and a "Command exited with non-zero status" line) to stderr.
        const cut = stderr.search(/(?:Command exited with non-zero status \d+\n)?\tCommand being timed:/);
        if (cut >= 0) stderr = stderr.slice(0, cut);
        run.stderr = stderr;
        // GNU time passes the child's status on.
      }
      if (traceFile) {
        try {
          run.trace = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as ChildTrace;
          if (options.rss && run.peakRssMb === undefined) {
            run.peakRssMb = run.trace.maxRssKb / 1024;
            run.rssSource = 'process.resourceUsage';
          }
        } catch {
          // The child died before writing its trace; the caller reports the failed run.
        } finally {
          fs.rmSync(traceFile, { force: true });
        }
      }
      resolve(run);
    });
  });
}

/** `node bin/ovh-order.js <args>`. */
export function runCli(args: string[], options: ChildOptions = {}): Promise<ChildRun> {
  return runNode([CLI_ENTRY, ...args], options);
}

/** A short description of a failed run, for the error message. */
export function describeFailure(label: string, run: ChildRun): string {
  const tail = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-8).join('\n');
  return `${label} exited with ${run.exitCode}:\n${tail}`;
}
