// `GET /order/catalog/public/{eco,baremetalServers}` documents, in the shape of the real ones
// (`order.catalog.public.Catalog`): plans, addons, products, planFamilies; prices in micro-cents.
import { taxOf } from '../money.js';
import { authoredSpec, type OfferIndex, type ResolvedAddon, type ResolvedPlan } from './offer-index.js';
import type { PricingEntry } from './pricing.js';
import { cpuText } from './plans.js';
import { REGIONS, type Subsidiary } from './regions.js';

export type PublicRange = 'eco' | 'baremetalServers';

const CATALOG_ID_BASE: Record<PublicRange, number> = { eco: 8294, baremetalServers: 4938 };

/** One `order.catalog.public.Pricing` (the entry is already in the subsidiary's currency). */
function catalogPricing(entry: PricingEntry, taxRate: number): Record<string, unknown> {
  return {
    phase: entry.capacity === 'installation' ? 0 : 1,
    capacities: [entry.capacity],
    commitment: entry.commitment,
    description: entry.description,
    interval: entry.interval,
    intervalUnit: entry.intervalUnit,
    quantity: { min: 1, max: entry.quantityMax },
    repeat: { min: 1, max: entry.repeatMax },
    price: entry.price,
    tax: entry.tax,
    mode: entry.mode,
    strategy: 'tiered',
    mustBeCompleted: false,
    type: 'rental',
    // The real shape (2022 catalog): what is off, the price once off, and when it applies.
    promotions: entry.promotions.map((p) => ({
      name: p.name,
      description: p.description ?? p.name,
      discount: { tax: taxOf(entry.price - p.total.value, taxRate), value: entry.price - p.total.value },
      duration: null,
      endDate: p.endDate,
      isGlobalQuantityLimited: false,
      quantity: null,
      startDate: p.startDate,
      total: { tax: taxOf(p.total.value, taxRate), value: p.total.value },
      type: 'percentage',
      value: p.percent ?? 100,
    })),
    engagementConfiguration: entry.engagement,
  };
}

/** The catalog's `configurations` of a plan (eco: datacenter not mandatory, as in the 2025 archive). */
function planConfigurations(plan: ResolvedPlan, index: OfferIndex): Array<Record<string, unknown>> {
  return [
    { name: 'dedicated_datacenter', isCustom: false, isMandatory: authoredSpec(plan).range !== 'eco', values: [...plan.datacenters] },
    { name: 'dedicated_os', isCustom: false, isMandatory: true, values: ['none_64.en'] },
    { name: 'region', isCustom: false, isMandatory: true, values: [...REGIONS[index.region].regionValues] },
  ];
}

function planDocument(plan: ResolvedPlan, index: OfferIndex, sub: Subsidiary): Record<string, unknown> {
  return {
    planCode: plan.planCode,
    product: authoredSpec(plan).server,
    invoiceName: plan.invoiceName,
    addonFamilies: plan.families.map((f) => ({ name: f.name, addons: [...f.addons], default: f.default, exclusive: f.exclusive, mandatory: f.mandatory })),
    blobs: { commercial: { range: authoredSpec(plan).line, features: [{ name: 'baremetal-server-usecases', value: authoredSpec(plan).useCases }] } },
    configurations: planConfigurations(plan, index),
    consumptionConfiguration: null,
    family: null,
    pricingType: 'rental',
    pricings: index.planPricings(plan, sub).map((e) => catalogPricing(e, sub.taxRate)),
  };
}

function addonDocument(addon: ResolvedAddon, index: OfferIndex, sub: Subsidiary): Record<string, unknown> {
  return {
    planCode: addon.planCode,
    product: addon.product.name,
    invoiceName: addon.product.description,
    addonFamilies: [],
    blobs: null,
    configurations: [],
    consumptionConfiguration: null,
    family: addon.product.catalogFamily,
    pricingType: 'rental',
    pricings: index.addonPricings(addon, sub).map((e) => catalogPricing(e, sub.taxRate)),
  };
}

function serverProduct(plan: ResolvedPlan): Record<string, unknown> {
  const { cpu } = authoredSpec(plan);
  return {
    name: authoredSpec(plan).server,
    description: cpuText(cpu),
    blobs: {
      technical: {
        server: {
          cpu: {
            boost: cpu.boost,
            brand: cpu.brand,
            cores: cpu.cores,
            frequency: cpu.frequency,
            model: cpu.model,
            number: cpu.number,
            score: cpu.score,
            threads: cpu.threads,
          },
          frame: {
            dualPowerSupply: authoredSpec(plan).line === 'scale' || authoredSpec(plan).line === 'hgr',
            model: 'OVH',
            size: authoredSpec(plan).frameSize,
          },
          range: authoredSpec(plan).line,
          services: { antiddos: 'standard', sla: authoredSpec(plan).line === 'kimsufi' ? 99.9 : 99.95 },
        },
      },
    },
    configurations: [{ name: 'extra_reservation', isCustom: true, isMandatory: false, values: null }],
  };
}

/** Builds the whole public catalog of a range for a subsidiary. */
export function buildPublicCatalog(index: OfferIndex, range: PublicRange, sub: Subsidiary, extraPlans: ResolvedPlan[] = []): Record<string, unknown> {
  const plans = [...index.plansOf(range), ...extraPlans];
  const addons = index.addonsOf(plans);
  const products = new Map<string, Record<string, unknown>>();
  for (const plan of plans) products.set(authoredSpec(plan).server, serverProduct(plan));
  for (const addon of addons) {
    products.set(addon.product.name, { name: addon.product.name, description: addon.product.description, blobs: addon.product.blobs, configurations: [] });
  }
  const families = new Set<string>();
  for (const addon of addons) if (addon.product.catalogFamily) families.add(addon.product.catalogFamily);
  return {
    catalogId: CATALOG_ID_BASE[range] + Object.keys(REGIONS).indexOf(index.region) * 100,
    locale: { currencyCode: sub.currency, subsidiary: sub.code, taxRate: sub.taxRate },
    plans: plans.map((p) => planDocument(p, index, sub)),
    products: [...products.values()],
    addons: addons.map((a) => addonDocument(a, index, sub)),
    planFamilies: [...families].sort().map((name) => ({ name })),
  };
}
