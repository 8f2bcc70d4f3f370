// `ovh-order cart list`: the carts assigned to your account, with description, expiry and items.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { commandIo, commandText, localeFor, waitFor } from '../command-support.js';
import { listCarts } from '../../flows/cart-list.js';
import { renderCartList } from '../../ui/cart-view.js';

export async function run(ctx: Context): Promise<number> {
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: true, output });
  const carts = await waitFor(ctx, output, 'Reading your carts', () => listCarts(session.api, ctx.now()));
  if (ctx.globals.json) {
    output.json({ carts });
    return 0;
  }
  if (carts.length === 0) {
    output.info('No cart is assigned to your account.');
    return 0;
  }
  output.result(renderCartList(carts, { locale: localeFor(session), now: ctx.now(), theme, cut: ctx.stdout.isTTY === true }));
  output.info(`See one with \`${commandText(ctx, 'cart show <cartId>')}\`; tidy up with \`${commandText(ctx, 'cart prune')}\`.`);
  return 0;
}
