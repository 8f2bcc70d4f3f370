// `ovh-order catalog`: the offers of a range with their stock, filtered and sorted for reading or
// for scripts. The loading is the order engine's (offers-loader), the filters the domain's; this
// only checks the filter values and, when datacenters are asked for, narrows each offer's stock to
// them (the stock column then answers "can I have it there?").
import { UsageError, listAllowed } from '../domain/errors.js';
import type { DatacenterDelay, OfferAvailability } from '../domain/availability.js';
import { filterOffers, sortOffers, type OfferSortKey } from '../domain/filters.js';
import type { Offer, OfferSummary, Range } from '../domain/offer-model.js';
import { normaliseDatacenter, parseDatacenterList } from '../domain/places.js';
import { loadOfferSummaries, loadOffers, type CatalogApi, type CatalogCache, type LoadOffersOptions } from './offers-loader.js';
import type { LoadedOffers, Stocked } from '../domain/stocked-offers.js';
import type { CatalogResult } from '../domain/stocked-offers.js';

export interface CatalogQuery {
  range: Range;
  subsidiary: string;
  /** `--datacenter gra,rbx`, as given. */
  datacenters?: string;
  available: boolean;
  maxPrice?: number;
  minRamGb?: number;
  search?: string;
  sort: OfferSortKey;
  /** At most this many rows, the first in sort order (undefined: all). */
  limit?: number;
  refresh: boolean;
  cache?: CatalogCache;
  endpointKey?: string;
  now?: () => Date;
  /** The stock, when already asked for. */
  availabilities?: LoadOffersOptions['availabilities'];
}

/** An offer's stock narrowed to some datacenters (soonest first, as the domain orders them). */
export function narrowAvailability(availability: OfferAvailability, datacenters: readonly string[]): OfferAvailability {
  if (datacenters.length === 0) return availability;
  const wanted = new Set(datacenters);
  const kept: DatacenterDelay[] = availability.datacenters.filter((d) => wanted.has(d.datacenter));
  const orderable = kept.filter((d) => d.orderable);
  return { ...availability, datacenters: kept, soonest: orderable[0] ?? null, orderableDatacenters: orderable.map((d) => d.datacenter) };
}

/** Every datacenter the range mentions: offered by a plan, or listed in its stock. */
function knownDatacenters(loaded: LoadedOffers<Offer | OfferSummary>): string[] {
  const all = new Set<string>();
  for (const offer of loaded.offers) {
    for (const d of offer.datacenters) all.add(normaliseDatacenter(d));
    for (const d of offer.availability.datacenters) all.add(d.datacenter);
  }
  return [...all].sort();
}

/** The whole offers (for `--json`: pricings, options, configurations). */
export function queryCatalog(api: CatalogApi, query: CatalogQuery): Promise<CatalogResult> {
  return queryWith(api, query, loadOffers);
}

/** The offers' summaries, all a table shows: a warm cache gives them without reading the rest. */
export function queryCatalogSummaries(api: CatalogApi, query: CatalogQuery): Promise<CatalogResult<OfferSummary>> {
  return queryWith(api, query, loadOfferSummaries);
}

async function queryWith<T extends Offer | OfferSummary>(
  api: CatalogApi,
  query: CatalogQuery,
  load: (api: CatalogApi, options: Parameters<typeof loadOffers>[1]) => Promise<LoadedOffers<T>>,
): Promise<CatalogResult<T>> {
  const datacenters = query.datacenters === undefined ? [] : parseDatacenterList(query.datacenters);
  if (query.datacenters !== undefined && datacenters.length === 0) {
    throw new UsageError(`--datacenter "${query.datacenters}" names no datacenter.`, { code: 'invalid_datacenter', hint: 'Example: --datacenter gra,rbx' });
  }
  const loaded = await load(api, {
    range: query.range,
    subsidiary: query.subsidiary,
    refresh: query.refresh,
    cache: query.cache,
    endpoint: query.endpointKey,
    now: query.now,
    availabilities: query.availabilities,
  });
  if (datacenters.length > 0) {
    const known = knownDatacenters(loaded);
    const unknown = datacenters.filter((d) => !known.includes(d));
    if (unknown.length > 0 && known.length > 0) {
      throw new UsageError(`Unknown datacenter ${unknown.map((d) => `"${d}"`).join(', ')} for the ${query.range} range. Allowed: ${listAllowed(known, 30)}.`, {
        code: 'invalid_datacenter',
        hint: 'Give short codes, comma-separated: --datacenter gra,rbx',
      });
    }
  }
  // Stock is joined when read (offers-loader): only the filters and sorts that need it read it for
  // every offer; otherwise only the rows shown are looked up.
  const stockFilter = datacenters.length > 0 || query.available;
  const stock = stockFilter ? new Map(loaded.offers.map((o) => [o.planCode, o.availability])) : undefined;
  const filtered = filterOffers(
    loaded.offers,
    {
      search: query.search,
      minRamGb: query.minRamGb,
      maxMonthly: query.maxPrice,
      datacenters,
      availableOnly: query.available,
    },
    stock,
  );
  // Sorting by delay looks at the datacenters asked for only.
  const stockShown = (offer: Stocked<T>) => narrowAvailability(offer.availability, datacenters);
  const narrowed = query.sort === 'delay' ? new Map(filtered.map((o) => [o.planCode, stockShown(o)])) : undefined;
  const sorted = sortOffers(filtered, query.sort, narrowed);
  const shown = query.limit === undefined ? sorted : sorted.slice(0, query.limit);
  return {
    loaded,
    datacenters,
    rows: shown.map((offer) => ({ offer, availability: narrowed?.get(offer.planCode) ?? stockShown(offer) })),
    matching: sorted.length,
  };
}
