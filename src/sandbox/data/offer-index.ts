// The plan table resolved for one API region: plans by code, addons by code (with the family they
// belong to), datacenters, and memoised pricings per subsidiary. Catalog builders and cart routes
// read the offer only through this index.
import type { SandboxRegion } from '../types.js';
import { describeAddonProduct, type AddonProduct } from './hardware.js';
import { MODE_SETS, buildPricings, type ModeSpec, type PricingEntry } from './pricing.js';
import { PLANS, addonPlanCode, invoiceNameOf, type FamilySpec, type PlanSpec, type Range } from './plans.js';
import { REGIONS, type Subsidiary } from './regions.js';

export interface ResolvedFamily {
  name: FamilySpec['name'];
  mandatory: boolean;
  exclusive: boolean;
  default: string | null;
  /** Addon plan codes. */
  addons: string[];
}

export interface ResolvedPlan {
  spec: PlanSpec;
  planCode: string;
  invoiceName: string;
  datacenters: string[];
  families: ResolvedFamily[];
  modes: ModeSpec[];
}

export interface ResolvedAddon {
  planCode: string;
  product: AddonProduct;
  /** The addon family it is sold in (memory, storage…). */
  family: FamilySpec['name'];
  monthly: number;
  modes: ModeSpec[];
}

export class OfferIndex {
  readonly region: SandboxRegion;
  private readonly plans = new Map<string, ResolvedPlan>();
  private readonly addons = new Map<string, ResolvedAddon>();
  private readonly pricingCache = new Map<string, PricingEntry[]>();

  constructor(region: SandboxRegion, plans: PlanSpec[] = PLANS) {
    this.region = region;
    for (const spec of plans) this.addPlan(spec);
  }

  private addPlan(spec: PlanSpec): void {
    const info = REGIONS[this.region];
    const datacenters = spec.datacenters?.[this.region] ?? (spec.line === 'hgr' ? info.hgrDatacenters : info.datacenters);
    const modes = MODE_SETS[spec.modes];
    const families = spec.families.map((family): ResolvedFamily => {
      const codes = family.addons.map(([product, monthly]) => {
        const planCode = addonPlanCode(spec, product);
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
    this.plans.set(spec.planCode, { spec, planCode: spec.planCode, invoiceName: invoiceNameOf(spec), datacenters, families, modes });
  }

  private addAddon(planCode: string, productName: string, family: FamilySpec['name'], monthly: number, modes: ModeSpec[]): void {
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
    return [...this.plans.values()].filter((p) => p.spec.range === range);
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
    const key = `plan:${plan.planCode}:${sub.code}`;
    let entries = this.pricingCache.get(key);
    if (!entries) {
      entries = buildPricings({ monthly: plan.spec.monthly, setup: plan.spec.setup, modes: plan.modes, setupPromotion: plan.spec.setupPromotion, isAddon: false }, sub);
      this.pricingCache.set(key, entries);
    }
    return entries;
  }

  addonPricings(addon: ResolvedAddon, sub: Subsidiary): PricingEntry[] {
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
