import { describe, expect, it } from 'vitest';
import {
  billingChoicesFromOffer,
  billingWords,
  buildBillingChoices,
  checkQuantity,
  defaultBillingChoice,
  describeBillingChoices,
  findBillingChoice,
} from '../../src/domain/billing.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { GenericProductDefinitionSchema } from '../../src/ovh/models/catalog.js';
import { authoredEcoCatalog, euros } from './authored-catalog.js';

const cartPrice = (value: number) => ({ currencyCode: 'EUR', text: `${value.toFixed(2)} €`, value, priceInUcents: Math.round(value * 1e8) });

function price(pricingMode: string, capacity: 'installation' | 'renew', duration: string, value: number, extra: Record<string, unknown> = {}) {
  return {
    capacities: [capacity],
    description: '',
    duration,
    interval: capacity === 'renew' ? 1 : 0,
    maximumQuantity: 3,
    maximumRepeat: null,
    minimumQuantity: 1,
    minimumRepeat: 1,
    price: cartPrice(value),
    priceInUcents: Math.round(value * 1e8),
    pricingMode,
    pricingType: 'rental',
    ...extra,
  };
}

const definition = GenericProductDefinitionSchema.parse({
  planCode: 'ks-a',
  productName: 'KS-A | Intel Xeon-D 1520',
  productType: 'delivery',
  prices: [
    price('upfront12', 'installation', 'P0D', 0),
    price('upfront12', 'renew', 'P1Y', 108),
    price('default', 'installation', 'P0D', 10),
    price('default', 'renew', 'P1M', 10),
    price('degressivity12', 'installation', 'P0D', 0),
    price('degressivity12', 'renew', 'P1M', 9.5),
    // Not a billing choice: an upgrade price.
    price('default', 'upgrade' as 'renew', 'P0D', 0, { capacities: ['upgrade'] }),
  ],
});

describe('billing choices from a cart product offer', () => {
  const choices = buildBillingChoices(definition);

  it('lists one choice per mode × renew duration, monthly first', () => {
    expect(choices.map((c) => [c.pricingMode, c.duration, c.months, c.kind, c.commitmentMonths])).toEqual([
      ['default', 'P1M', 1, 'monthly', 0],
      ['degressivity12', 'P1M', 1, 'commitment', 12],
      ['upfront12', 'P1Y', 12, 'upfront', 12],
    ]);
    expect(choices.map((c) => c.label)).toEqual(['Monthly, no commitment', '12-month commitment, paid monthly', '12 months paid upfront']);
  });

  it('computes the monthly cost, what is due now and the term total', () => {
    const [monthly, commitment, upfront] = choices;
    expect(monthly).toMatchObject({ periodPrice: euros(10), setup: euros(10), monthlyEquivalent: euros(10), dueNow: euros(20), termTotal: euros(20) });
    expect(commitment).toMatchObject({ monthlyEquivalent: euros(9.5), dueNow: euros(9.5), termTotal: euros(114) });
    expect(upfront).toMatchObject({ periodPrice: euros(108), monthlyEquivalent: euros(9), dueNow: euros(108), termTotal: euros(108) });
  });

  it('carries the quantity limits', () => {
    expect(choices[0]?.quantity).toEqual({ min: 1, max: 3 });
    expect(checkQuantity(choices[0]!, 2)).toBeUndefined();
    expect(checkQuantity(choices[0]!, 4)?.message).toMatch(/4 is above the maximum of 3/);
    expect(checkQuantity(choices[0]!, 0)?.message).toMatch(/0 is below the minimum of 1/);
  });

  it('finds a choice by mode and duration (P12M = P1Y) and picks the default', () => {
    expect(findBillingChoice(choices, 'upfront12', 'P12M')?.months).toBe(12);
    expect(findBillingChoice(choices, 'upfront12', 'P1M')).toBeUndefined();
    expect(findBillingChoice(choices, 'upfront24', 'P2Y')).toBeUndefined();
    expect(defaultBillingChoice(choices)?.pricingMode).toBe('default');
    expect(describeBillingChoices(choices)).toEqual(['default P1M', 'degressivity12 P1M', 'upfront12 P1Y']);
  });

  it('fills amounts from the catalog when the cart answer has none', () => {
    const [offer] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
    const bare = GenericProductDefinitionSchema.parse({
      planCode: 'ks-a',
      productName: 'KS-A',
      prices: [
        { duration: 'P0D', pricingMode: 'default', capacities: ['installation'] },
        { duration: 'P1M', pricingMode: 'default', capacities: ['renew'] },
        { duration: 'P1Y', pricingMode: 'upfront12', capacities: ['renew'] },
      ],
    });
    const withCatalog = buildBillingChoices(bare, offer);
    expect(withCatalog.map((c) => [c.pricingMode, c.dueNow?.micros])).toEqual([
      ['default', euros(20).micros],
      ['upfront12', euros(108).micros],
    ]);
    const without = buildBillingChoices(bare);
    expect(without[0]).toMatchObject({ pricingMode: 'default', periodPrice: null, dueNow: null, monthlyEquivalent: null });
  });

  it('lists the catalog’s amounts over the cart’s: the default hardware included and a running promotion applied, named', () => {
    const [offer] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
    const promoted = {
      ...offer!,
      pricings: offer!.pricings.map((p) =>
        p.mode === 'default' && p.intervalMonths === 1
          ? {
              ...p,
              setup: euros(0),
              dueNow: p.firstPeriodPrice,
              promotions: [
                {
                  name: 'SETUP_OFFERED',
                  description: null,
                  appliesTo: 'setup' as const,
                  mode: 'default',
                  before: p.setup,
                  after: euros(0),
                  endDate: '2027-02-01T00:00:00+01:00',
                  durationMonths: null,
                },
              ],
            }
          : p,
      ),
    };
    const monthly = buildBillingChoices(definition, promoted).find((c) => c.pricingMode === 'default')!;
    const listed = promoted.pricings.find((p) => p.mode === 'default' && p.intervalMonths === 1)!;
    expect(monthly.dueNow).toEqual(listed.dueNow);
    expect(monthly.setup).toEqual(euros(0));
    expect(monthly.promotions).toEqual(['SETUP_OFFERED until 2027-02-01']);
  });

  it('builds the same choices from the catalog alone', () => {
    const [offer] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
    const fromCatalog = billingChoicesFromOffer(offer!);
    expect(fromCatalog.map((c) => [c.pricingMode, c.duration, c.dueNow?.micros])).toEqual(choices.map((c) => [c.pricingMode, c.duration, c.dueNow?.micros]));
  });
});

describe('billing in words, from the mode and duration alone (cart show, the journal, a resumed cart)', () => {
  it('says the modes OVH names by rule as the billing question does, and names any other mode as it is', () => {
    expect(billingWords('default', 'P1M')).toBe('Monthly, no commitment');
    expect(billingWords('degressivity12', 'P1M')).toBe('12-month commitment, paid monthly');
    expect(billingWords('degressivity24', 'P1M')).toBe('24-month commitment, paid monthly');
    expect(billingWords('upfront12', 'P12M')).toBe('12 months paid upfront');
    // No words are guessed for a mode the rules do not cover.
    expect(billingWords('promo42', 'P1M')).toBe('promo42, billed every month');
    expect(billingWords('promo42', 'P3M')).toBe('promo42, billed every 3 months');
  });
});
