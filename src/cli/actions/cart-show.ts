// `ovh-order cart show <cartId>`: the cart's items as a tree, configuration, what checkout still
// lacks, and the price preview when the credentials allow it. Reads only; never changes the cart.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { canSign, commandIo, accountSubsidiary, waitFor } from '../command-support.js';
import { localeOfSubsidiary } from '../../domain/subsidiaries.js';
import { showCart } from '../../flows/cart-inspect.js';
import { renderCartReport } from '../../ui/cart-view.js';

export async function run(ctx: Context, _options: Record<string, unknown>, args: string[]): Promise<number> {
  const cartId = args[0]!.trim();
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  const report = await waitFor(ctx, output, `Reading cart ${cartId}`, () => showCart(session.api, cartId, { hasAccount: canSign(session), now: ctx.now() }));
  if (ctx.globals.json) output.json(report);
  else {
    const subsidiary = await accountSubsidiary(session);
    const cut = ctx.stdout.isTTY === true;
    output.result(
      renderCartReport(report, { locale: localeOfSubsidiary(subsidiary ?? 'GB'), now: ctx.now(), theme, cut, ...(subsidiary ? { subsidiary } : {}) }),
    );
  }
  return 0;
}
