// /order/catalog/formatted/dedicated → Offer (range `dedicated`, cart product `dedicated`).
// This catalog only has default-mode prices as `order.Price` (installation + renew, taken as
// monthly), specifications instead of blobs, and add-on families without mandatory/default flags
// (the cart's `/options` answer supplies those). No recording of it exists; it follows the schema.
import type { FormattedAddonItem, FormattedDedicatedCatalog, FormattedProduct } from '../ovh/models/catalog.js';
import { cpuFromBlob, diskKind, storageFromDisks } from './hardware.js';
import { addMoney, moneyFromCartPrice, zeroMoney, type Money } from './money.js';
import type { Disk, Offer, OfferAddon, OfferAddonFamily, OfferPricing } from './offer-model.js';
import { normaliseDatacenters } from './places.js';

/** Every product of the formatted dedicated catalog as an Offer, in catalog order. */
export function offersFromFormattedCatalog(catalog: FormattedDedicatedCatalog): Offer[] {
  const currency = catalog.metadatas.currency.code;
  return catalog.products.map((product) => offerFromProduct(product, currency));
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

function addonFromItem(item: FormattedAddonItem, family: string): OfferAddon {
  const price = moneyFromCartPrice(item.price);
  return {
    planCode: item.code,
    name: item.name,
    product: item.code,
    family,
    pricings: [{ mode: 'default', intervalMonths: 1, duration: 'P1M', periodPrice: price, firstPeriodPrice: price, setup: zeroMoney(price.currency), monthlyEquivalent: price, promotions: [] }],
    // No default in this catalog to compare with.
    monthlyDelta: null,
    ramGb: null,
    storage: null,
    bandwidthMbps: null,
  };
}

function offerFromProduct(product: FormattedProduct, currency: string): Offer {
  const renew = priceOrZero(product.prices.default.renew, currency);
  const setup = priceOrZero(product.prices.default.installation, currency);
  const pricing = monthlyPricing(renew, setup);
  const specs = product.specifications;
  const disks: Disk[] = (specs.disks ?? []).map((d) => ({ count: d.number > 0 ? d.number : 1, capacityGb: d.size, kind: diskKind(d.type, d.type) }));
  const datacenters = normaliseDatacenters(product.datacenters);
  const families: OfferAddonFamily[] = product.addonsFamily.map((f) => ({
    name: f.family,
    mandatory: false,
    exclusive: true,
    default: null,
    addons: f.addons.map((a) => addonFromItem(a, f.family)),
    missing: [],
  }));
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
    monthly: renew,
    setup,
    pricings: [pricing],
    addonFamilies: families,
    configurations: [{ name: 'dedicated_datacenter', mandatory: true, custom: false, values: datacenters }],
    datacenters,
    quantity: pricing.quantity,
    promotions: [],
    hardware: { memory: specs.memory?.planCode ?? null, storage: specs.disks?.[0]?.planCode ?? null, systemStorage: null },
  };
  // `network.outgoing` / `privateBandwidth` are taken as Mbps (the schema gives no unit).
  if (specs.network?.outgoing) offer.bandwidthMbps = specs.network.outgoing;
  if (specs.network?.privateBandwidth) offer.privateBandwidthMbps = specs.network.privateBandwidth;
  return offer;
}
