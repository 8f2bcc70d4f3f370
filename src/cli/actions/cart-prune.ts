// `ovh-order cart prune [--older-than 24h] [--dry-run]`: deletes expired carts and the carts
// ovh-order created (marked in their description) that are older than the limit.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { commandIo, waitFor } from '../command-support.js';
import { ExitCode } from '../../domain/errors.js';
import { parseAge, pruneCarts } from '../../flows/cart-prune.js';
import { renderPrune } from '../../ui/cart-view.js';

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const olderThan = typeof options.olderThan === 'string' ? options.olderThan : '24h';
  parseAge(olderThan); // a bad age fails before any call
  const dryRun = options.dryRun === true;
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: true, output });
  const report = await waitFor(ctx, output, dryRun ? 'Looking for carts to prune' : 'Pruning carts', () =>
    pruneCarts(session.api, { olderThan, dryRun, now: ctx.now() }),
  );
  if (ctx.globals.json) output.json(report);
  else {
    output.result(renderPrune(report, theme, { cut: ctx.stdout.isTTY === true }));
    if (dryRun && report.selected.length > 0) output.info('Dry run: nothing was deleted. Run without --dry-run to delete them.');
  }
  return report.failed.length > 0 ? ExitCode.failure : ExitCode.ok;
}
