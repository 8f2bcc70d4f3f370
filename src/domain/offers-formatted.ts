// /order/catalog/formatted/dedicated → Offer (range `dedicated`, cart product `dedicated`).
// This catalog only has default-mode prices as `order.Price` (installation + renew, taken as
// monthly), specifications instead of blobs, and add-on families without mandatory/default flags
// (the cart's `/options` answer supplies those). No recording of it exists; it follows the schema.
//
// It names hardware by add-on plan code only (`ram-32g-adv-gen2-inc`), while stock is recorded by
// product name (`ram-32g-ecc-3200`): the public catalogs' `addons[].product` is the only mapping
// between the two (docs/ovh-api.md §4.5), so the offers of the public ranges are joined in here.
// The listed hardware (`specifications`) is each hardware family's default: what is listed is
// what is ordered.
import type { FormattedAddonItem, FormattedDedicatedCatalog, FormattedProduct } from '../ovh/models/catalog.js';
import { cpuFromBlob, diskKind, storageFromDisks } from './hardware.js';
import { addMoney, moneyFromCartPrice, zeroMoney, type Money } from './money.js';
import type { Disk, Offer, OfferAddon, OfferAddonFamily, OfferPricing } from './offer-model.js';
import { withAddonPrices } from './offer-pricing.js';
import { normaliseDatacenters } from './places.js';

/** What the public catalogs say about the dedicated range's add-ons and plans. */
interface PublicIndex {
  /** Add-ons of the public ranges by plan code: their `product` is the stock name. */
  addons: Map<string, OfferAddon>;
  /** Plans of the public ranges by plan code: their families' mandatory and default flags. */
  plans: Map<string, Offer>;
}

function indexPublicOffers(publicOffers: readonly Offer[]): PublicIndex {
  const addons = new Map<string, OfferAddon>();
  const plans = new Map<string, Offer>();
  for (const offer of publicOffers) {
    if (!plans.has(offer.planCode)) plans.set(offer.planCode, offer);
    for (const family of offer.addonFamilies) for (const addon of family.addons) if (!addons.has(addon.planCode)) addons.set(addon.planCode, addon);
  }
  return { addons, plans };
}

/**
 * Every product of the formatted dedicated catalog as an Offer, in catalog order. `publicOffers`
 * (the eco and bare-metal ranges) give the stock names of its add-ons; without them the add-ons
 * keep their plan codes and the stock of the range stays unknown.
 */
export function offersFromFormattedCatalog(catalog: FormattedDedicatedCatalog, publicOffers: readonly Offer[] = []): Offer[] {
  const currency = catalog.metadatas.currency.code;
  const index = indexPublicOffers(publicOffers);
  return catalog.products.map((product) => offerFromProduct(product, currency, index));
}

function priceOrZero(price: Parameters<typeof moneyFromCartPrice>[0] | null | undefined, currency: string): Money {
  return price ? moneyFromCartPrice(price) : zeroMoney(currency);
}

function monthlyPricing(period: Money, setup: Money): OfferPricing {
  return {
    mode: 'default',
    kind: 'monthly',
    intervalMonths: 1,
    duration: 'P1M',
    commitmentMonths: 0,
    engagement: null,
    periodPrice: period,
    firstPeriodPrice: period,
    setup,
    setupBeforePromotion: setup,
    monthlyEquivalent: period,
    dueNow: addMoney(setup, period),
    plan: { periodPrice: period, firstPeriodPrice: period, setup },
    quantity: { min: 1, max: null },
    promotions: [],
  };
}

function addonFromItem(item: FormattedAddonItem, family: string, index: PublicIndex): OfferAddon {
  const price = moneyFromCartPrice(item.price);
  const known = index.addons.get(item.code);
  return {
    planCode: item.code,
    name: item.name,
    // Without the public add-on, the plan code is all there is (and matches no stock name).
    product: known?.product ?? item.code,
    family,
    pricings: [
      {
        mode: 'default',
        intervalMonths: 1,
        duration: 'P1M',
        periodPrice: price,
        firstPeriodPrice: price,
        setup: zeroMoney(price.currency),
        monthlyEquivalent: price,
        promotions: [],
      },
    ],
    monthlyDelta: null,
    ramGb: known?.ramGb ?? null,
    storage: known?.storage ?? null,
    bandwidthMbps: known?.bandwidthMbps ?? null,
  };
}

/** The families whose listed hardware `specifications` names by add-on plan code. */
function listedHardware(product: FormattedProduct): Map<string, string> {
  const listed = new Map<string, string>();
  const memory = product.specifications.memory?.planCode;
  const storage = product.specifications.disks?.find((d) => d.planCode)?.planCode;
  if (memory) listed.set('memory', memory);
  if (storage) listed.set('storage', storage);
  return listed;
}

/** Default-mode monthly price minus the family default's (the formatted catalog has one mode). */
function withDeltas(family: OfferAddonFamily): OfferAddonFamily {
  const base = family.addons.find((a) => a.planCode === family.default)?.pricings[0];
  if (!base) return family;
  for (const addon of family.addons) {
    const price = addon.pricings[0];
    if (price && price.monthlyEquivalent.currency === base.monthlyEquivalent.currency) {
      addon.monthlyDelta = { micros: price.monthlyEquivalent.micros - base.monthlyEquivalent.micros, currency: price.monthlyEquivalent.currency };
    }
  }
  return family;
}

function offerFromProduct(product: FormattedProduct, currency: string, index: PublicIndex): Offer {
  const renew = priceOrZero(product.prices.default.renew, currency);
  const setup = priceOrZero(product.prices.default.installation, currency);
  const specs = product.specifications;
  const disks: Disk[] = (specs.disks ?? []).map((d) => ({ count: d.number > 0 ? d.number : 1, capacityGb: d.size, kind: diskKind(d.type, d.type) }));
  const datacenters = normaliseDatacenters(product.datacenters);
  const listed = listedHardware(product);
  const publicPlan = index.plans.get(product.code);
  const families: OfferAddonFamily[] = product.addonsFamily.map((f) => {
    const addons = f.addons.map((a) => addonFromItem(a, f.family, index));
    const publicFamily = publicPlan?.addonFamilies.find((p) => p.name === f.family);
    const offered = (code: string | null | undefined) => (code && addons.some((a) => a.planCode === code) ? code : null);
    return withDeltas({
      name: f.family,
      // A family the listing names hardware from is one the server cannot go without.
      mandatory: publicFamily?.mandatory ?? listed.has(f.family),
      exclusive: publicFamily?.exclusive ?? true,
      default: offered(listed.get(f.family)) ?? offered(publicFamily?.default),
      addons,
      missing: [],
    });
  });
  // Like the public ranges, the listed price is the plan with each mandatory family's default.
  const defaults = families.filter((f) => f.mandatory).flatMap((f) => f.addons.filter((a) => a.planCode === f.default));
  const pricing = withAddonPrices(
    monthlyPricing(renew, setup),
    defaults.flatMap((a) => a.pricings.slice(0, 1)),
  );
  const productOf = (planCode: string | null | undefined) => (planCode ? (index.addons.get(planCode)?.product ?? planCode) : null);
  const offer: Offer = {
    range: 'dedicated',
    product: 'dedicated',
    planCode: product.code,
    name: product.invoiceName,
    family: product.family,
    cpu: cpuFromBlob(specs.cpu),
    ramGb: specs.memory?.size ?? null,
    storage: storageFromDisks(disks, specs.disks?.[0]?.raid ?? null),
    currency: renew.currency,
    monthly: pricing.monthlyEquivalent,
    setup: pricing.setup,
    pricings: [pricing],
    addonFamilies: families,
    configurations: [{ name: 'dedicated_datacenter', mandatory: true, custom: false, values: datacenters }],
    datacenters,
    quantity: pricing.quantity,
    promotions: [],
    hardware: {
      memory: productOf(specs.memory?.planCode),
      storage: productOf(listed.get('storage')),
      // Not in `specifications`: the family's default (from the public plan), as the bare-metal range has it.
      systemStorage: productOf(families.find((f) => f.name === 'system-storage')?.default),
    },
  };
  // `network.outgoing` / `privateBandwidth` are taken as Mbps (the schema gives no unit).
  if (specs.network?.outgoing) offer.bandwidthMbps = specs.network.outgoing;
  if (specs.network?.privateBandwidth) offer.privateBandwidthMbps = specs.network.privateBandwidth;
  return offer;
}
