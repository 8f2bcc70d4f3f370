// Copies commander's parsed global flags into the context, once per run.
import type { Context } from '../runtime/context.js';

export function applyGlobalOptions(ctx: Context, opts: Record<string, unknown>): void {
  const g = ctx.globals;
  if (typeof opts.endpoint === 'string' && opts.endpoint !== '') g.endpoint = opts.endpoint;
  g.sandbox = opts.sandbox === true;
  if (typeof opts.profile === 'string' && opts.profile !== '') g.profile = opts.profile;
  g.json = opts.json === true;
  g.debug = opts.debug === true;
  if (opts.color === false) g.color = false;
  if (typeof opts.timeout === 'number' && opts.timeout > 0) g.timeoutMs = Math.round(opts.timeout * 1000);
}
