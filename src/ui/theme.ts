// Semantic colours. Every colour in ovh-order comes from here, and all vanish with --no-color / NO_COLOR.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Context } from '../runtime/context.js';

export interface Theme {
  price: (s: string) => string;
  ok: (s: string) => string;
  warn: (s: string) => string;
  error: (s: string) => string;
  muted: (s: string) => string;
  strong: (s: string) => string;
  code: (s: string) => string;
  heading: (s: string) => string;
}

export function createTheme(ctx: Pick<Context, 'globals' | 'stderr'>, stream: { isTTY?: boolean } = ctx.stderr): Theme {
  const level = ctx.globals.color && stream.isTTY ? 1 : 0;
  const c: ChalkInstance = new Chalk({ level });
  return {
    price: (s) => c.cyan(s),
    ok: (s) => c.green(s),
    warn: (s) => c.yellow(s),
    error: (s) => c.red.bold(s),
    muted: (s) => c.dim(s),
    strong: (s) => c.bold(s),
    code: (s) => c.magenta(s),
    heading: (s) => c.bold.underline(s),
  };
}
