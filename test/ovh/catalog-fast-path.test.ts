// The hand-written checks in front of zod for catalog plans and products must accept exactly what
// their zod schemas accept: every field of real-shaped plans and products is deleted, nulled and
// given a value of each wrong type, and both must agree each time. A fast path that accepted more
// would let a malformed catalog through unchecked; one that accepted less would only be slower.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptsCatalogPlan, acceptsCatalogProduct, acceptsPublicCatalog } from '../../src/ovh/models/checks.js';
import { CatalogPlanSchema, CatalogProductSchema, PublicCatalogSchema } from '../../src/ovh/models/catalog.js';
import { buildPublicCatalog } from '../../src/sandbox/data/catalog-builder.js';
import { OfferIndex } from '../../src/sandbox/data/offer-index.js';
import { SUBSIDIARIES } from '../../src/sandbox/data/regions.js';
import { RECORDED_DIR, readRecorded, recordedPresent, runningInCi } from '../helpers/data-pack.js';
import { disagreements, pathsOf, withValueAt, WRONG_VALUES, type Json } from './helpers/fast-path-agreement.js';

const sandboxCatalog = buildPublicCatalog(new OfferIndex('eu'), 'eco', SUBSIDIARIES.FR!) as { plans: Json[]; addons: Json[]; products: Json[] };
const baremetal = buildPublicCatalog(new OfferIndex('eu'), 'baremetalServers', SUBSIDIARIES.FR!) as { plans: Json[]; addons: Json[]; products: Json[] };
const fixture = path.join(RECORDED_DIR, 'catalog-public-eco-FR-2025-05-subset.json');
if (!recordedPresent && runningInCi()) throw new Error(`${fixture} is missing: under CI=true this is a failure, not a skip.`);
const recorded = recordedPresent
  ? (readRecorded('catalog-public-eco-FR-2025-05-subset.json') as { plans: Json[]; addons: Json[]; products: Json[] })
  : undefined;
if (!recorded) console.log(`catalog fast path: ${fixture} is absent, checking the sandbox's catalogs only`);

describe('catalog fast path (hand-checked plans and products)', () => {
  const catalogs = [sandboxCatalog, baremetal, ...(recorded ? [recorded] : [])];

  it('takes the fast path for every plan, add-on and product of real-shaped catalogs, promotions included', () => {
    for (const catalog of catalogs) {
      expect(acceptsPublicCatalog(catalog)).toBe(true);
      for (const plan of [...catalog.plans, ...catalog.addons]) expect(acceptsCatalogPlan(plan), String(plan.planCode)).toBe(true);
      expect(catalog.products.every(acceptsCatalogProduct)).toBe(true);
      // …and zod hands them on untouched too (no copy of thousands of objects).
      const parsed = PublicCatalogSchema.parse(catalog);
      parsed.plans.forEach((plan, i) => expect(plan).toBe(catalog.plans[i]));
      parsed.products!.forEach((product, i) => expect(product).toBe(catalog.products[i]));
    }
  });

  it('never accepts a plan or an add-on that the schema rejects, whatever field is removed or mistyped', () => {
    const withPromotion = (c: { plans: Json[]; addons: Json[] }) =>
      [...c.plans, ...c.addons].find((p) => (p.pricings as Json[]).some((x) => Array.isArray(x.promotions) && x.promotions.length > 0));
    const samples = catalogs.flatMap((c) => [
      c.plans[0]!,
      c.addons[0]!,
      c.plans.find((p) => Array.isArray(p.addonFamilies) && (p.addonFamilies as unknown[]).length > 0)!,
      ...[withPromotion(c)].filter((p): p is Json => !!p),
    ]);
    expect(samples.some((p) => (p.pricings as Json[]).some((x) => Array.isArray(x.promotions) && x.promotions.length > 0))).toBe(true);
    for (const sample of samples) expect(disagreements(sample, acceptsCatalogPlan, CatalogPlanSchema)).toEqual([]);
  });

  it('never accepts a product that the schema rejects, whatever field is removed or mistyped', () => {
    const samples = catalogs.flatMap((c) => c.products.filter((p) => (p.blobs as Json | undefined)?.technical).slice(0, 3));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(disagreements(sample, acceptsCatalogProduct, CatalogProductSchema)).toEqual([]);
  });

  it('never accepts a whole catalog document the schema rejects (top-level fields)', () => {
    const doc = {
      ...sandboxCatalog,
      plans: sandboxCatalog.plans.slice(0, 2),
      addons: sandboxCatalog.addons.slice(0, 2),
      products: sandboxCatalog.products.slice(0, 2),
    } as unknown as Json;
    expect(acceptsPublicCatalog(doc)).toBe(true);
    const topLevel = pathsOf(doc).filter((at) => at.length <= 2 && ((at[0] !== 'plans' && at[0] !== 'addons' && at[0] !== 'products') || at.length === 1));
    const found: string[] = [];
    for (const at of topLevel) {
      for (const wrong of WRONG_VALUES) {
        const changed = withValueAt(doc, at, wrong);
        if (acceptsPublicCatalog(changed) && !PublicCatalogSchema.safeParse(changed).success) found.push(`${at.join('.')} = ${JSON.stringify(wrong)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('still names the path of a bad field (zod checks what the fast path refused)', () => {
    const doc = structuredClone(sandboxCatalog);
    (doc.plans[1] as Json).invoiceName = 42;
    ((doc.products[0] as Json).blobs as { technical: { memory: Json } }).technical.memory = { size: '32' };
    const result = PublicCatalogSchema.safeParse(doc);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.code}`)).toEqual([
      'plans.1.invoiceName: invalid_type',
      'products.0.blobs.technical.memory.size: invalid_type',
    ]);
  });
});
