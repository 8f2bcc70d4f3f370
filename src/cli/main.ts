// Entry point: parse argv, run one command, turn any failure into a message and an exit code.
// Never calls process.exit (but for a second Ctrl-C): bin/ sets process.exitCode from the result.
import { CommanderError } from 'commander';
import { createProcessContext, type Context } from '../runtime/context.js';
import { buildProgram } from './program.js';
import { ExitCode, InterruptedError, OutputClosedError } from '../domain/errors.js';

export async function main(argv: string[], ctx: Context = createProcessContext()): Promise<number> {
  const stopSignals = installSignalHandlers(ctx);
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, ctx, argv.includes('--json'));
    const { renderError } = await import('./render-error.js');
    return renderError(error, ctx);
  } finally {
    stopSignals();
    for (const cleanup of ctx.cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // A failed cleanup must not hide the command's own result.
      }
    }
  }
}

/** Help and version exit 0; every other commander complaint (unknown option, missing argument) is a usage error. */
function commanderExit(error: CommanderError, ctx: Context, json: boolean): number {
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
  // Flags are not applied yet when commander refuses them, so --json is read from argv.
  if (json) {
    const message = error.message.replace(/^error: /, '');
    ctx.stdout.write(`${JSON.stringify({ error: { code: 'usage', message, hint: 'Run with --help to see the options.' } })}\n`);
  }
  return ExitCode.usage;
}

/**
 * SIGINT/SIGTERM, and Ctrl-C read as a key while a spinner holds the terminal (ctx.requestInterrupt),
 * abort `ctx.interrupt`; flows listening to it print the cart id and the way to resume.
 */
function installSignalHandlers(ctx: Context): () => void {
  let firstAt = 0;
  const onSignal = () => {
    if (ctx.interrupt.signal.aborted) {
      // conf's atomic writer (when-exit) re-raises the first signal at once after its own cleanup;
      // only a second press by the person, noticeably later, means "out now, skip the goodbye"
      // (but for what must not be lost: a checkout in flight names its cart and `ovh-order status`).
      if (Date.now() - firstAt > SECOND_SIGNAL_GRACE_MS) {
        for (const note of ctx.quitNotes.values()) ctx.stderr.write(`\n${note}\n`);
        process.exit(ExitCode.interrupted);
      }
      return;
    }
    firstAt = Date.now();
    ctx.interrupt.abort(new InterruptedError());
  };
  ctx.requestInterrupt = onSignal;
  // A closed pipe stops the command as Ctrl-C would (so never a checkout after it), as a failure.
  const onStreamError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') return;
    if (!ctx.interrupt.signal.aborted) ctx.interrupt.abort(new OutputClosedError());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  ctx.stdout.on('error', onStreamError);
  ctx.stderr.on('error', onStreamError);
  return () => {
    ctx.stdout.off('error', onStreamError);
    ctx.stderr.off('error', onStreamError);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

const SECOND_SIGNAL_GRACE_MS = 500;
