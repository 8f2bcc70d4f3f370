// The one place a failure becomes output: a message and a hint on stderr (or one JSON object on
// stdout under --json), and an exit code. Stack traces only with --debug.
import { CliError, ExitCode, InterruptedError } from '../domain/errors.js';
import type { Context } from '../runtime/context.js';
import { createTheme } from '../ui/theme.js';

export function renderError(error: unknown, ctx: Context): number {
  const known = error instanceof CliError ? error : undefined;
  const code = known?.code ?? 'internal';
  const message = known ? known.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  const hint = known?.hint ?? (known ? undefined : 'Run again with --debug for details, and report it if it persists.');
  const exitCode = known?.exitCode ?? ExitCode.failure;

  if (ctx.globals.json) {
    ctx.stdout.write(`${JSON.stringify({ error: { code, message, hint: hint ?? null } })}\n`);
  } else {
    const theme = createTheme(ctx);
    // A deliberate stop (Ctrl-C) is said plainly, not as an error.
    const label = error instanceof InterruptedError ? '' : `${theme.error('Error:')} `;
    ctx.stderr.write(`${label}${message}\n`);
    if (hint) ctx.stderr.write(`${theme.muted(hint)}\n`);
  }
  // An interruption is the person's choice, not a bug: no stack even under --debug.
  if (ctx.globals.debug && error instanceof Error && error.stack && !(error instanceof InterruptedError)) {
    ctx.stderr.write(`${error.stack}\n`);
  }
  return exitCode;
}
