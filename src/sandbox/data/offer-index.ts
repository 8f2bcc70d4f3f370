// The offer resolved for one API region: plans by code, addons by code (with the family they
// belong to), datacenters, and memoised pricings per subsidiary. Catalog builders and cart routes
// read the offer only through this index. Its plans come from the authored table (data/plans.ts) or
// from recorded catalogs (a data pack, data/pack-offer.ts), whose pricings are served as recorded.
import { ApiError } from '../api-error.js';
import type { AvailabilityRecord } from './availability.js';
import type { SandboxRegion } from '../types.js';
import { describeAddonProduct, type AddonProduct } from './hardware.js';
import { MODE_SETS, buildPricings, type ModeSpec, type PricingEntry } from './pricing.js';
import { PLANS, addonPlanCode, invoiceNameOf, type PlanSpec, type Range } from './plans.js';
import { REGIONS, type Subsidiary } from './regions.js';

export interface ResolvedFamily {
  name: string;
  mandatory: boolean;
  exclusive: boolean;
  default: string | null;
  /** Addon plan codes. */
  addons: string[];
}

export interface ResolvedPlan {
  /** The authored row; absent for a plan read from a recorded catalog. */
  spec?: PlanSpec;
  planCode: string;
  invoiceName: string;
  /** Which cart products sell it (a recorded bare-metal plan is also offered as `dedicated`). */
  ranges: Range[];
  /** `product` in catalogs, `server` in availabilities. */
  server: string;
  /** Commercial range (`rise`, `advance`…), the cart's `family` filter. */
  line: string;
  enableBackup: boolean;
  cpu: { brand: string; model: string; cores: number; threads: number; frequency: number; boost: number };
  datacenters: string[];
  families: ResolvedFamily[];
  modes: ModeSpec[];
  /** Recorded pricings per subsidiary code (data pack); authored plans compute theirs. */
  recordedPricings?: Map<string, PricingEntry[]>;
}

export interface ResolvedAddon {
  planCode: string;
  product: AddonProduct;
  /** The addon family it is sold in (memory, storage…). */
  family: string;
  monthly: number;
  modes: ModeSpec[];
  recordedPricings?: Map<string, PricingEntry[]>;
}

export class OfferIndex {
  readonly region: SandboxRegion;
  private readonly plans = new Map<string, ResolvedPlan>();
  private readonly addons = new Map<string, ResolvedAddon>();
  private readonly pricingCache = new Map<string, PricingEntry[]>();
  /** Recorded availability records (data pack); plans without any get derived ones. */
  recordedAvailabilities: AvailabilityRecord[] = [];

  constructor(region: SandboxRegion, plans: PlanSpec[] = PLANS) {
    this.region = region;
    for (const spec of plans) this.addPlan(spec);
  }

  /** Adds a plan (and its addons) read from a recorded catalog. */
  addRecorded(plan: ResolvedPlan, addons: ResolvedAddon[]): void {
    for (const addon of addons) if (!this.addons.has(addon.planCode)) this.addons.set(addon.planCode, addon);
    this.plans.set(plan.planCode, plan);
  }

  private addPlan(spec: PlanSpec): void {
    const info = REGIONS[this.region];
    const datacenters = spec.datacenters?.[this.region] ?? (spec.line === 'hgr' ? info.hgrDatacenters : info.datacenters);
    const modes = MODE_SETS[spec.modes];
    const families = spec.families.map((family): ResolvedFamily => {
      const codes = family.addons.map(([product, monthly], i) => {
        const planCode = addonPlanCode(spec, product, family.mandatory && i === 0 && monthly === 0);
        this.addAddon(planCode, product, family.name, monthly, modes);
        return planCode;
      });
      return {
        name: family.name,
        mandatory: family.mandatory,
        // Every family is exclusive (one choice) except licences, as in the real catalogs.
        exclusive: family.mandatory,
        default: family.mandatory ? (codes[0] ?? null) : null,
        addons: codes,
      };
    });
    this.plans.set(spec.planCode, {
      // The high-grade plans of the formatted dedicated catalog are bare-metal plans too, as at OVH:
      // the public catalog maps their add-on codes to the products stock is named by.
      spec,
      planCode: spec.planCode,
      invoiceName: invoiceNameOf(spec),
      ranges: spec.range === 'dedicated' ? ['dedicated', 'baremetalServers'] : [spec.range],
      server: spec.server,
      line: spec.line,
      enableBackup: spec.enableBackup === true,
      cpu: spec.cpu,
      datacenters,
      families,
      modes,
    });
  }

  private addAddon(planCode: string, productName: string, family: string, monthly: number, modes: ModeSpec[]): void {
    const known = this.addons.get(planCode);
    if (known) {
      if (known.monthly !== monthly) throw new Error(`Sandbox data: addon ${planCode} has two prices (${known.monthly} and ${monthly})`);
      for (const m of modes) if (!known.modes.some((k) => k.mode === m.mode)) known.modes.push(m);
      return;
    }
    this.addons.set(planCode, { planCode, product: describeAddonProduct(productName), family, monthly, modes: [...modes] });
  }

  plan(planCode: string): ResolvedPlan | undefined {
    return this.plans.get(planCode);
  }

  plansOf(range: Range): ResolvedPlan[] {
    return [...this.plans.values()].filter((p) => p.ranges.includes(range));
  }

  allPlans(): ResolvedPlan[] {
    return [...this.plans.values()];
  }

  addon(planCode: string): ResolvedAddon | undefined {
    return this.addons.get(planCode);
  }

  /** Addons used by the plans of a range, in first-use order. */
  addonsOf(plans: ResolvedPlan[]): ResolvedAddon[] {
    const seen = new Map<string, ResolvedAddon>();
    for (const plan of plans) for (const family of plan.families) for (const code of family.addons) seen.set(code, this.addons.get(code)!);
    return [...seen.values()];
  }

  planPricings(plan: ResolvedPlan, sub: Subsidiary): PricingEntry[] {
    if (plan.recordedPricings) return recordedFor(plan.recordedPricings, plan.planCode, sub);
    const spec = authoredSpec(plan);
    const key = `plan:${plan.planCode}:${sub.code}`;
    let entries = this.pricingCache.get(key);
    if (!entries) {
      entries = buildPricings({ monthly: spec.monthly, setup: spec.setup, modes: plan.modes, promotions: spec.promotions, isAddon: false }, sub);
      this.pricingCache.set(key, entries);
    }
    return entries;
  }

  addonPricings(addon: ResolvedAddon, sub: Subsidiary): PricingEntry[] {
    if (addon.recordedPricings) return recordedFor(addon.recordedPricings, addon.planCode, sub);
    const key = `addon:${addon.planCode}:${sub.code}`;
    let entries = this.pricingCache.get(key);
    if (!entries) {
      entries = buildPricings({ monthly: addon.monthly, setup: 0, modes: addon.modes, isAddon: true }, sub);
      this.pricingCache.set(key, entries);
    }
    return entries;
  }

  /** The family an addon belongs to for a given plan, or undefined when the plan does not offer it. */
  familyOf(plan: ResolvedPlan, addonCode: string): ResolvedFamily | undefined {
    return plan.families.find((f) => f.addons.includes(addonCode));
  }
}

/** The authored row of a plan; builders of authored documents only run on authored plans. */
export function authoredSpec(plan: ResolvedPlan): PlanSpec {
  if (!plan.spec) throw new Error(`Sandbox: plan ${plan.planCode} comes from a recorded catalog, not the authored table`);
  return plan.spec;
}

function recordedFor(recorded: Map<string, PricingEntry[]>, planCode: string, sub: Subsidiary): PricingEntry[] {
  const entries = recorded.get(sub.code);
  if (!entries) {
    throw new ApiError(
      400,
      `Sandbox: the data pack has no recorded pricings of ${planCode} for subsidiary ${sub.code} (recorded: ${[...recorded.keys()].join(', ')})`,
    );
  }
  return entries;
}

const indexes = new Map<SandboxRegion, OfferIndex>();

/** One shared, immutable index per region. */
export function offerIndex(region: SandboxRegion): OfferIndex {
  let index = indexes.get(region);
  if (!index) {
    index = new OfferIndex(region);
    indexes.set(region, index);
  }
  return index;
}
