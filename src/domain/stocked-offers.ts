// Offers with their stock joined, as the catalog loader hands them over and `catalog` lists them.
// Flows build these (src/flows/offers-loader.ts, catalog-query.ts); ui renders them.
import type { DatacenterAvailability } from '../ovh/models/availability.js';
import type { OfferAvailability } from './availability.js';
import type { Offer, OfferSummary, Range } from './offer-model.js';

/** An Offer (or a summary of one) with the stock of its default hardware joined. */
export type Stocked<T extends Offer | OfferSummary> = T & { availability: OfferAvailability };

export type StockedOffer = Stocked<Offer>;

export interface LoadedOffers<T extends Offer | OfferSummary = Offer> {
  range: Range;
  subsidiary: string;
  /** Catalog order; sort with `cheapestFirst` or the filters. */
  offers: Array<Stocked<T>>;
  /** Currency of the catalog's prices (from the first offer; the subsidiary's otherwise). */
  currency: string | null;
  /** When the catalog was fetched (earlier than now when it came from the cache). */
  catalogFetchedAt: Date;
  fromCache: boolean;
  /** The raw availability records, to re-join for another hardware choice (`stockFor`). */
  availabilities: DatacenterAvailability[];
  /** What a person should be told (e.g. stock the dedicated range could not join). */
  warnings: string[];
}

export interface CatalogRow<T extends Offer | OfferSummary = Offer> {
  offer: Stocked<T>;
  /** Stock in the datacenters asked for (all datacenters when none was asked for). */
  availability: OfferAvailability;
}

export interface CatalogResult<T extends Offer | OfferSummary = Offer> {
  loaded: LoadedOffers<T>;
  /** Short datacenter codes asked for; empty = all. */
  datacenters: string[];
  rows: Array<CatalogRow<T>>;
  /** Offers that pass the filters: `rows.length` unless a limit cut the list. */
  matching: number;
}
