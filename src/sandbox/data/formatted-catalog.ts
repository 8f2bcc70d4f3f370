// `GET /order/catalog/formatted/dedicated` (`order.catalog.dedicated.Catalog`): families, products
// with default installation/renew prices, specifications and addon families, metadatas, techDetails.
import { orderPrice } from '../money.js';
import type { OfferIndex, ResolvedPlan } from './offer-index.js';
import type { PricingEntry } from './pricing.js';
import type { Subsidiary } from './regions.js';

const CURRENCY_NAMES: Record<string, string> = {
  EUR: 'Euro',
  GBP: 'Pound sterling',
  PLN: 'Polish złoty',
  CAD: 'Canadian dollar',
  USD: 'US dollar',
  CZK: 'Czech koruna',
  MAD: 'Moroccan dirham',
  XOF: 'West African CFA franc',
  TND: 'Tunisian dinar',
  AUD: 'Australian dollar',
  INR: 'Indian rupee',
  SGD: 'Singapore dollar',
};

const defaultPrice = (entries: PricingEntry[], capacity: 'installation' | 'renew'): PricingEntry | undefined =>
  entries.find((e) => e.mode === 'default' && e.capacity === capacity);

function specifications(plan: ResolvedPlan, index: OfferIndex): Record<string, unknown> {
  const pick = (family: string) => {
    const f = plan.families.find((x) => x.name === family);
    return f?.default ? index.addon(f.default) : undefined;
  };
  const memory = pick('memory');
  const storage = pick('storage');
  const bandwidth = pick('bandwidth');
  const vrack = pick('vrack');
  const { cpu } = plan;
  return {
    cpu: { boost: cpu.boost, brand: cpu.brand, cores: cpu.cores, frequency: cpu.frequency, model: cpu.model, planCode: null, threads: cpu.threads },
    disks: (storage?.product.disks ?? []).map((d) => ({
      number: d.number,
      planCode: storage!.planCode,
      raid: storage!.product.raid ?? 'Soft RAID',
      size: d.capacity,
      type: `${d.technology} ${d.interface}`,
    })),
    gpu: null,
    memory: memory?.product.memory ? { planCode: memory.planCode, size: memory.product.memory.size, type: memory.product.memory.ramType } : null,
    network: {
      failover: 0,
      internal: 0,
      ip: 1,
      outgoing: bandwidth?.product.level ?? 0,
      private: vrack?.product.level ?? 0,
      privateBandwidth: vrack?.product.level ?? 0,
    },
  };
}

function productDocument(plan: ResolvedPlan, index: OfferIndex, sub: Subsidiary): Record<string, unknown> {
  const pricings = index.planPricings(plan, sub);
  const installation = defaultPrice(pricings, 'installation');
  const renew = defaultPrice(pricings, 'renew');
  return {
    addonsFamily: plan.families.map((family) => ({
      family: family.name,
      addons: family.addons.map((code) => {
        const addon = index.addon(code)!;
        const price = defaultPrice(index.addonPricings(addon, sub), 'renew');
        return { code, datacenters: [...plan.datacenters], name: addon.product.description, options: null, price: orderPrice(price?.price ?? 0, sub, true) };
      }),
    })),
    code: plan.planCode,
    compatibilities: null,
    datacenters: [...plan.datacenters],
    derivatives: null,
    family: plan.line,
    invoiceName: plan.invoiceName,
    isChildOf: null,
    isParentOf: null,
    prices: {
      default: {
        installation: installation ? orderPrice(installation.price, sub, true) : null,
        renew: renew ? orderPrice(renew.price, sub, true) : null,
      },
      hardzone: null,
      week: null,
    },
    specifications: specifications(plan, index),
  };
}

export function buildFormattedDedicatedCatalog(index: OfferIndex, sub: Subsidiary, timestampSeconds: number): Record<string, unknown> {
  const plans = index.plansOf('dedicated');
  const products = plans.map((p) => productDocument(p, index, sub));
  const families = new Map<string, string[]>();
  for (const plan of plans) families.set(plan.line, [...(families.get(plan.line) ?? []), plan.planCode]);
  const renewValues = plans.map((p) => (defaultPrice(index.planPricings(p, sub), 'renew')?.price ?? 0) / 1e8);
  const ram = plans.map((p) => {
    const f = p.families.find((x) => x.name === 'memory');
    return (f?.default && index.addon(f.default)?.product.memory?.size) || 0;
  });
  const range = (values: number[]) => ({ max: Math.max(...values), min: Math.min(...values) });
  return {
    families: [...families].map(([name, codes]) => ({ name, products: codes })),
    metadatas: {
      catalog: 9000 + Object.keys(CURRENCY_NAMES).indexOf(sub.currency),
      core: range(plans.map((p) => p.cpu.cores)),
      currency: { code: sub.currency, description: CURRENCY_NAMES[sub.currency] ?? sub.currency, symbol: sub.symbol },
      datacenters: [...new Set(plans.flatMap((p) => p.datacenters))].sort(),
      frequency: range(plans.map((p) => p.cpu.frequency)),
      merchant: sub.code,
      price: range(renewValues),
      ram: range(ram),
      thread: range(plans.map((p) => p.cpu.threads)),
      timestamp: timestampSeconds,
    },
    products,
    techDetails: [
      {
        type: 'server',
        plans: plans.map((p) => ({
          code: p.planCode,
          specificities: [
            { key: 'cores', value: p.cpu.cores },
            { key: 'threads', value: p.cpu.threads },
            { key: 'frequency', value: p.cpu.frequency },
          ],
        })),
      },
    ],
  };
}
