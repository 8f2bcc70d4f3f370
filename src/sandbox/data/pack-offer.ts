// The offer index of a data pack: every plan of its recorded public catalogs, sold in carts with the
// recorded pricings (per subsidiary, promotions with their dates), addons under their recorded plan
// codes with their recorded `product` names, and the recorded availability records.
import type { SandboxRegion } from '../types.js';
import type { DataPack, RecordedCatalog } from './data-pack.js';
import type { AddonProduct } from './hardware.js';
import { OfferIndex, type ResolvedAddon, type ResolvedFamily, type ResolvedPlan } from './offer-index.js';
import type { Range } from './plans.js';
import { renewDuration, type PricingEntry, type Promotion } from './pricing.js';
import { REGIONS } from './regions.js';

type Json = Record<string, unknown>;

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

function promotionOf(p: Json): Promotion {
  return { name: str(p.name) ?? 'promotion', total: { value: num(obj(p.total)?.value) }, startDate: str(p.startDate) ?? null, endDate: str(p.endDate) ?? null };
}

/** A recorded `order.catalog.public.Pricing` as a cart pricing; only installation and renew are sold. */
function pricingOf(p: Json): PricingEntry | undefined {
  const capacities = arr(p.capacities) as unknown as string[];
  const capacity = capacities.includes('installation') ? 'installation' : capacities.includes('renew') ? 'renew' : undefined;
  if (!capacity) return undefined;
  const interval = num(p.interval);
  const engagement = obj(p.engagementConfiguration);
  return {
    mode: str(p.mode) ?? 'default',
    capacity,
    price: num(p.price),
    tax: num(p.tax),
    promotions: arr(p.promotions).map(promotionOf),
    interval,
    intervalUnit: capacity === 'installation' ? 'none' : 'month',
    commitment: num(p.commitment),
    duration: capacity === 'installation' ? 'P0D' : renewDuration(Math.max(1, interval)),
    description: str(p.description) ?? '',
    engagement: engagement
      ? {
          defaultEndAction: str(engagement.defaultEndAction) ?? 'REACTIVATE_ENGAGEMENT',
          duration: str(engagement.duration) ?? '',
          type: engagement.type === 'upfront' ? 'upfront' : 'periodic',
        }
      : null,
    quantityMax: obj(p.quantity)?.max === null ? null : num(obj(p.quantity)?.max, 1),
    repeatMax: obj(p.repeat)?.max === null ? null : num(obj(p.repeat)?.max, 1),
  };
}

const pricingsOf = (doc: Json): PricingEntry[] =>
  arr(doc.pricings)
    .map(pricingOf)
    .filter((e): e is PricingEntry => e !== undefined);

function kindOf(family: string): AddonProduct['kind'] {
  if (family === 'memory' || family === 'bandwidth' || family === 'vrack') return family;
  if (family === 'storage' || family === 'system-storage') return 'storage';
  return 'license';
}

/** The addon's product described by the recorded `products[]` entry (its blobs), for the formatted catalog. */
function addonProduct(addon: Json, family: string, products: Map<string, Json>): AddonProduct {
  const name = str(addon.product) ?? str(addon.planCode)!;
  const product = products.get(name);
  const technical = obj(obj(product?.blobs)?.technical);
  const described: AddonProduct = {
    name,
    description: str(addon.invoiceName) ?? str(product?.description) ?? name,
    catalogFamily: str(addon.family) ?? null,
    blobs: obj(product?.blobs) ?? null,
    kind: kindOf(family),
  };
  const memory = obj(technical?.memory);
  if (memory) described.memory = { size: num(memory.size), ramType: str(memory.ramType) ?? '', frequency: num(memory.frequency), ecc: memory.ecc === true };
  const storage = obj(technical?.storage);
  if (storage) {
    described.disks = arr(storage.disks).map((d) => ({
      number: num(d.number, 1),
      capacity: num(d.capacity),
      technology: d.technology === 'HDD' ? 'HDD' : 'SSD',
      interface: d.interface === 'NVMe' ? 'NVMe' : 'SATA',
    }));
    if (str(storage.raid)) described.raid = str(storage.raid)!;
  }
  const level = obj(technical?.bandwidth)?.level ?? obj(technical?.vrack)?.level;
  if (typeof level === 'number') described.level = level;
  return described;
}

function addCatalog(
  index: OfferIndex,
  catalog: RecordedCatalog,
  plans: Map<string, ResolvedPlan>,
  addons: Map<string, ResolvedAddon>,
  region: SandboxRegion,
): void {
  const { doc, subsidiary } = catalog;
  const products = new Map(arr(doc.products).map((p) => [str(p.name) ?? '', p]));
  const addonDocs = new Map(arr(doc.addons).map((a) => [str(a.planCode) ?? '', a]));
  const ranges: Range[] = catalog.range === 'eco' ? ['eco'] : ['baremetalServers', 'dedicated'];
  for (const planDoc of arr(doc.plans)) {
    const planCode = str(planDoc.planCode)!;
    const familiesUsed: ResolvedAddon[] = [];
    const families: ResolvedFamily[] = [];
    for (const f of arr(planDoc.addonFamilies)) {
      const name = str(f.name) ?? '';
      // A recording may drop addon definitions (the subsets drop licences): only defined addons are sold.
      const codes = (arr(f.addons) as unknown as string[]).filter((code) => addonDocs.has(code));
      if (codes.length === 0) continue;
      for (const code of codes) {
        let addon = addons.get(code);
        if (!addon) {
          const a = addonDocs.get(code)!;
          addon = { planCode: code, product: addonProduct(a, name, products), family: name, monthly: 0, modes: [], recordedPricings: new Map() };
          addons.set(code, addon);
        }
        if (!addon.recordedPricings!.has(subsidiary)) addon.recordedPricings!.set(subsidiary, pricingsOf(addonDocs.get(code)!));
        familiesUsed.push(addon);
      }
      families.push({ name, mandatory: f.mandatory === true, exclusive: f.exclusive === true, default: str(f.default) ?? null, addons: codes });
    }
    let plan = plans.get(planCode);
    if (!plan) {
      const server = str(planDoc.product) ?? planCode;
      const cpu = obj(obj(obj(obj(products.get(server)?.blobs)?.technical)?.server)?.cpu) ?? {};
      const datacenters = arr(planDoc.configurations).find((c) => c.name === 'dedicated_datacenter')?.values;
      plan = {
        planCode,
        invoiceName: str(planDoc.invoiceName) ?? planCode,
        ranges,
        server,
        line: str(obj(obj(planDoc.blobs)?.commercial)?.range) ?? '',
        enableBackup: false,
        cpu: {
          brand: str(cpu.brand) ?? '',
          model: str(cpu.model) ?? '',
          cores: num(cpu.cores),
          threads: num(cpu.threads),
          frequency: num(cpu.frequency),
          boost: num(cpu.boost),
        },
        datacenters: Array.isArray(datacenters) ? (datacenters as string[]) : [...REGIONS[region].datacenters],
        families,
        modes: [],
        recordedPricings: new Map(),
      };
      plans.set(planCode, plan);
    }
    plan.recordedPricings!.set(subsidiary, pricingsOf(planDoc));
    index.addRecorded(plan, familiesUsed);
  }
}

/** The offer a pack serves on one API: plans of its catalogs, recorded pricings, recorded stock. */
export function packOfferIndex(pack: DataPack, region: SandboxRegion): OfferIndex {
  const index = new OfferIndex(region, []);
  const plans = new Map<string, ResolvedPlan>();
  const addons = new Map<string, ResolvedAddon>();
  for (const catalog of pack.catalogs.values()) addCatalog(index, catalog, plans, addons, region);
  index.recordedAvailabilities = pack.availabilities;
  return index;
}
