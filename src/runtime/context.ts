// The one object a command receives: streams, environment, clock and global options.
// Heavy services (API client, prompter, spinners) are built lazily by the modules that need them,
// so `--help` and `--version` load none of them. Tests build their own Context.
import type { Readable, Writable } from 'node:stream';
import type { Prompter } from '../ui/prompter.js';

export interface GlobalOptions {
  /** `--endpoint` / `OVH_ENDPOINT`: a preset name or an https URL. Undefined means "resolve". */
  endpoint?: string;
  /** `--sandbox`: run against the built-in OVH API simulation, no account needed. */
  sandbox: boolean;
  /** `--stock-schedule FILE`: scripted stock for the sandbox (with --sandbox, or `ovh-order sandbox`). */
  stockSchedule?: string;
  /** `--data-pack` / `OVH_ORDER_SANDBOX_DATA_PACK`: a folder of recorded OVH answers the sandbox serves. */
  dataPack?: string;
  /** `--profile`: stored credentials profile name. */
  profile: string;
  /** `--json`: exactly one JSON document on stdout. */
  json: boolean;
  /** `--debug`: API calls on stderr (secrets redacted) and stack traces. */
  debug: boolean;
  /** `--no-color` / `NO_COLOR`. */
  color: boolean;
  /** `--timeout` for one API call, in milliseconds. */
  timeoutMs: number;
}

export interface Context {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Wall clock; injectable for tests. */
  now(): Date;
  globals: GlobalOptions;
  /** True when a person can answer prompts: stdin and stderr are terminals and --json is off. */
  canPrompt(): boolean;
  /** Resources to release when the command ends (sandbox servers, timers). */
  readonly cleanups: Array<() => Promise<void> | void>;
  /** Aborted on Ctrl-C / SIGTERM (reason: an InterruptedError). Flows race their waits against it. */
  readonly interrupt: AbortController;
  /**
   * Ctrl-C read as a key (the terminal in raw mode): does what SIGINT does. main() installs the
   * signal handler here, so a second press behaves like a second signal.
   */
  requestInterrupt(): void;
  /**
   * Said on stderr when a second Ctrl-C quits at once (a checkout in flight registers what to check).
   * Keyed so that the one registering can remove its note.
   */
  readonly quitNotes: Map<string, string>;
  /** The exit code the command chose (0 unless it set one). */
  exitCode: number;
  /** Tests inject a scripted Prompter here; otherwise commands build the inquirer one (ui/inquirer-prompter). */
  prompter?: Prompter;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function defaultGlobals(env: NodeJS.ProcessEnv): GlobalOptions {
  return {
    endpoint: env.OVH_ENDPOINT || undefined,
    sandbox: false,
    dataPack: env.OVH_ORDER_SANDBOX_DATA_PACK || undefined,
    profile: 'default',
    json: false,
    debug: false,
    color: !('NO_COLOR' in env) || env.NO_COLOR === '',
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
}

/** What differs between the real process and a test: the streams, the environment, the clock. */
export type ContextIo = Pick<Context, 'stdin' | 'stdout' | 'stderr' | 'env' | 'cwd'> & { now?: () => Date };

export function createContext(io: ContextIo): Context {
  const ctx: Context = {
    ...io,
    now: io.now ?? (() => new Date()),
    globals: defaultGlobals(io.env),
    canPrompt() {
      return Boolean(ctx.stdin.isTTY && ctx.stderr.isTTY) && !ctx.globals.json;
    },
    cleanups: [],
    interrupt: new AbortController(),
    // Without main()'s handlers (tests): abort; flows turn any abort reason into an InterruptedError.
    requestInterrupt() {
      if (!ctx.interrupt.signal.aborted) ctx.interrupt.abort();
    },
    quitNotes: new Map(),
    exitCode: 0,
  };
  return ctx;
}

export function createProcessContext(): Context {
  return createContext({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
