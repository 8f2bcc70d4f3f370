// Copies commander's parsed global flags into the context, once per run.
import type { Context } from '../runtime/context.js';
import { UsageError } from '../domain/errors.js';

/**
 * `--data-pack` is for the sandbox only: on the command line without --sandbox (or the `sandbox`
 * command) it is a usage error; from OVH_ORDER_SANDBOX_DATA_PACK it simply waits for a sandbox run.
 */
export function refuseStrayDataPack(ctx: Pick<Context, 'globals' | 'env'>, command: string): void {
  const pack = ctx.globals.dataPack;
  if (pack === undefined || ctx.globals.sandbox || command === 'sandbox' || ctx.env.OVH_ORDER_SANDBOX_DATA_PACK === pack) return;
  throw new UsageError(`--data-pack "${pack}" needs --sandbox: recorded data is served by the sandbox, never sent to a real API.`, {
    hint: `Add --sandbox (e.g. ovh-order catalog --sandbox --data-pack ${pack}), or run \`ovh-order sandbox --data-pack ${pack}\`.`,
  });
}

export function applyGlobalOptions(ctx: Context, opts: Record<string, unknown>): void {
  const g = ctx.globals;
  if (typeof opts.endpoint === 'string' && opts.endpoint !== '') g.endpoint = opts.endpoint;
  g.sandbox = opts.sandbox === true;
  if (typeof opts.stockSchedule === 'string' && opts.stockSchedule !== '') g.stockSchedule = opts.stockSchedule;
  if (typeof opts.dataPack === 'string' && opts.dataPack !== '') g.dataPack = opts.dataPack;
  if (typeof opts.profile === 'string' && opts.profile !== '') g.profile = opts.profile;
  g.json = opts.json === true;
  g.debug = opts.debug === true;
  if (opts.color === false) g.color = false;
  if (typeof opts.timeout === 'number' && opts.timeout > 0) g.timeoutMs = Math.round(opts.timeout * 1000);
}
