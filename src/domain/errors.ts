// The error types every layer throws. One renderer (src/cli/render-error.ts) turns them into a
// message, a hint and an exit code; nothing else decides how a failure looks.

/** Exit codes published in README; stable for scripts. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorOptions {
  /** Stable machine-readable code, e.g. `invalid_datacenter`, shown as `error.code` under --json. */
  code: string;
  /** What to do about it, for a person. */
  hint?: string;
  exitCode: ExitCodeValue;
  cause?: unknown;
}

/** Base class: a failure the user should see as a message and a hint, never as a stack trace. */
export class CliError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = options.hint;
    this.exitCode = options.exitCode;
  }
}

/** Bad flag, bad value, missing answer when nothing can be asked: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'usage', hint: options.hint, cause: options.cause, exitCode: ExitCode.usage });
  }
}

/** Credentials missing, invalid, pending validation or not granted: exit 3. */
export class CredentialsError extends CliError {
  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'credentials', hint: options.hint, cause: options.cause, exitCode: ExitCode.credentials });
  }
}

/** Ctrl-C, SIGTERM, or Esc at a prompt that cannot go back: exit 130. */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted.', options: { hint?: string; cause?: unknown; code?: string; exitCode?: ExitCodeValue } = {}) {
    super(message, { code: options.code ?? 'interrupted', hint: options.hint, cause: options.cause, exitCode: options.exitCode ?? ExitCode.interrupted });
  }
}

/**
 * The output was closed under us (`ovh-order order … | head -1`: EPIPE on stdout or stderr). It
 * stops the command like an interruption (nothing more is sent, never a checkout), but it is a
 * failure (exit 1), not the person's choice, and the cart is deleted rather than kept.
 */
export class OutputClosedError extends InterruptedError {
  constructor() {
    super('The output was closed (a pipe whose reader ended): stopped before anything was ordered.', { code: 'output_closed', exitCode: ExitCode.failure });
  }
}

/** Formats "allowed values" lists the same way everywhere: `a, b, c` (at most `max`, then "… (N more)"). */
export function listAllowed(values: readonly string[], max = 12): string {
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')}, … (${values.length - max} more)`;
}
