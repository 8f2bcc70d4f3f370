// Output on real streams: results on stdout, everything else on stderr, spinners only on a TTY
// and only for waits longer than SPINNER_DELAY_MS so fast calls never flicker.
import type { Context } from '../runtime/context.js';
import type { Output } from './output.js';
import { guardKeyboard } from './keyboard-interrupt.js';
import { wrapLines } from './table.js';
import { createTheme } from './theme.js';

export const SPINNER_DELAY_MS = 300;

export function createOutput(ctx: Context): Output {
  const theme = createTheme(ctx);
  const quiet = () => ctx.globals.json;
  // Notes are wrapped to a terminal's width (never in a pipe: `grep` finds a note on one line).
  const fitted = (text: string) => (ctx.stderr.isTTY ? wrapLines(text, ctx.stderr.columns ?? 80) : text);
  return {
    result(text) {
      ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    json(document) {
      ctx.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    },
    info(text) {
      if (!quiet()) ctx.stderr.write(`${fitted(text)}\n`);
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
      // Our own keyboard guard instead of ora's discardStdin: see keyboard-interrupt.ts.
      const spinner = ora({ text: label, stream: ctx.stderr, isEnabled: true, color: 'cyan', discardStdin: false });
      let releaseKeyboard = () => {};
      const timer = setTimeout(() => {
        releaseKeyboard = guardKeyboard(ctx);
        spinner.start();
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
        releaseKeyboard();
      }
    },
  };
}
