// `ovh-order catalog`: the offers of a range with their stock, filtered and sorted for reading or
// for scripts. The loading is the order engine's (offers-loader), the filters the domain's; this
// only checks the filter values and, when datacenters are asked for, narrows each offer's stock to
// them (the stock column then answers "can I have it there?").
import { UsageError, listAllowed } from '../errors.js';
import type { DatacenterDelay, OfferAvailability } from '../domain/availability.js';
import { filterOffers, sortOffers, type OfferSortKey } from '../domain/filters.js';
import type { Range } from '../domain/offer-model.js';
import { normaliseDatacenter, parseDatacenterList } from '../domain/places.js';
import { loadOffers, type CatalogApi, type CatalogCache, type LoadedOffers, type StockedOffer } from './offers-loader.js';

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
  refresh: boolean;
  cache?: CatalogCache;
  endpointKey?: string;
  now?: () => Date;
}

export interface CatalogRow {
  offer: StockedOffer;
  /** Stock in the datacenters asked for (all datacenters when none was asked for). */
  availability: OfferAvailability;
}

export interface CatalogResult {
  loaded: LoadedOffers;
  /** Short datacenter codes asked for; empty = all. */
  datacenters: string[];
  rows: CatalogRow[];
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
function knownDatacenters(loaded: LoadedOffers): string[] {
  const all = new Set<string>();
  for (const offer of loaded.offers) {
    for (const d of offer.datacenters) all.add(normaliseDatacenter(d));
    for (const d of offer.availability.datacenters) all.add(d.datacenter);
  }
  return [...all].sort();
}

export async function queryCatalog(api: CatalogApi, query: CatalogQuery): Promise<CatalogResult> {
  const datacenters = query.datacenters === undefined ? [] : parseDatacenterList(query.datacenters);
  if (query.datacenters !== undefined && datacenters.length === 0) {
    throw new UsageError(`--datacenter "${query.datacenters}" names no datacenter.`, { code: 'invalid_datacenter', hint: 'Example: --datacenter gra,rbx' });
  }
  const loaded = await loadOffers(api, {
    range: query.range,
    subsidiary: query.subsidiary,
    refresh: query.refresh,
    cache: query.cache,
    endpoint: query.endpointKey,
    now: query.now,
  });
  const known = knownDatacenters(loaded);
  const unknown = datacenters.filter((d) => !known.includes(d));
  if (unknown.length > 0 && known.length > 0) {
    throw new UsageError(`Unknown datacenter ${unknown.map((d) => `"${d}"`).join(', ')} for the ${query.range} range. Allowed: ${listAllowed(known, 30)}.`, {
      code: 'invalid_datacenter',
      hint: 'Give short codes, comma-separated: --datacenter gra,rbx',
    });
  }
  const stock = new Map(loaded.offers.map((o) => [o.planCode, o.availability]));
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
  const narrowed = new Map(filtered.map((o) => [o.planCode, narrowAvailability(stock.get(o.planCode)!, datacenters)]));
  const sorted = sortOffers(filtered, query.sort, narrowed) as StockedOffer[];
  return { loaded, datacenters, rows: sorted.map((offer) => ({ offer, availability: narrowed.get(offer.planCode)! })) };
}
