// /order/catalog/public/{eco,baremetalServers} → Offer. A plan names its add-ons by plan code
// (resolved through `addons[]`) and its hardware through `products[]` blobs: the server product
// gives the CPU, the default memory/storage/bandwidth add-ons give RAM, disks and bandwidth.
import type { CatalogPlan, CatalogProduct, PublicCatalog } from '../ovh/models/catalog.js';
import { cpuFromBlob, combineStorage, ramGbFromCode, storageFromBlob } from './hardware.js';
import { compareMoney, subtractMoney, zeroMoney, type Money } from './money.js';
import { addonPricingFor, addonPricings, defaultModePricing, defaultPricing, planPricings, withAddonPrices } from './offer-pricing.js';
import {
  cartProductOfRange,
  type AddonPricing,
  type Offer,
  type OfferAddon,
  type OfferAddonFamily,
  type OfferConfiguration,
  type OfferPricing,
  type Range,
} from './offer-model.js';
import { lazily } from './lazy.js';
import { normaliseDatacenters } from './places.js';

/** Add-on families that describe the machine's hardware, by the names the catalogs use. */
const HARDWARE_FAMILIES = { memory: 'memory', storage: 'storage', systemStorage: 'system-storage', bandwidth: 'bandwidth', vrack: 'vrack' } as const;

interface CatalogIndex {
  addons: Map<string, CatalogPlan>;
  products: Map<string, CatalogProduct>;
  currency: string;
  /** Add-on prices by plan code: many plans list the same add-ons, price them once. */
  addonPrices: Map<string, AddonPricing[]>;
  /** Promotions apply at this time (see promotionApplies). */
  now: Date;
}

function indexCatalog(catalog: PublicCatalog, now: Date): CatalogIndex {
  return {
    now,
    addons: new Map((catalog.addons ?? []).map((a) => [a.planCode, a])),
    products: new Map((catalog.products ?? []).map((p) => [p.name, p])),
    currency: catalog.locale.currencyCode,
    addonPrices: new Map(),
  };
}

function pricesOfAddon(definition: CatalogPlan, index: CatalogIndex): AddonPricing[] {
  let prices = index.addonPrices.get(definition.planCode);
  if (!prices) {
    prices = addonPricings(definition.pricings, index.currency, index.now);
    index.addonPrices.set(definition.planCode, prices);
  }
  return prices;
}

/** Every plan of a public catalog as an Offer priced at `now` (promotions have dates), in catalog order. */
export function offersFromPublicCatalog(catalog: PublicCatalog, range: Exclude<Range, 'dedicated'>, now: Date = new Date()): Offer[] {
  const index = indexCatalog(catalog, now);
  return catalog.plans.map((plan) => offerFromPlan(plan, index, range));
}

/** An add-on's pricing in one mode and period, priced from that mode's catalog entries alone. */
function addonPricingIn(addon: OfferAddon, mode: string, intervalMonths: number, index: CatalogIndex): AddonPricing | undefined {
  const definition = index.addons.get(addon.planCode);
  if (!definition || index.addonPrices.has(addon.planCode)) return addonPricingFor(addon.pricings, mode, intervalMonths);
  return addonPricingFor(
    addonPricings(
      definition.pricings.filter((p) => p.mode === mode),
      index.currency,
      index.now,
    ),
    mode,
    intervalMonths,
  );
}

function addonFrom(definition: CatalogPlan, familyName: string, index: CatalogIndex): OfferAddon {
  const technical = index.products.get(definition.product)?.blobs?.technical;
  const addon = {
    planCode: definition.planCode,
    name: definition.invoiceName,
    product: definition.product,
    family: familyName,
    monthlyDelta: null,
    ramGb: technical?.memory?.size ?? (familyName === HARDWARE_FAMILIES.memory ? ramGbFromCode(definition.planCode) : null),
    storage: storageFromBlob(technical?.storage),
    bandwidthMbps: technical?.bandwidth?.level ?? technical?.vrack?.level ?? null,
  } as Omit<OfferAddon, 'pricings'> as OfferAddon;
  // Priced when read: a table needs the defaults' prices only (see lazy.ts).
  lazily(addon, 'pricings', () => pricesOfAddon(definition, index));
  return addon;
}

function familiesOf(plan: CatalogPlan, index: CatalogIndex): OfferAddonFamily[] {
  return (plan.addonFamilies ?? []).map((family) => {
    const addons: OfferAddon[] = [];
    const missing: string[] = [];
    for (const code of family.addons ?? []) {
      const definition = index.addons.get(code);
      if (definition) addons.push(addonFrom(definition, family.name, index));
      else missing.push(code);
    }
    const result: OfferAddonFamily = {
      name: family.name,
      mandatory: family.mandatory ?? false,
      exclusive: family.exclusive ?? false,
      default: family.default ?? null,
      addons,
      missing,
    };
    // Deltas against what the family gets by default, in the default mode, one month.
    const basePrice = () => {
      const base = defaultAddonOf(result);
      return base ? addonPricingFor(base.pricings, 'default', 1) : undefined;
    };
    for (const addon of addons) {
      lazily(addon, 'monthlyDelta', () => {
        const price = addonPricingFor(addon.pricings, 'default', 1);
        const base = price && basePrice();
        return price && base ? subtractMoney(price.monthlyEquivalent, base.monthlyEquivalent) : null;
      });
    }
    return result;
  });
}

/**
 * The add-on a family gets when nobody chooses: the catalog default, else its only add-on, else (for
 * a mandatory family) the cheapest in the default mode — the same rule as option selection.
 */
export function defaultAddonOf(family: OfferAddonFamily | undefined): OfferAddon | undefined {
  if (!family) return undefined;
  const byDefault = family.addons.find((a) => a.planCode === family.default);
  if (byDefault || family.default) return byDefault;
  if (family.addons.length === 1) return family.addons[0];
  if (!family.mandatory) return undefined;
  let best: { addon: OfferAddon; monthly: Money } | undefined;
  for (const addon of family.addons) {
    const price = addonPricingFor(addon.pricings, 'default', 1);
    if (price && (!best || compareMoney(price.monthlyEquivalent, best.monthly) < 0)) best = { addon, monthly: price.monthlyEquivalent };
  }
  return best?.addon;
}

function ramFromDefaultCode(family: OfferAddonFamily | undefined): number | null {
  return family?.default ? ramGbFromCode(family.default) : null;
}

function configurationsOf(plan: CatalogPlan, product: CatalogProduct | undefined): OfferConfiguration[] {
  const result: OfferConfiguration[] = [];
  for (const c of [...(plan.configurations ?? []), ...(product?.configurations ?? [])]) {
    if (result.some((r) => r.name === c.name)) continue;
    result.push({ name: c.name, mandatory: c.isMandatory, custom: c.isCustom ?? false, values: c.values ?? null });
  }
  return result;
}

function offerFromPlan(plan: CatalogPlan, index: CatalogIndex, range: Exclude<Range, 'dedicated'>): Offer {
  const product = index.products.get(plan.product);
  const server = product?.blobs?.technical?.server;
  const families = familiesOf(plan, index);
  const family = (name: string) => families.find((f) => f.name === name);
  const memory = defaultAddonOf(family(HARDWARE_FAMILIES.memory));
  const storage = defaultAddonOf(family(HARDWARE_FAMILIES.storage));
  const systemStorage = defaultAddonOf(family(HARDWARE_FAMILIES.systemStorage));
  const bandwidth = defaultAddonOf(family(HARDWARE_FAMILIES.bandwidth));
  const vrack = defaultAddonOf(family(HARDWARE_FAMILIES.vrack));
  const currency = index.currency;

  // Offer prices are for the default configuration: the plan plus each mandatory family's default.
  const defaults = families
    .filter((f) => f.mandatory)
    .map(defaultAddonOf)
    .filter((a): a is OfferAddon => a !== undefined);
  const own = planPricings(plan.pricings, currency, index.now);
  const withDefaults = (pricing: OfferPricing, priceOf: (addon: OfferAddon) => AddonPricing | undefined) =>
    withAddonPrices(
      pricing,
      defaults.map(priceOf).filter((p): p is AddonPricing => p !== undefined),
    );
  const everyPricing = () => own.map((pricing) => withDefaults(pricing, (a) => addonPricingFor(a.pricings, pricing.mode, pricing.intervalMonths)));
  // The listed price needs the defaults' prices in one mode only: the other modes (and the
  // defaults' other pricings) are worked out when `pricings` is read (see lazy.ts).
  const mainOwn = defaultModePricing(own);
  const main = mainOwn ? withDefaults(mainOwn, (a) => addonPricingIn(a, mainOwn.mode, mainOwn.intervalMonths, index)) : defaultPricing(everyPricing());
  const configurations = configurationsOf(plan, product);
  const datacenterValues = configurations.find((c) => c.name === 'dedicated_datacenter')?.values ?? [];
  const technical = product?.blobs?.technical;

  const offer: Offer = {
    range,
    product: cartProductOfRange(range),
    planCode: plan.planCode,
    name: plan.invoiceName,
    family: plan.family ?? plan.blobs?.commercial?.range ?? server?.range ?? null,
    cpu: cpuFromBlob(server?.cpu),
    // Without a definition, the default memory plan code still says the size (`ram-32g-…`).
    ramGb: memory?.ramGb ?? technical?.memory?.size ?? ramFromDefaultCode(family(HARDWARE_FAMILIES.memory)),
    storage: combineStorage(storage?.storage ?? storageFromBlob(technical?.storage), systemStorage?.storage ?? null),
    currency,
    monthly: main?.monthlyEquivalent ?? zeroMoney(currency),
    setup: main?.setup ?? zeroMoney(currency),
    pricings: [],
    addonFamilies: families,
    configurations,
    datacenters: normaliseDatacenters(datacenterValues),
    quantity: main?.quantity ?? { min: 1, max: null },
    promotions: [],
    hardware: { memory: memory?.product ?? null, storage: storage?.product ?? null, systemStorage: systemStorage?.product ?? null },
  };
  lazily(offer, 'pricings', everyPricing);
  lazily(offer, 'promotions', () => offer.pricings.flatMap((p) => p.promotions));
  const bandwidthMbps = bandwidth?.bandwidthMbps ?? technical?.bandwidth?.level;
  if (bandwidthMbps != null) offer.bandwidthMbps = bandwidthMbps;
  const privateMbps = vrack?.bandwidthMbps ?? technical?.vrack?.level;
  if (privateMbps != null) offer.privateBandwidthMbps = privateMbps;
  return offer;
}
