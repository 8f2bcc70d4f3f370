// Offers of a range with their stock: the catalog and the availabilities are fetched in parallel and
// joined in src/domain. Stock is never cached (it changes by the minute); the catalog may be, through
// the optional `cache` seam (the file cache with a TTL is src/config/catalog-cache.ts). Tables need
// only the offers' summaries (`loadOfferSummaries`), which a cache reads back without the rest.
import type { OvhApi } from '../ovh/api.js';
import type { DatacenterAvailability } from '../ovh/models/availability.js';
import type { FormattedDedicatedCatalog, PublicCatalog } from '../ovh/models/catalog.js';
import { UsageError, listAllowed } from '../domain/errors.js';
import { closeMatches } from '../domain/close-matches.js';
import { offerAvailability, stockLookup, type HardwareChoice, type OfferAvailability } from '../domain/availability.js';
import { lazily } from '../domain/lazy.js';
import { nextPromotionBoundary } from '../domain/offer-pricing.js';
import { normaliseCatalog, summarizeOffer, type RangeCatalog } from '../domain/offers.js';
import { RANGES, type Offer, type OfferSummary, type Range } from '../domain/offer-model.js';
import type { Stocked, StockedOffer, LoadedOffers } from '../domain/stocked-offers.js';

export { closeMatches } from '../domain/close-matches.js';

/** The API calls the loader needs (an OvhApi, or a fake in unit tests). */
export type CatalogApi = Pick<OvhApi, 'getFormattedDedicatedCatalog' | 'getPublicCatalog' | 'getAvailabilities'>;

/**
 * A catalog as cached: its normalised offers (reading them back is several times faster than
 * parsing and normalising the raw catalog again), with the time the catalog was fetched.
 */
export interface CachedCatalog {
  offers: Offer[];
  /** `offers` summarised, same order. */
  summaries: OfferSummary[];
  fetchedAt: Date;
  /** The next promotion start or end: the offers' prices hold until then, however fresh the entry. */
  pricesUntil?: Date;
}

/**
 * Seam for the catalog cache (issue: catalog cache with TTL). `get` answers undefined when it has
 * nothing fresh; the loader then fetches and calls `set`. Availability never goes through it.
 */
export interface CatalogCache {
  get(key: { range: Range; subsidiary: string; endpoint?: string }): Promise<CachedCatalog | undefined> | CachedCatalog | undefined;
  /** The summaries alone, when the cache can read them without the offers (else `get` is used). */
  getSummaries?(key: {
    range: Range;
    subsidiary: string;
    endpoint?: string;
  }): Promise<Omit<CachedCatalog, 'offers'> | undefined> | Omit<CachedCatalog, 'offers'> | undefined;
  set(key: { range: Range; subsidiary: string; endpoint?: string }, value: CachedCatalog): Promise<void> | void;
}

export interface LoadOffersOptions {
  range: Range;
  subsidiary: string;
  /** Ignore (but refill) the catalog cache. */
  refresh?: boolean;
  cache?: CatalogCache;
  /** Cache key part naming the API (e.g. `endpoint.apiUrl`), so two APIs never share an entry. */
  endpoint?: string;
  /** Wall clock for `catalogFetchedAt`. */
  now?: () => Date;
  /** The stock, when the caller has already asked for it (so that its round trip overlapped other work). */
  availabilities?: Promise<DatacenterAvailability[]>;
}

/** Fetches one range's raw catalog (already validated by src/ovh). */
async function fetchRangeCatalog(api: CatalogApi, range: Range, subsidiary: string): Promise<RangeCatalog> {
  if (range === 'dedicated') {
    const catalog: FormattedDedicatedCatalog = await api.getFormattedDedicatedCatalog(subsidiary);
    return { range, catalog };
  }
  const catalog: PublicCatalog = await api.getPublicCatalog(range === 'baremetal' ? 'baremetalServers' : 'eco', subsidiary);
  return { range, catalog };
}

type CatalogPart = 'offers' | 'summaries';
type PartOf<P extends CatalogPart> = P extends 'offers' ? Offer : OfferSummary;
interface CatalogPartResult<P extends CatalogPart> {
  items: Array<PartOf<P>>;
  fetchedAt: Date;
  fromCache: boolean;
  /** What a person should know about this read (a public catalog the dedicated range could not join). */
  warnings: string[];
}

/** The public ranges whose add-ons give the dedicated range its stock names. */
const PUBLIC_RANGES = ['baremetal', 'eco'] as const satisfies readonly Range[];

/**
 * Catalogs being read, per API: `order` without --range reads every range at once, and the
 * dedicated range reads the public ones too; a catalog asked for while it is read is not asked
 * again. Forgotten once read (a long-running command reads again; the file cache is the memory).
 */
const inFlight = new WeakMap<CatalogApi, Map<string, Promise<CatalogPartResult<CatalogPart>>>>();

function catalogOf<P extends CatalogPart>(api: CatalogApi, options: LoadOffersOptions, part: P): Promise<CatalogPartResult<P>> {
  let runs = inFlight.get(api);
  if (!runs) inFlight.set(api, (runs = new Map<string, Promise<CatalogPartResult<CatalogPart>>>()));
  const key = JSON.stringify([options.range, options.subsidiary, options.endpoint ?? null, !!options.refresh, part]);
  let run = runs.get(key);
  if (!run) {
    run = readCatalog(api, options, part);
    runs.set(key, run);
    const forget = () => runs.delete(key);
    run.then(forget, forget);
  }
  return run;
}

/** Offers of a range from the network: the dedicated range with the public ranges joined in. */
async function fetchOffers(
  api: CatalogApi,
  options: LoadOffersOptions,
  now: Date,
): Promise<{ offers: Offer[]; complete: boolean; pricesUntil?: Date; warnings: string[] }> {
  if (options.range !== 'dedicated') {
    const raw = await fetchRangeCatalog(api, options.range, options.subsidiary);
    const catalog = raw.catalog as PublicCatalog;
    const pricings = [...catalog.plans, ...(catalog.addons ?? [])].flatMap((p) => p.pricings);
    return { offers: normaliseCatalog(raw, now), complete: true, pricesUntil: nextPromotionBoundary(pricings, now), warnings: [] };
  }
  const warnings: string[] = [];
  const [formatted, ...publics] = await Promise.all([
    fetchRangeCatalog(api, 'dedicated', options.subsidiary),
    // A public range that cannot be read leaves some stock unknown, never the dedicated range unlisted.
    ...PUBLIC_RANGES.map((range) =>
      catalogOf(api, { ...options, range }, 'offers').then(
        (r) => r.items,
        (error: unknown) => {
          warnings.push(
            `The ${range} catalog could not be read (${error instanceof Error ? error.message : String(error)}): stock of the dedicated plans whose hardware it names is shown as unknown.`,
          );
          return undefined;
        },
      ),
    ),
  ]);
  const publicOffers = publics.flatMap((offers) => offers ?? []);
  if (formatted.range !== 'dedicated') throw new Error('unreachable: the dedicated catalog');
  return { offers: normaliseCatalog({ ...formatted, publicOffers }, now), complete: publics.every((p) => p !== undefined), warnings };
}

async function readCatalog<P extends CatalogPart>(api: CatalogApi, options: LoadOffersOptions, part: P): Promise<CatalogPartResult<P>> {
  const now = options.now ?? (() => new Date());
  const key = { range: options.range, subsidiary: options.subsidiary, endpoint: options.endpoint };
  const cache = options.cache;
  if (cache && !options.refresh) {
    if (part === 'summaries' && cache.getSummaries) {
      const hit = await cache.getSummaries(key);
      if (hit) return { items: hit.summaries as Array<PartOf<P>>, fetchedAt: hit.fetchedAt, fromCache: true, warnings: [] };
    } else {
      const hit = await cache.get(key);
      if (hit) return { items: (part === 'offers' ? hit.offers : hit.summaries) as Array<PartOf<P>>, fetchedAt: hit.fetchedAt, fromCache: true, warnings: [] };
    }
  }
  const fetchedAt = now();
  const { offers, complete, pricesUntil, warnings } = await fetchOffers(api, options, fetchedAt);
  const fetched: CachedCatalog = { offers, summaries: offers.map(summarizeOffer), fetchedAt };
  if (pricesUntil) fetched.pricesUntil = pricesUntil;
  // Without a public range the dedicated stock names are unknown: not kept for the next runs.
  if (cache && complete) await cache.set(key, fetched);
  return { items: (part === 'offers' ? fetched.offers : fetched.summaries) as Array<PartOf<P>>, fetchedAt: fetched.fetchedAt, fromCache: false, warnings };
}

async function loadStocked<P extends CatalogPart>(api: CatalogApi, options: LoadOffersOptions, part: P): Promise<LoadedOffers<PartOf<P>>> {
  const [catalog, availabilities] = await Promise.all([catalogOf(api, options, part), options.availabilities ?? api.getAvailabilities({})]);
  const stockOf = stockLookup(availabilities);
  return {
    range: options.range,
    subsidiary: options.subsidiary,
    // Joined when read: a table of 20 offers looks up 20, not the whole range (see domain/lazy.ts).
    offers: catalog.items.map((item) => {
      const stocked = { ...item } as unknown as { availability: OfferAvailability };
      lazily(stocked, 'availability', () => stockOf(item));
      return stocked as Stocked<PartOf<P>>;
    }),
    currency: catalog.items[0]?.currency ?? null,
    catalogFetchedAt: catalog.fetchedAt,
    fromCache: catalog.fromCache,
    availabilities,
    warnings: catalog.warnings,
  };
}

/** The offers of a range with stock joined. Catalog and availabilities are fetched in parallel. */
export function loadOffers(api: CatalogApi, options: LoadOffersOptions): Promise<LoadedOffers> {
  return loadStocked(api, options, 'offers');
}

/** The same for a table: the offers' summaries, which a warm cache reads back in a few milliseconds. */
export function loadOfferSummaries(api: CatalogApi, options: LoadOffersOptions): Promise<LoadedOffers<OfferSummary>> {
  return loadStocked(api, options, 'summaries');
}

/**
 * Stock of an offer for a chosen hardware (memory/storage add-ons), fresh from the API:
 * `GET /dedicated/server/datacenter/availabilities?planCode=`. Falls back to `known` records when the
 * plan-filtered answer is empty (plan codes drift between catalog and availability).
 */
export async function stockFor(
  api: Pick<OvhApi, 'getAvailabilities'>,
  offer: Offer,
  choice: HardwareChoice,
  known: readonly DatacenterAvailability[] = [],
): Promise<OfferAvailability> {
  const fresh = await api.getAvailabilities({ planCode: offer.planCode });
  const records = fresh.length > 0 ? fresh : known;
  return offerAvailability(offer, records, choice);
}

// ---------------------------------------------------------------------------------------------
// Looking a plan up (the unattended `order` command, `--plan`, resumed carts)
// ---------------------------------------------------------------------------------------------

export interface LoadOfferByPlanOptions extends Omit<LoadOffersOptions, 'range'> {
  planCode: string;
  /** The range the plan is expected in; undefined: look in every range (first found wins, RANGES order). */
  range?: Range;
}

export interface FoundOffer {
  offer: StockedOffer;
  loaded: LoadedOffers;
}

/**
 * One plan of a range, with stock. UsageError when the plan is in another range (naming it and the
 * flag to use) or in none (listing the close matches, or the range's plan codes).
 */
export async function loadOfferByPlan(api: CatalogApi, options: LoadOfferByPlanOptions): Promise<FoundOffer> {
  const wanted = options.planCode.trim();
  const ranges = options.range ? [options.range] : [...RANGES];
  // One stock answer for every range looked in.
  const availabilities = options.availabilities ?? api.getAvailabilities({});
  const loadedByRange = await Promise.all(ranges.map((range) => loadOffers(api, { ...options, range, availabilities })));
  for (const loaded of loadedByRange) {
    const offer = loaded.offers.find((o) => o.planCode === wanted);
    if (offer) return { offer, loaded };
  }

  const requested = loadedByRange[0]!;
  if (options.range) {
    // Not in the range asked for: is it sold in another one?
    const others = RANGES.filter((r) => r !== options.range);
    const otherCatalogs = await Promise.allSettled(others.map((range) => fetchRangeCatalog(api, range, options.subsidiary)));
    const elsewhere = others.filter((_, i) => {
      const settled = otherCatalogs[i];
      return settled?.status === 'fulfilled' && normaliseCatalog(settled.value).some((o) => o.planCode === wanted);
    });
    if (elsewhere.length > 0) {
      throw new UsageError(`Plan "${wanted}" is not in the ${options.range} range; it is sold in the ${elsewhere.join(' and ')} range.`, {
        code: 'plan_in_other_range',
        hint: `Use --range ${elsewhere[0]}.`,
      });
    }
  }
  const all = loadedByRange.flatMap((l) => l.offers.map((o) => o.planCode));
  const close = closeMatches(wanted, all);
  const where = options.range ? ` in the ${options.range} range (${options.subsidiary})` : ` in any range (${options.subsidiary})`;
  throw new UsageError(
    close.length > 0
      ? `Unknown plan "${wanted}"${where}. Did you mean: ${close.join(', ')}?`
      : `Unknown plan "${wanted}"${where}. Allowed: ${listAllowed(requested.offers.map((o) => o.planCode))}.`,
    { code: 'invalid_plan', hint: 'See the plan codes with `ovh-order catalog`.' },
  );
}
