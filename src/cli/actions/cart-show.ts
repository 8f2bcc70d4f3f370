// `ovh-order cart show <cartId>`: the cart's items as a tree, configuration, what checkout still
// lacks, the price preview when the credentials allow it, and what the cart buys. Reads only;
// never changes the cart.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { canSign, commandIo, accountSubsidiary, localeOfAccount, waitFor } from '../command-support.js';
import { isCartProduct, rangeOfCartProduct } from '../../domain/offer-model.js';
import type { CartReport } from '../../domain/cart-report.js';
import type { Session } from '../session.js';
import { showCart } from '../../flows/cart-inspect.js';
import { renderCartReport } from '../../ui/cart-view.js';

/**
 * The server's invoice name (`RISE-1 | Intel Xeon-E 2386G`) from the catalog cache `catalog`,
 * `order` and the wizard fill, when it holds the server's range for the account's subsidiary.
 * Never downloaded for this: without it the summary names the plan code.
 */
async function cachedServerName(ctx: Context, session: Session, report: CartReport, subsidiary: string | undefined): Promise<string | undefined> {
  const server = report.items.length === 1 ? report.items[0]! : undefined;
  if (!server?.planCode || !isCartProduct(server.product) || !subsidiary) return undefined;
  const { openCatalogCache } = await import('../../config/catalog-cache.js');
  const cache = openCatalogCache(ctx.env, { now: () => ctx.now() });
  const entry = await cache.getSummaries({ range: rangeOfCartProduct(server.product), subsidiary, endpoint: session.catalogCacheKey });
  return entry?.summaries.find((s) => s.planCode === server.planCode)?.name;
}

export async function run(ctx: Context, _options: Record<string, unknown>, args: string[]): Promise<number> {
  const cartId = args[0]!.trim();
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  const report = await waitFor(ctx, output, `Reading cart ${cartId}`, () => showCart(session.api, cartId, { hasAccount: canSign(session), now: ctx.now() }));
  if (ctx.globals.json) output.json(report);
  else {
    const subsidiary = await accountSubsidiary(session);
    const serverName = await cachedServerName(ctx, session, report, subsidiary);
    const known = { ...(subsidiary ? { subsidiary } : {}), ...(serverName ? { serverName } : {}) };
    output.result(renderCartReport(report, { locale: localeOfAccount(subsidiary), now: ctx.now(), theme, cut: ctx.stdout.isTTY === true, ...known }));
  }
  return 0;
}
