// `ovh-order catalog`: the offers of a range with monthly price, setup fee and stock per datacenter,
// filtered and sorted; the wizard's offer table for people, one JSON document for scripts.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { commandIo, commandText, localeFor, pickSubsidiary, waitFor } from '../command-support.js';
import type { OfferSortKey } from '../../domain/filters.js';
import type { Range } from '../../domain/offer-model.js';
import { CATALOG_TABLE_LIMIT } from '../defaults.js';
import { describeRangeContents, rangeContents } from '../../domain/range-contents.js';
import type { CatalogQuery } from '../../flows/catalog-query.js';

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  // A bad --subsidiary is refused before anything is sent.
  const flag = options.subsidiary as string | undefined;
  const given = flag === undefined ? undefined : await pickSubsidiary(ctx, session, output, flag);
  // Stock is never cached: it is asked for first, and the rest (the account's subsidiary, the
  // catalog cache, the code of the query and of the views) is done while its answer is on the way.
  const availabilities = session.api.getAvailabilities({});
  availabilities.catch(() => {}); // awaited (and reported) by the query
  const modules = Promise.all([import('../../flows/catalog-query.js'), import('../../config/catalog-cache.js'), import('../../ui/catalog-view.js')]);
  modules.catch(() => {});
  const range = (options.range as Range | undefined) ?? 'dedicated';
  const subsidiary = given ?? (await pickSubsidiary(ctx, session, output, undefined));
  const locale = localeFor(session, subsidiary);
  const [{ queryCatalog, queryCatalogSummaries }, { openCatalogCache }, { catalogDocument, renderCatalog, prepareMoneyFormat }] = await modules;
  prepareMoneyFormat(subsidiary, locale);
  const cache = openCatalogCache(ctx.env, { now: () => ctx.now() });
  ctx.cleanups.push(() => cache.flush());

  const json = ctx.globals.json;
  // A table shows a page unless asked for more; a script gets everything unless it says a number.
  const limit = options.all === true ? undefined : ((options.limit as number | undefined) ?? (json ? undefined : CATALOG_TABLE_LIMIT));
  const query: CatalogQuery = {
    range,
    subsidiary,
    datacenters: options.datacenter as string | undefined,
    available: options.available === true,
    maxPrice: options.maxPrice as number | undefined,
    minRamGb: options.minRam as number | undefined,
    search: options.search as string | undefined,
    sort: (options.sort as OfferSortKey | undefined) ?? 'price',
    limit,
    refresh: options.refresh === true,
    cache,
    endpointKey: session.catalogCacheKey,
    now: () => ctx.now(),
    availabilities,
  };
  const what = `Reading the ${range} catalog and stock (${subsidiary})`;
  if (json) {
    // The document carries pricings, options and configurations: the whole offers.
    const result = await waitFor(ctx, output, what, () => queryCatalog(session.api, query));
    for (const warning of result.loaded.warnings) output.warn(warning);
    output.json({ ...catalogDocument(result, locale), productLines: rangeContents(result.loaded.offers) });
    return 0;
  }
  // A table needs the offers' summaries only: a warm cache reads ~1/40 of its file for them.
  const result = await waitFor(ctx, output, what, () => queryCatalogSummaries(session.api, query));
  for (const warning of result.loaded.warnings) output.warn(warning);
  const total = result.loaded.offers.length;
  if (result.rows.length === 0) {
    output.info(`No offer of the ${range} range matches (${total} in the catalog); loosen the filters.`);
    return 0;
  }
  output.result(renderCatalog(result, { locale, theme, cut: ctx.stdout.isTTY === true }));
  output.info(`The ${range} catalog holds ${describeRangeContents(rangeContents(result.loaded.offers))} offers.`);
  const cached = result.loaded.fromCache ? ' (catalog from the cache)' : '';
  const order = `Order one with \`${commandText(ctx, `order --plan <plan> --range ${range} --datacenter <dc>`)}\`.`;
  if (result.matching > result.rows.length) {
    output.info(
      `The first ${result.rows.length} of ${result.matching} matching offers by ${query.sort}, ${subsidiary} prices without tax${cached}. --all shows every one; --search, --max-price or --available narrow the list. ${order}`,
    );
  } else {
    output.info(`${result.rows.length} of ${total} offers, ${subsidiary} prices without tax${cached}. ${order}`);
  }
  return 0;
}
