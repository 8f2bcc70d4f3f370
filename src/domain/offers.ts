// Entry point for offers: normalise any of the three catalogs to Offer[], find, order by price.
import type { FormattedDedicatedCatalog, PublicCatalog } from '../ovh/models/catalog.js';
import { UsageError, listAllowed } from './errors.js';
import { compareMoney } from './money.js';
import { defaultHardware } from './availability.js';
import { compareCodes, type Offer, type OfferAddon, type OfferSummary, type Range } from './offer-model.js';
import { offersFromFormattedCatalog } from './offers-formatted.js';
import { offersFromPublicCatalog } from './offers-public.js';

export * from './offer-model.js';
export { defaultPricing } from './offer-pricing.js';
export { priceOfSelection } from './selection-pricing.js';

/** The catalog a range is read from, already validated by src/ovh. */
export type RangeCatalog =
  | {
      range: 'dedicated';
      catalog: FormattedDedicatedCatalog;
      /** Offers of the public ranges: the stock names of the dedicated add-ons (see offers-formatted.ts). */
      publicOffers?: readonly Offer[];
    }
  | { range: 'baremetal' | 'eco'; catalog: PublicCatalog };

/** One Offer per plan of the range's catalog, priced at `now` (promotions have dates). */
export function normaliseCatalog(input: RangeCatalog, now: Date = new Date()): Offer[] {
  return input.range === 'dedicated' ? offersFromFormattedCatalog(input.catalog, input.publicOffers) : offersFromPublicCatalog(input.catalog, input.range, now);
}

/** What lists show of an offer (see OfferSummary): its facts and its default hardware's plan codes. */
export function summarizeOffer(offer: Offer): OfferSummary {
  const { range, product, planCode, name, family, cpu, ramGb, storage, bandwidthMbps, currency, monthly, setup, datacenters } = offer;
  const hardware = defaultHardware(offer);
  const slim = (addon: OfferSummary['defaultHardware']['memory']) => (addon ? { planCode: addon.planCode, product: addon.product } : null);
  const summary: OfferSummary = {
    range,
    product,
    planCode,
    name,
    family,
    cpu,
    ramGb,
    storage,
    currency,
    monthly,
    setup,
    datacenters,
    defaultHardware: { memory: slim(hardware.memory), storage: slim(hardware.storage), systemStorage: slim(hardware.systemStorage) },
  };
  if (bandwidthMbps !== undefined) summary.bandwidthMbps = bandwidthMbps;
  return summary;
}

function findOffer(offers: readonly Offer[], planCode: string): Offer | undefined {
  return offers.find((o) => o.planCode === planCode);
}

/** The offer for a plan code, or a UsageError naming it and listing the range's plan codes. */
export function requireOffer(offers: readonly Offer[], planCode: string, range?: Range): Offer {
  const offer = findOffer(offers, planCode);
  if (offer) return offer;
  const where = range ? ` in the ${range} range` : '';
  throw new UsageError(`Unknown plan "${planCode}"${where}. Allowed: ${listAllowed(offers.map((o) => o.planCode))}.`, {
    code: 'invalid_plan',
    hint: 'See the plan codes with `ovh-order catalog`.',
  });
}

/** Cheapest monthly price first (ties: plan code), without changing the input. */
export function cheapestFirst(offers: readonly Offer[]): Offer[] {
  return [...offers].sort((a, b) => compareByMonthly(a, b) || compareCodes(a.planCode, b.planCode));
}

function compareByMonthly(a: Offer, b: Offer): number {
  // Different currencies never meet in one catalog; compare raw amounts if they ever do.
  return a.monthly.currency === b.monthly.currency ? compareMoney(a.monthly, b.monthly) : a.monthly.micros - b.monthly.micros;
}

/** Every add-on of an offer, across families. */
export function addonsOf(offer: Offer): OfferAddon[] {
  return offer.addonFamilies.flatMap((f) => f.addons);
}

/** An offer's add-on by plan code. */
export function findAddon(offer: Offer, planCode: string): OfferAddon | undefined {
  for (const family of offer.addonFamilies) {
    const addon = family.addons.find((a) => a.planCode === planCode);
    if (addon) return addon;
  }
  return undefined;
}
