// Output on real streams: results on stdout, everything else on stderr, spinners only on a TTY
// and only for waits longer than SPINNER_DELAY_MS so fast calls never flicker.
import type { Context } from '../runtime/context.js';
import type { Output } from './output.js';
import { createTheme } from './theme.js';

export const SPINNER_DELAY_MS = 300;

export function createOutput(ctx: Context): Output {
  const theme = createTheme(ctx);
  const quiet = () => ctx.globals.json;
  return {
    result(text) {
      ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    json(document) {
      ctx.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    },
    info(text) {
      if (!quiet()) ctx.stderr.write(`${text}\n`);
    },
    warn(text) {
      ctx.stderr.write(`${theme.warn('!')} ${text}\n`);
    },
    success(text) {
      if (!quiet()) ctx.stderr.write(`${theme.ok('✔')} ${text}\n`);
    },
    async spin(label, work) {
      if (quiet() || !ctx.stderr.isTTY) return work();
      // The work starts first: its requests are on the wire while the spinner's module loads.
      const working = work();
      // Settled here too, so that a failure before the spinner exists is never "unhandled".
      working.catch(() => {});
      const { default: ora } = await import('ora');
      const spinner = ora({ text: label, stream: ctx.stderr, isEnabled: true, color: 'cyan', discardStdin: false });
      let stopDiscarding = () => {};
      const timer = setTimeout(() => {
        spinner.start();
        stopDiscarding = discardTypedKeys(ctx.stdin);
      }, SPINNER_DELAY_MS);
      try {
        const value = await working;
        if (spinner.isSpinning) spinner.succeed();
        return value;
      } catch (error) {
        if (spinner.isSpinning) spinner.fail();
        throw error;
      } finally {
        clearTimeout(timer);
        stopDiscarding();
      }
    },
  };
}

type TerminalInput = Context['stdin'] & { isRaw?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * While a spinner turns, keys typed on the terminal are read and dropped (no echo over the spinner),
 * and Ctrl-C is turned into the SIGINT it would have been. ora's own discarder is off: it adds its
 * listener without resuming a fresh stdin, so nothing is read and Ctrl-C is lost (seen with ora 9 on
 * Node 20 in a pseudo-terminal). Returns the function that gives the terminal back as it was.
 */
function discardTypedKeys(stdin: TerminalInput): () => void {
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return () => {};
  const wasRaw = stdin.isRaw === true;
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (text.includes('\u0003')) process.kill(process.pid, 'SIGINT');
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  return () => {
    stdin.off('data', onData);
    stdin.setRawMode?.(wasRaw);
    stdin.pause();
  };
}