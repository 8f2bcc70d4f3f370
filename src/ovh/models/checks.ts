// Hand-written checks of the biggest answers (a 12 MB catalog, 2,000 stock records), without zod.
// zod copies every object it parses, which for those answers costs tens of milliseconds and as many
// megabytes; and this module does not load zod at all, so a command whose answers all pass these
// checks (`catalog` with a warm cache) never loads it. Each check accepts only what its zod schema
// in this folder accepts (tested side by side, field by field); anything else goes through zod, so a
// bad answer still gets zod's message with its path.

function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (typeof item !== 'string') return false;
  return true;
}

/** Absent, or of `type` (not null: zod's `.optional()`). */
function optional(v: unknown, type: 'number' | 'string' | 'boolean'): boolean {
  return v === undefined || typeof v === type;
}

/** Absent, null or of `type` (zod's `.nullish()`). */
function nullish(v: unknown, type: 'number' | 'string' | 'boolean'): boolean {
  return v === undefined || v === null || typeof v === type;
}

function nullishString(v: unknown): boolean {
  return nullish(v, 'string');
}

/** A plain object (what `z.looseObject` accepts: not null, not an array). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent, null, or an array whose every item `accepts`. */
function nullishList(v: unknown, accepts: (item: unknown) => boolean): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.every(accepts));
}

/** Absent, null, or an object that `accepts`. */
function nullishRecord(v: unknown, accepts: (record: Record<string, unknown>) => boolean): boolean {
  return v === undefined || v === null || (isRecord(v) && accepts(v));
}

function isMinMax(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.min === 'number' && (m.max === undefined || m.max === null || typeof m.max === 'number');
}

/** Accepts only what CatalogPricingFullSchema accepts. */
export function acceptsPricing(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  if (typeof p.price !== 'number' || typeof p.interval !== 'number' || typeof p.mode !== 'string' || typeof p.intervalUnit !== 'string') return false;
  if (!isStringArray(p.capacities)) return false;
  if (!optional(p.commitment, 'number') || !optional(p.phase, 'number') || !optional(p.tax, 'number')) return false;
  if (!optional(p.description, 'string') || !optional(p.strategy, 'string') || !optional(p.type, 'string')) return false;
  if (!optional(p.mustBeCompleted, 'boolean')) return false;
  if (p.quantity !== undefined && !isMinMax(p.quantity)) return false;
  if (p.repeat !== undefined && !isMinMax(p.repeat)) return false;
  const e = p.engagementConfiguration;
  if (e !== undefined && e !== null) {
    if (typeof e !== 'object') return false;
    const ec = e as Record<string, unknown>;
    if (typeof ec.type !== 'string' || !optional(ec.duration, 'string') || !optional(ec.defaultEndAction, 'string')) return false;
  }
  return nullishList(p.promotions, acceptsPromotion);
}

/** Accepts only what CatalogPromotionSchema accepts. */
function acceptsPromotion(v: unknown): boolean {
  if (!isRecord(v) || typeof v.name !== 'string') return false;
  if (!optional(v.description, 'string') || !optional(v.type, 'string') || !optional(v.value, 'number')) return false;
  if (!nullish(v.duration, 'number') || !nullish(v.startDate, 'string') || !nullish(v.endDate, 'string')) return false;
  const amount = (a: unknown) => a === undefined || (isRecord(a) && typeof a.value === 'number' && optional(a.tax, 'number'));
  return amount(v.total) && amount(v.discount);
}

/** Accepts only what CatalogPlanSchema accepts (tested side by side on every field). */
export function acceptsCatalogPlan(v: unknown): boolean {
  if (!isRecord(v)) return false;
  if (typeof v.planCode !== 'string' || typeof v.invoiceName !== 'string' || typeof v.product !== 'string') return false;
  if (!nullish(v.family, 'string') || !optional(v.pricingType, 'string')) return false;
  if (!Array.isArray(v.pricings) || !v.pricings.every(acceptsPricing)) return false;
  if (!nullishList(v.configurations, acceptsConfiguration) || !nullishList(v.addonFamilies, acceptsAddonFamily)) return false;
  const blobs = v.blobs;
  if (blobs === undefined || blobs === null) return true;
  if (!isRecord(blobs) || !nullishList(blobs.tags, (t) => typeof t === 'string')) return false;
  const commercial = blobs.commercial;
  return commercial === undefined || commercial === null || (isRecord(commercial) && nullish(commercial.range, 'string') && nullish(commercial.name, 'string'));
}

function acceptsConfiguration(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    optional(v.isCustom, 'boolean') &&
    typeof v.isMandatory === 'boolean' &&
    nullishList(v.values, (s) => typeof s === 'string')
  );
}

function acceptsAddonFamily(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    nullishList(v.addons, (s) => typeof s === 'string') &&
    nullish(v.default, 'string') &&
    nullish(v.exclusive, 'boolean') &&
    nullish(v.mandatory, 'boolean')
  );
}

/** Accepts only what CatalogProductSchema accepts (tested side by side on every field). */
export function acceptsCatalogProduct(v: unknown): boolean {
  if (!isRecord(v) || typeof v.name !== 'string' || !optional(v.description, 'string')) return false;
  if (!nullishList(v.configurations, acceptsConfiguration)) return false;
  const blobs = v.blobs;
  if (blobs === undefined || blobs === null) return true;
  if (!isRecord(blobs)) return false;
  const t = blobs.technical;
  if (t === undefined || t === null) return true;
  if (!isRecord(t)) return false;
  return (
    nullishRecord(t.server, (s) => nullishRecord(s.cpu, acceptsCpu) && nullish(s.range, 'string')) &&
    nullishRecord(t.memory, (m) => typeof m.size === 'number' && nullish(m.ramType, 'string') && nullish(m.frequency, 'number') && nullish(m.ecc, 'boolean')) &&
    nullishRecord(t.storage, (s) => nullish(s.raid, 'string') && nullishList(s.disks, acceptsDisk)) &&
    nullishRecord(t.bandwidth, acceptsNetwork) &&
    nullishRecord(t.vrack, acceptsNetwork) &&
    nullishRecord(t.gpu, (g) => nullish(g.brand, 'string') && nullish(g.model, 'string') && nullish(g.number, 'number'))
  );
}

function acceptsCpu(c: Record<string, unknown>): boolean {
  return nullish(c.brand, 'string') && nullish(c.model, 'string') && ['cores', 'threads', 'frequency', 'boost', 'number'].every((k) => nullish(c[k], 'number'));
}

function acceptsDisk(d: unknown): boolean {
  return (
    isRecord(d) &&
    typeof d.capacity === 'number' &&
    nullish(d.number, 'number') &&
    ['technology', 'interface', 'specs', 'usage'].every((k) => nullish(d[k], 'string'))
  );
}

function acceptsNetwork(n: Record<string, unknown>): boolean {
  return nullish(n.level, 'number') && nullish(n.burst, 'number') && nullish(n.guaranteed, 'boolean');
}

/** Accepts only what PublicCatalogSchema accepts (its plans, add-ons and products included). */
export function acceptsPublicCatalog(v: unknown): boolean {
  if (!isRecord(v) || typeof v.catalogId !== 'number') return false;
  const locale = v.locale;
  if (!isRecord(locale) || typeof locale.currencyCode !== 'string' || !optional(locale.subsidiary, 'string') || !optional(locale.taxRate, 'number'))
    return false;
  if (!Array.isArray(v.plans) || !v.plans.every(acceptsCatalogPlan)) return false;
  if (!nullishList(v.addons, acceptsCatalogPlan) || !nullishList(v.products, acceptsCatalogProduct)) return false;
  return nullishList(v.planFamilies, (f) => isRecord(f) && typeof f.name === 'string');
}

/** Accepts only what DatacenterAvailabilitySchema accepts. */
export function acceptsAvailability(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.fqn !== 'string' || typeof r.planCode !== 'string' || typeof r.server !== 'string') return false;
  if (!nullishString(r.memory) || !nullishString(r.storage) || !nullishString(r.systemStorage) || !nullishString(r.gpu)) return false;
  if (!Array.isArray(r.datacenters)) return false;
  for (const d of r.datacenters as unknown[]) {
    if (typeof d !== 'object' || d === null) return false;
    const entry = d as Record<string, unknown>;
    if (typeof entry.datacenter !== 'string' || typeof entry.availability !== 'string') return false;
  }
  return true;
}

export function acceptsAvailabilityList(v: unknown): boolean {
  return Array.isArray(v) && v.every(acceptsAvailability);
}

/** `GET /auth/time`: Unix seconds (ServerTimeSchema). */
export function acceptsServerTime(v: unknown): boolean {
  return Number.isSafeInteger(v);
}
