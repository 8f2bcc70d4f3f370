import { describe, expect, it } from 'vitest';
import { allowedOptionCodes, assertOptionSelection, optionFamiliesFromCart, resolveOptions } from '../../src/domain/options.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { GenericOptionDefinitionListSchema } from '../../src/ovh/models/catalog.js';
import { UsageError } from '../../src/domain/errors.js';
import { authoredEcoCatalog, euros } from './authored-catalog.js';

const [ks, rise] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
if (!ks || !rise) throw new Error('authored catalog changed');
const monthly = { pricingMode: 'default', duration: 'P1M' };

const picked = (families: typeof ks.addonFamilies, requested: string[], billing = monthly) =>
  resolveOptions(families, requested, billing).selected.map((s) => [s.family, s.planCode, s.source]);

describe('option selection', () => {
  it('gives each mandatory family its catalog default when nothing is chosen', () => {
    const result = resolveOptions(ks.addonFamilies, [], monthly);
    expect(result.problems).toEqual([]);
    expect(result.selected.map((s) => [s.family, s.planCode, s.source])).toEqual([
      ['memory', 'ram-16g-ks-a', 'default'],
      ['storage', 'softraid-2x500ssd-ks-a', 'default'],
      // defined nowhere in addons[], still the default: the cart knows it
      ['bandwidth', 'bandwidth-100-ks', 'default'],
    ]);
    expect(result.selected[2]?.addon).toBeNull();
  });

  it('keeps the person’s choice in a family instead of the default', () => {
    expect(picked(ks.addonFamilies, ['ram-32g-ks-a'])).toEqual([
      ['memory', 'ram-32g-ks-a', 'chosen'],
      ['storage', 'softraid-2x500ssd-ks-a', 'default'],
      ['bandwidth', 'bandwidth-100-ks', 'default'],
    ]);
  });

  it('without a default, orders the add-on the listing shows (cheapest in the default mode) in every mode it is sold in', () => {
    const priced = (mode: string, months: number, amount: number) => ({
      mode,
      intervalMonths: months,
      duration: months === 1 ? 'P1M' : 'P1Y',
      periodPrice: euros(amount),
      firstPeriodPrice: euros(amount),
      setup: euros(0),
      monthlyEquivalent: euros(amount / months),
      promotions: [],
    });
    const addon = (planCode: string, pricings: ReturnType<typeof priced>[]) => ({
      planCode,
      name: planCode,
      product: planCode,
      family: 'storage',
      pricings,
      monthlyDelta: null,
      ramGb: null,
      storage: null,
      bandwidthMbps: null,
    });
    const family = {
      name: 'storage',
      mandatory: true,
      exclusive: true,
      default: null,
      missing: [],
      // The listing shows the 2x512 (cheapest monthly); upfront, the 2x4000 happens to cost less.
      addons: [
        addon('softraid-2x4000sa', [priced('default', 1, 5), priced('upfront12', 12, 50)]),
        addon('softraid-2x512nvme', [priced('default', 1, 0), priced('upfront12', 12, 100)]),
      ],
    };
    expect(picked([family], [], { pricingMode: 'upfront12', duration: 'P1Y' })).toEqual([['storage', 'softraid-2x512nvme', 'cheapest']]);
    expect(picked([family], [], monthly)).toEqual([['storage', 'softraid-2x512nvme', 'cheapest']]);
  });

  it('picks the cheapest for the chosen mode when a mandatory family has no default', () => {
    expect(picked(rise.addonFamilies, [], { pricingMode: 'upfront12', duration: 'P1Y' }).slice(0, 1)).toEqual([['memory', 'ram-32g-rise-b', 'cheapest']]);
  });

  it('reports a mandatory family with no option at all instead of crashing', () => {
    const result = resolveOptions(rise.addonFamilies, [], monthly);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'no-option-for-mandatory-family' })]);
    expect(result.problems[0]?.message).toContain('No private bandwidth (vRack) option');
  });

  it('rejects unknown option plan codes, listing the plan’s options', () => {
    const result = resolveOptions(ks.addonFamilies, ['ram-999g'], monthly);
    expect(result.problems[0]?.code).toBe('unknown-option');
    expect(result.problems[0]?.message).toMatch(
      /^Unknown option "ram-999g" for this plan\. Its options, by family:\n {4}Memory \(one is needed\): ram-16g-ks-a/,
    );
    expect(result.problems[0]?.message).toContain('plesk-webpro');
    expect(allowedOptionCodes(ks.addonFamilies)).toContain('plesk-webpro');
  });

  it('rejects two options of one exclusive family', () => {
    const result = resolveOptions(ks.addonFamilies, ['ram-16g-ks-a', 'ram-32g-ks-a'], monthly);
    expect(result.problems.map((p) => p.code)).toEqual(['exclusive-conflict']);
    expect(result.problems[0]?.message).toContain('"ram-16g-ks-a" and "ram-32g-ks-a" are both memory, of which only one can be chosen');
    expect(() => assertOptionSelection(result, 'ks-a')).toThrow(UsageError);
  });

  it('allows several options of a non-exclusive family', () => {
    const result = resolveOptions(ks.addonFamilies, ['plesk-webadmin', 'plesk-webpro'], monthly);
    expect(result.problems).toEqual([]);
    expect(result.selected.filter((s) => s.family === 'application-license')).toHaveLength(2);
  });

  it('rejects an option not sold in the chosen pricing mode', () => {
    const result = resolveOptions(rise.addonFamilies, ['ram-64g-rise-b'], { pricingMode: 'degressivity12', duration: 'P1M' });
    expect(result.problems[0]).toMatchObject({ code: 'not-sold-in-mode' });
    expect(result.problems[0]?.message).toContain('default P1M, upfront12 P1Y');
  });

  it('asserts a clean selection without throwing', () => {
    expect(assertOptionSelection(resolveOptions(ks.addonFamilies, [], monthly))).toHaveLength(3);
  });
});

describe('option families from the cart', () => {
  const cartPrice = (value: number) => ({ currencyCode: 'EUR', text: `${value} €`, value });
  const option = (planCode: string, family: string, renew: number, mandatory = true) => ({
    planCode,
    productName: planCode,
    productType: 'delivery',
    family,
    mandatory,
    exclusive: true,
    prices: [
      {
        capacities: ['installation'],
        duration: 'P0D',
        pricingMode: 'default',
        price: cartPrice(0),
        priceInUcents: 0,
        interval: 0,
        minimumQuantity: 1,
        minimumRepeat: 1,
        description: '',
        pricingType: 'rental',
      },
      {
        capacities: ['renew'],
        duration: 'P1M',
        pricingMode: 'default',
        price: cartPrice(renew),
        priceInUcents: renew * 1e8,
        interval: 1,
        minimumQuantity: 1,
        minimumRepeat: 1,
        description: '',
        pricingType: 'rental',
      },
    ],
  });
  const definitions = GenericOptionDefinitionListSchema.parse([
    option('ram-16g-ks-a', 'memory', 0),
    option('ram-32g-ks-a', 'memory', 5),
    option('softraid-2x500ssd-ks-a', 'storage', 0),
    option('bandwidth-100-ks', 'bandwidth', 0),
  ]);

  it('groups options by family, with cart prices and the catalog defaults', () => {
    const families = optionFamiliesFromCart(definitions, ks);
    expect(families.map((f) => [f.name, f.mandatory, f.exclusive, f.default, f.addons.length])).toEqual([
      ['memory', true, true, 'ram-16g-ks-a', 2],
      ['storage', true, true, 'softraid-2x500ssd-ks-a', 1],
      ['bandwidth', true, true, 'bandwidth-100-ks', 1],
    ]);
    expect(families[0]?.addons[1]?.pricings[0]?.periodPrice).toEqual(euros(5));
    expect(families[0]?.addons[1]?.product).toBe('ram-32g-ecc-2133');
  });

  it('without a catalog default, picks the cheapest', () => {
    const families = optionFamiliesFromCart(definitions);
    expect(picked(families, [])[0]).toEqual(['memory', 'ram-16g-ks-a', 'cheapest']);
  });
});
