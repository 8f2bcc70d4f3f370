// `ovh-order cart delete <cartId...>`: deletes each cart; exit 1 when any could not be deleted.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { commandIo, waitFor } from '../command-support.js';
import { ExitCode } from '../../domain/errors.js';
import { deleteCarts } from '../../flows/cart-prune.js';
import { renderDeleted } from '../../ui/cart-view.js';

export async function run(ctx: Context, _options: Record<string, unknown>, args: string[]): Promise<number> {
  const ids = args.map((a) => a.trim()).filter((a) => a !== '');
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: true, output });
  const outcome = await waitFor(ctx, output, `Deleting ${ids.length === 1 ? 'the cart' : `${ids.length} carts`}`, () => deleteCarts(session.api, ids));
  if (ctx.globals.json) output.json(outcome);
  else output.result(renderDeleted(outcome, theme));
  return outcome.failed.length > 0 ? ExitCode.failure : ExitCode.ok;
}
