// Ctrl-C typed while a spinner turns. The spinner keeps the terminal in raw mode (so typed keys do
// not echo over it and are discarded), which turns Ctrl-C into a byte on stdin instead of SIGINT:
// this guard reads that byte and interrupts exactly as the signal would. ora's own discarder
// (`discardStdin`) is turned off: it never resumes a stdin nobody has read yet, so the byte was
// never seen (issue 12).
import type { Context } from '../runtime/context.js';

const CTRL_C = 0x03;

type TtyStdin = NodeJS.ReadStream;

function ttyStdin(ctx: Context): TtyStdin | undefined {
  const stdin = ctx.stdin as Partial<TtyStdin>;
  return stdin.isTTY && typeof stdin.setRawMode === 'function' ? (stdin as TtyStdin) : undefined;
}

/**
 * Puts the terminal in raw mode and listens for Ctrl-C until the returned function is called, which
 * restores the terminal as it was. Without a terminal on stdin, nothing is done (Ctrl-C then
 * arrives as SIGINT from the terminal driver).
 */
export function guardKeyboard(ctx: Context): () => void {
  const stdin = ttyStdin(ctx);
  if (!stdin) return () => {};
  const wasRaw = Boolean(stdin.isRaw);
  const wasFlowing = stdin.readableFlowing === true;
  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.includes(CTRL_C)) ctx.requestInterrupt();
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    stdin.off('data', onData);
    stdin.setRawMode(wasRaw);
    // Paused again unless someone was reading it: a flowing stdin keeps the process alive.
    if (!wasFlowing) stdin.pause();
  };
}
