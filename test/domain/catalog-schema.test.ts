import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FormattedDedicatedCatalogSchema, GenericOptionDefinitionSchema, PublicCatalogSchema } from '../../src/ovh/models/catalog.js';
import { authoredEcoDocument, authoredFormattedDocument, pricing } from './authored-catalog.js';

type Doc = typeof authoredEcoDocument & { plans: Record<string, unknown>[] };
const ecoDoc = (): Doc => structuredClone(authoredEcoDocument);
const issues = (result: { success: boolean; error?: z.ZodError }) => (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.code}`);

describe('public catalog schema', () => {
  it('keeps fields it does not check (loose objects)', () => {
    const doc = ecoDoc();
    doc.plans[0]!.pricings[0]!.formattedPrice = '10.00 €';
    (doc as Record<string, unknown>).newTopLevel = { a: 1 };
    const parsed = PublicCatalogSchema.parse(doc);
    expect((parsed.plans[0]!.pricings[0] as Record<string, unknown>).formattedPrice).toBe('10.00 €');
    expect((parsed as Record<string, unknown>).newTopLevel).toEqual({ a: 1 });
  });

  it('names the path of a bad pricing field (hand-checked pricings fall back to zod for the message)', () => {
    const doc = ecoDoc();
    doc.plans[1]!.pricings[2]!.price = '540';
    doc.plans[0]!.pricings[1]!.capacities = 'renew';
    const result = PublicCatalogSchema.safeParse(doc);
    expect(result.success).toBe(false);
    expect(issues(result)).toEqual(['plans.0.pricings.1.capacities: invalid_type', 'plans.1.pricings.2.price: invalid_type']);
  });

  it('validates promotions (a bad one is left to zod, which names it)', () => {
    const doc = ecoDoc();
    doc.plans[0]!.pricings[0]!.promotions = [{ total: { value: 0 } }];
    expect(issues(PublicCatalogSchema.safeParse(doc))).toEqual(['plans.0.pricings.0.promotions.0.name: invalid_type']);
  });

  it('rejects what the fast path and zod both must reject, and accepts what both accept', () => {
    const variants: [string, Record<string, unknown>, boolean][] = [
      ['null commitment', { commitment: null }, false],
      ['missing commitment (trimmed recordings)', { commitment: undefined }, true],
      ['null engagement', { engagementConfiguration: null }, true],
      ['engagement without type', { engagementConfiguration: { duration: 'P12M' } }, false],
      ['quantity max null', { quantity: { min: 1, max: null } }, true],
      ['quantity without min', { quantity: { max: 2 } }, false],
      ['null promotions', { promotions: null }, true],
      ['missing mode', { mode: undefined }, false],
      ['non-string capacity', { capacities: ['renew', 3] }, false],
    ];
    for (const [name, change, ok] of variants) {
      const doc = ecoDoc();
      const p = { ...pricing('default', 'renew', 1), ...change };
      for (const key of Object.keys(change)) if (change[key] === undefined) delete p[key];
      doc.plans[0]!.pricings = [p];
      expect(PublicCatalogSchema.safeParse(doc).success, name).toBe(ok);
    }
  });

  it('requires the fields the domain reads', () => {
    const doc = ecoDoc();
    delete (doc.plans[0] as Record<string, unknown>).invoiceName;
    (doc as Record<string, unknown>).locale = { subsidiary: 'FR' };
    expect(issues(PublicCatalogSchema.safeParse(doc))).toEqual(['locale.currencyCode: invalid_type', 'plans.0.invoiceName: invalid_type']);
  });

  it('accepts null blobs, configurations and families', () => {
    const doc = ecoDoc();
    Object.assign(doc.plans[0]!, { blobs: null, configurations: null, addonFamilies: null, family: null });
    expect(PublicCatalogSchema.safeParse(doc).success).toBe(true);
  });
});

describe('formatted dedicated catalog schema', () => {
  it('accepts the schema-shaped document and requires product codes and prices', () => {
    expect(FormattedDedicatedCatalogSchema.safeParse(authoredFormattedDocument).success).toBe(true);
    const doc = structuredClone(authoredFormattedDocument) as { products: Record<string, unknown>[] };
    delete doc.products[0]!.code;
    (doc.products[0]!.prices as { default: Record<string, unknown> }).default.renew = { currencyCode: 'USD', text: '$1' };
    expect(issues(FormattedDedicatedCatalogSchema.safeParse(doc))).toEqual([
      'products.0.code: invalid_type',
      'products.0.prices.default.renew.value: invalid_type',
    ]);
  });
});

describe('cart option definitions schema', () => {
  it('needs family, mandatory and exclusive, and keeps extra fields', () => {
    const base = { planCode: 'ram-32g', productName: '32 GB', prices: [] };
    expect(GenericOptionDefinitionSchema.safeParse(base).success).toBe(false);
    const parsed = GenericOptionDefinitionSchema.parse({ ...base, family: 'memory', mandatory: true, exclusive: true, extra: 1 });
    expect((parsed as Record<string, unknown>).extra).toBe(1);
  });
});
