// `ovh-order catalog`: the offers of a range with monthly price, setup fee and stock per datacenter,
// filtered and sorted; the wizard's offer table for people, one JSON document for scripts.
import type { Context } from '../context.js';
import { openSession } from '../session.js';
import { commandIo, localeFor, pickSubsidiary, waitFor } from '../command-support.js';
import type { OfferSortKey } from '../../domain/filters.js';
import type { Range } from '../../domain/offer-model.js';
import { openCatalogCache } from '../../config/catalog-cache.js';
import { queryCatalog } from '../../flows/catalog-query.js';
import { catalogDocument, renderCatalog } from '../../ui/catalog-view.js';

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  const range = (options.range as Range | undefined) ?? 'dedicated';
  const subsidiary = await pickSubsidiary(ctx, session, output, options.subsidiary as string | undefined);
  const cache = openCatalogCache(ctx.env, { now: () => ctx.now() });
  ctx.cleanups.push(() => cache.flush());

  const result = await waitFor(ctx, output, `Reading the ${range} catalog and stock (${subsidiary})`, () =>
    queryCatalog(session.api, {
      range,
      subsidiary,
      datacenters: options.datacenter as string | undefined,
      available: options.available === true,
      maxPrice: options.maxPrice as number | undefined,
      minRamGb: options.minRam as number | undefined,
      search: options.search as string | undefined,
      sort: (options.sort as OfferSortKey | undefined) ?? 'price',
      refresh: options.refresh === true,
      cache,
      endpointKey: session.endpoint.name,
      now: () => ctx.now(),
    }),
  );
  const locale = localeFor(session, subsidiary);
  if (ctx.globals.json) {
    output.json(catalogDocument(result, locale));
    return 0;
  }
  if (result.rows.length === 0) {
    output.info(`No offer of the ${range} range matches (${result.loaded.offers.length} in the catalog); loosen the filters.`);
    return 0;
  }
  output.result(renderCatalog(result, { locale, theme }));
  output.info(`${result.rows.length} of ${result.loaded.offers.length} offers, ${subsidiary} prices without tax${result.loaded.fromCache ? ' (catalog from the cache)' : ''}. Order one with \`ovh-order order --plan <plan> --range ${range} --datacenter <dc>\`.`);
  return 0;
}
