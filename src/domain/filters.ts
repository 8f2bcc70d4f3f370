// Offer filters and sorts for `catalog` and the wizard's offer list.
import { availabilityRank, isAvailableIn, type OfferAvailability } from './availability.js';
import { totalCores } from './hardware.js';
import { compareMoney, moneyFromUnits } from './money.js';
import { compareCodes, type OfferFacts } from './offer-model.js';
import { normaliseDatacenter } from './places.js';

export interface OfferFilter {
  /** Words that must all appear in the name, plan code, family or CPU (case-insensitive). */
  search?: string;
  minRamGb?: number;
  /** Maximum monthly price in currency units (`--max-price 49.99`). */
  maxMonthly?: number;
  /** Short codes or any spelling; with availability, "orderable there", else "offered there". */
  datacenters?: readonly string[];
  /** Only offers orderable somewhere (or in `datacenters`); needs availability. */
  availableOnly?: boolean;
}

export type OfferSortKey = 'price' | 'ram' | 'cpu' | 'delay';
/** The text an offer is searched in. */
function haystack(offer: OfferFacts): string {
  const cpu = offer.cpu ? `${offer.cpu.brand} ${offer.cpu.model}` : '';
  return `${offer.name} ${offer.planCode} ${offer.family ?? ''} ${cpu} ${offer.storage?.summary ?? ''}`.toLowerCase();
}

export function matchesSearch(offer: OfferFacts, search: string): boolean {
  const text = haystack(offer);
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((word) => text.includes(word));
}

/**
 * Offers passing every filter. `datacenters`: orderable in one of them when the offer's stock is
 * known, else offered there by the catalog. `availableOnly` needs `availability` (by plan code):
 * offers with no stock record are left out.
 */
export function filterOffers<T extends OfferFacts>(offers: readonly T[], filter: OfferFilter, availability?: ReadonlyMap<string, OfferAvailability>): T[] {
  const datacenters = (filter.datacenters ?? []).map(normaliseDatacenter);
  return offers.filter((offer) => {
    if (filter.search && !matchesSearch(offer, filter.search)) return false;
    if (filter.minRamGb !== undefined && (offer.ramGb ?? 0) < filter.minRamGb) return false;
    if (filter.maxMonthly !== undefined && compareMoney(offer.monthly, moneyFromUnits(filter.maxMonthly, offer.monthly.currency)) > 0) return false;
    const known = availability?.get(offer.planCode);
    if (datacenters.length > 0) {
      // With stock known: orderable there. Without: at least offered there by the catalog.
      const ok = known && known.match !== 'none' ? isAvailableIn(known, datacenters) : offer.datacenters.some((d) => datacenters.includes(d));
      if (!ok) return false;
    }
    if (filter.availableOnly && !isAvailableIn(known, datacenters)) return false;
    return true;
  });
}

function byPrice(a: OfferFacts, b: OfferFacts): number {
  return a.monthly.currency === b.monthly.currency ? compareMoney(a.monthly, b.monthly) : a.monthly.micros - b.monthly.micros;
}

/**
 * Sorted copy: `price` cheapest first; `ram` and `cpu` biggest first; `delay` soonest first
 * (needs availability; unknown last). Ties: cheaper first, then plan code.
 */
export function sortOffers<T extends OfferFacts>(offers: readonly T[], key: OfferSortKey, availability?: ReadonlyMap<string, OfferAvailability>): T[] {
  const primary = (a: OfferFacts, b: OfferFacts): number => {
    switch (key) {
      case 'price':
        return byPrice(a, b);
      case 'ram':
        return (b.ramGb ?? 0) - (a.ramGb ?? 0);
      case 'cpu':
        return totalCores(b.cpu) - totalCores(a.cpu) || (b.cpu?.frequencyGhz ?? 0) - (a.cpu?.frequencyGhz ?? 0);
      case 'delay':
        return availabilityRank(availability?.get(a.planCode)) - availabilityRank(availability?.get(b.planCode));
    }
  };
  return [...offers].sort((a, b) => primary(a, b) || byPrice(a, b) || compareCodes(a.planCode, b.planCode));
}
