// The domain layer against real recorded OVH data (../shared/fixtures/ovh, see SOURCES.md there):
// catalogs, pricings with promotions, availability records, a cart product offer and a
// requiredConfiguration answer. Skipped, saying so, when the fixtures folder is absent (a failure under CI=true).
import { expect, it } from 'vitest';
import { z } from 'zod';
import { CatalogPricingSchema, GenericProductDefinitionListSchema, PublicCatalogSchema, type PublicCatalog } from '../../src/ovh/models/catalog.js';
import { hardwareFromOptions, offerAvailability, stockLookup, type AvailabilityRecord } from '../../src/domain/availability.js';
import { buildBillingChoices } from '../../src/domain/billing.js';
import { missingConfiguration, planConfiguration, type RequiredConfigurationItem } from '../../src/domain/configuration.js';
import { moneyFromCartPrice, moneyToNumber, type Money } from '../../src/domain/money.js';
import { nextPromotionBoundary, planPricings } from '../../src/domain/offer-pricing.js';
import { cheapestFirst, findAddon, normaliseCatalog, priceOfSelection, type Offer } from '../../src/domain/offers.js';
import { resolveOptions } from '../../src/domain/options.js';
import { validateSpecAgainstOffer, type OrderSpec } from '../../src/domain/order-spec.js';
import { datacenterInfo, regionForDatacenter } from '../../src/domain/places.js';
import { offerDescription } from '../../src/ui/offer-view.js';
import { describeRecorded, readRecorded, recordedPresent } from '../helpers/data-pack.js';

const present = recordedPresent;
const read = readRecorded;
const eur = (m: Money | null | undefined) => (m ? { amount: moneyToNumber(m), currency: m.currency } : null);
const amount = (n: number) => ({ amount: n, currency: 'EUR' });

/** Catalogs priced today unless told: every recorded promotion has ended by now. */
function offersOf(file: string, range: 'eco' | 'baremetal', now = new Date()): Offer[] {
  return normaliseCatalog({ range, catalog: PublicCatalogSchema.parse(read(file)) }, now);
}

const byCode = (offers: Offer[], code: string): Offer => {
  const offer = offers.find((o) => o.planCode === code);
  if (!offer) throw new Error(`${code} not in fixture`);
  return offer;
};

describeRecorded('eco catalog FR 2025-05 (subset of 8 plans)', () => {
  const offers = present ? offersOf('catalog-public-eco-FR-2025-05-subset.json', 'eco') : [];

  it('normalises all 8 plans with hardware, prices and datacenters', () => {
    expect(offers.map((o) => o.planCode)).toEqual(['24rise01', '24rise02', '24risegame01', '24sk10', '24sk30', '24skstor01', '24sys01', '25skb01']);
    for (const offer of offers) {
      expect(offer, offer.planCode).toMatchObject({ range: 'eco', product: 'eco', currency: 'EUR' });
      expect(offer.cpu?.cores, offer.planCode).toBeGreaterThan(0);
      expect(offer.ramGb, offer.planCode).toBeGreaterThan(0);
      expect(offer.storage?.totalGb, offer.planCode).toBeGreaterThan(0);
      expect(offer.monthly.micros, offer.planCode).toBeGreaterThan(0);
      expect(offer.datacenters.length, offer.planCode).toBeGreaterThan(0);
      // Mandatory families are complete in the subset; optional licence definitions were dropped and are reported.
      for (const family of offer.addonFamilies) {
        if (family.mandatory) expect(family.missing, `${offer.planCode} ${family.name}`).toEqual([]);
      }
      expect(offer.addonFamilies.find((f) => f.name === 'application-license')?.missing.length).toBeGreaterThan(0);
    }
  });

  it('reads KS-1 (24sk10) as the catalog says: 16.99 € a month, 16.99 € setup, Xeon-D 1520, 32 GB, 2× 2 TB HDD', () => {
    const ks1 = byCode(offers, '24sk10');
    expect(ks1.name).toBe('KS-1 | Intel Xeon-D 1520');
    expect(ks1.family).toBe('kimsufi');
    expect(ks1.cpu).toMatchObject({ brand: 'Intel', model: 'Xeon-D 1520', cores: 4, threads: 8, frequencyGhz: 2.2 });
    expect(ks1.ramGb).toBe(32);
    expect(ks1.storage?.summary).toBe('2× 2 TB HDD');
    expect(ks1.bandwidthMbps).toBe(300);
    expect(ks1.monthly).toEqual({ micros: 1699000000, currency: 'EUR' });
    expect(eur(ks1.setup)).toEqual(amount(16.99));
    expect(ks1.quantity).toEqual({ min: 1, max: 2 });
    expect(ks1.hardware).toEqual({ memory: 'ram-32g-ecc-2133', storage: 'softraid-2x2000sa', systemStorage: null });
  });

  it('keeps every pricing mode of the real data', () => {
    const ks1 = byCode(offers, '24sk10');
    expect(ks1.pricings.map((p) => `${p.mode}:${p.duration}`)).toEqual([
      'default:P1M',
      'degressivity3:P1M',
      'degressivity6:P1M',
      'degressivity12:P1M',
      'upfront3:P3M',
      'upfront6:P6M',
      'upfront12:P1Y',
    ]);
    const upfront12 = ks1.pricings.find((p) => p.mode === 'upfront12');
    expect(eur(upfront12?.periodPrice)).toEqual(amount(203.88));
    expect(eur(upfront12?.monthlyEquivalent)).toEqual(amount(16.99));
    expect(eur(upfront12?.dueNow)).toEqual(amount(220.87)); // KS-1 keeps its setup fee upfront
  });

  it('prices RISE-1 as documented: 56.99 setup + 56.99/month, 54.14 with 12 months, 615.49 upfront, no setup when committed', () => {
    const rise1 = byCode(offers, '24rise01');
    const mode = (m: string) => rise1.pricings.find((p) => p.mode === m);
    expect(eur(mode('default')?.dueNow)).toEqual(amount(113.98));
    expect(eur(mode('degressivity12')?.monthlyEquivalent)).toEqual(amount(54.14));
    expect(eur(mode('degressivity12')?.setup)).toEqual(amount(0));
    expect(mode('degressivity12')).toMatchObject({ kind: 'commitment', commitmentMonths: 12 });
    expect(eur(mode('upfront12')?.dueNow)).toEqual(amount(615.49));
    expect(mode('upfront24')).toMatchObject({ kind: 'upfront', intervalMonths: 24, duration: 'P2Y' });
  });

  it('resolves add-ons with product names, hardware and deltas', () => {
    const rise1 = byCode(offers, '24rise01');
    const ram64 = findAddon(rise1, 'ram-64g-ecc-3200-24rise');
    expect(ram64).toMatchObject({ product: 'ram-64g-ecc-3200', family: 'memory', ramGb: 64 });
    expect(eur(ram64?.monthlyDelta)).toEqual(amount(8));
    expect(findAddon(rise1, 'hybridsoftraid-2x6000sa-2x512nvme-24rise')?.storage?.summary).toBe('2× 512 GB NVMe + 2× 6 TB HDD');
    expect(eur(priceOfSelection(rise1, 'default', ['ram-64g-ecc-3200-24rise']).periodPrice)).toEqual(amount(64.99));
  });

  it('applies the real RAM promotion of SYS-1 between its dates only (2025-05-06 to 2025-05-20), and names it', () => {
    const during = byCode(offersOf('catalog-public-eco-FR-2025-05-subset.json', 'eco', new Date('2025-05-13T21:46:00Z')), '24sys01');
    const ram64 = findAddon(during, 'ram-64g-ecc-2666-24sys')?.pricings.find((p) => p.mode === 'default');
    expect(eur(ram64?.periodPrice)).toEqual(amount(10));
    expect(eur(ram64?.firstPeriodPrice)).toEqual(amount(2.5));
    expect(ram64?.promotions[0]).toMatchObject({ name: 'SPECIALOFFER_0525_SYS13_SYSGAME12_ramoffer', endDate: '2025-05-20T14:00:00+02:00' });
    expect(eur(priceOfSelection(during, 'default', ['ram-64g-ecc-2666-24sys']).dueNow)).toEqual(amount(62.48));

    // Prices worked out during the promotion hold until it ends (the catalog cache keeps them no longer).
    const catalog = PublicCatalogSchema.parse(read('catalog-public-eco-FR-2025-05-subset.json'));
    const pricings = [...catalog.plans, ...(catalog.addons ?? [])].flatMap((p) => p.pricings);
    expect(nextPromotionBoundary(pricings, new Date('2025-05-13T21:46:00Z'))?.toISOString()).toBe('2025-05-20T12:00:00.000Z');
    expect(nextPromotionBoundary(pricings, new Date())).toBeUndefined();

    for (const at of [new Date('2025-05-06T04:59:59Z'), new Date('2025-05-20T12:00:00Z'), new Date()]) {
      const sys1 = byCode(offersOf('catalog-public-eco-FR-2025-05-subset.json', 'eco', at), '24sys01');
      const outside = findAddon(sys1, 'ram-64g-ecc-2666-24sys')?.pricings.find((p) => p.mode === 'default');
      expect(eur(outside?.firstPeriodPrice), at.toISOString()).toEqual(amount(10));
      expect(outside?.promotions, at.toISOString()).toEqual([]);
      expect(eur(priceOfSelection(sys1, 'default', ['ram-64g-ecc-2666-24sys']).dueNow), at.toISOString()).toEqual(amount(69.98));
    }
  });

  it('lists offers cheapest first', () => {
    expect(cheapestFirst(offers).map((o) => o.planCode)).toEqual([
      '25skb01',
      '24sk10',
      '24sk30',
      '24sys01',
      '24skstor01',
      '24rise01',
      '24rise02',
      '24risegame01',
    ]);
  });

  it('picks the catalog default for every mandatory family', () => {
    const result = resolveOptions(byCode(offers, '24rise01').addonFamilies, [], { pricingMode: 'degressivity12', duration: 'P1M' });
    expect(result.problems).toEqual([]);
    expect(result.selected.map((s) => s.planCode)).toEqual([
      'bandwidth-1000-unguaranteed-24rise',
      'ram-32g-ecc-3200-24rise',
      'softraid-2x512nvme-24rise',
      'vrack-bandwidth-1000-24rise',
    ]);
  });

  it('knows every datacenter the catalog offers, and KS-B only in gra', () => {
    for (const code of new Set(offers.flatMap((o) => o.datacenters))) {
      expect(datacenterInfo(code), code).toBeDefined();
      expect(['europe', 'canada']).toContain(regionForDatacenter(code, ['canada', 'europe']));
    }
    expect(byCode(offers, '25skb01').datacenters).toEqual(['gra']);
  });
});

describeRecorded('baremetalServers catalog FR 2022-02 (subset of 4 plans)', () => {
  const offers = present ? offersOf('catalog-public-baremetalServers-FR-2022-02-subset.json', 'baremetal') : [];

  it('normalises the 4 plans for the baremetalServers cart product', () => {
    expect(offers.map((o) => [o.planCode, o.name, o.family, o.product])).toEqual([
      ['21adv01', 'Advance-1 Gen 2', 'advance', 'baremetalServers'],
      ['21game01', 'GAME-1', 'game', 'baremetalServers'],
      ['21scale01', 'SCALE-1', 'scale', 'baremetalServers'],
      ['22rise01', 'RISE-1', 'rise', 'baremetalServers'],
    ]);
    expect(eur(byCode(offers, '21adv01').monthly)).toEqual(amount(89.99));
  });

  it('describes SCALE-1 with its system storage', () => {
    const scale = byCode(offers, '21scale01');
    expect(scale.cpu).toMatchObject({ brand: 'AMD', model: 'Epyc 7402', cores: 24, threads: 48 });
    expect(scale.ramGb).toBe(256);
    expect(scale.storage?.summary).toBe('2× 1.92 TB NVMe + 2× 480 GB SSD (system)');
    expect(scale.hardware.systemStorage).toBe('softraid-2x480ssd-sata');
    expect(eur(scale.setup)).toEqual(amount(300));
  });

  it('prices GAME-1 as OVH quotes it today: the winter sale ended on 2022-02-08', () => {
    const game = byCode(offers, '21game01');
    expect(game.promotions).toEqual([]);
    expect(eur(game.setup)).toEqual(amount(99.99));
    const mode = (name: string) => game.pricings.find((p) => p.mode === name);
    expect(eur(mode('default')?.dueNow)).toEqual(amount(199.98));
    expect(eur(mode('degressivity12')?.dueNow)).toEqual(amount(94.99));
    expect(eur(mode('upfront12')?.dueNow)).toEqual(amount(1079.89));
    expect(offerDescription(game, undefined, { locale: 'fr-FR' })).not.toContain('Promotion');
  });

  it('applies the real 2022 winter-sale promotions of GAME-1 while they ran', () => {
    const during = offersOf('catalog-public-baremetalServers-FR-2022-02-subset.json', 'baremetal', new Date('2022-02-01T12:00:00Z'));
    const game = byCode(during, '21game01');
    expect(eur(game.setup)).toEqual(amount(0));
    // Named where it applies, with its end.
    expect(offerDescription(game, undefined, { locale: 'fr-FR' })).toMatch(/Promotion WS22_Game_Setup_fees until 2022-02-08: setup 0,00\s€ \(was 99,99\s€\)/);
    const monthly = game.pricings.find((p) => p.mode === 'default');
    expect(eur(monthly?.setupBeforePromotion)).toEqual(amount(99.99));
    expect(eur(monthly?.dueNow)).toEqual(amount(99.99));
    const committed = game.pricings.find((p) => p.mode === 'degressivity24');
    expect(eur(committed?.periodPrice)).toEqual(amount(89.99));
    expect(eur(committed?.firstPeriodPrice)).toEqual(amount(74.6917));
    expect(game.promotions.map((p) => p.name)).toEqual(expect.arrayContaining(['WS22_Game_Setup_fees', 'WS22_Game_12M', 'WS22_Game_24M']));
  });
});

describeRecorded('2026 trimmed recordings: pricings, promotion, cart product offer', () => {
  const pricingsOf = (file: string): { currency: string; pricings: z.infer<typeof CatalogPricingSchema>[] } => {
    const doc = read(file) as { locale: { currencyCode: string }; plans: { pricings: unknown[] }[] };
    return { currency: doc.locale.currencyCode, pricings: z.array(CatalogPricingSchema).parse(doc.plans[0]!.pricings) };
  };

  /** A catalog around the recorded 24adv01-v3 pricings (the recording keeps nothing else). */
  const adv1Catalog = (): PublicCatalog => {
    const doc = read('catalog-public-eco-FR-24adv01-v3-pricings-2026-trimmed.json') as { locale: object; plans: { planCode: string; pricings: unknown[] }[] };
    return PublicCatalogSchema.parse({
      catalogId: 0,
      locale: doc.locale,
      plans: [
        {
          planCode: '24adv01-v3',
          invoiceName: 'ADVANCE-1 | AMD EPYC 4244P',
          product: '24adv01-v3',
          pricings: doc.plans[0]!.pricings,
          configurations: [],
          addonFamilies: [],
        },
      ],
      addons: [],
      products: [],
    });
  };

  it('prices ADVANCE-1 (24adv01-v3): 89.99 + 89.99 due now, which is the recorded checkout total', () => {
    const { currency, pricings } = pricingsOf('catalog-public-eco-FR-24adv01-v3-pricings-2026-trimmed.json');
    const result = planPricings(pricings, currency);
    expect(result.map((p) => [p.mode, p.duration, p.kind])).toEqual([
      ['default', 'P1M', 'monthly'],
      ['upfront12', 'P1Y', 'upfront'],
      ['upfront24', 'P2Y', 'upfront'],
    ]);
    const quote = read('cart-checkout-GET-preview-eco-24adv01-v3-FR-2026-trimmed.json') as { prices: { withoutTax: { value: number; currencyCode: string } } };
    expect(result[0]?.dueNow).toEqual(moneyFromCartPrice(quote.prices.withoutTax));
    expect(eur(result[1]?.dueNow)).toEqual(amount(1025.89));
    expect(eur(result[1]?.monthlyEquivalent)).toEqual(amount(85.49083333));
    expect(eur(result[2]?.setup)).toEqual(amount(0));
  });

  it('applies the FLASHSALE setup promotion of RISE-1 (24rise01-v1) and names it', () => {
    const { currency, pricings } = pricingsOf('catalog-public-eco-FR-24rise01-v1-promotion-2026-trimmed.json');
    const [monthly] = planPricings(pricings, currency);
    expect(eur(monthly?.setup)).toEqual(amount(0));
    expect(eur(monthly?.setupBeforePromotion)).toEqual(amount(56.99));
    expect(eur(monthly?.dueNow)).toEqual(amount(56.99));
    expect(monthly?.promotions).toEqual([expect.objectContaining({ name: 'FLASHSALE_WW_RISE_1_3_AND_GAME_T1', appliesTo: 'setup' })]);
  });

  it('builds billing choices from the recorded cart product offer, amounts from the catalog', () => {
    const [definition] = GenericProductDefinitionListSchema.parse(read('cart-eco-GET-planCode-24adv01-v3-FR-2026-trimmed.json'));
    const [offer] = normaliseCatalog({ range: 'eco', catalog: adv1Catalog() });
    const choices = buildBillingChoices(definition!, offer);
    expect(choices.map((c) => [c.pricingMode, c.duration, c.months, c.kind])).toEqual([
      ['default', 'P1M', 1, 'monthly'],
      ['upfront12', 'P1Y', 12, 'upfront'],
      ['upfront24', 'P2Y', 24, 'upfront'],
    ]);
    expect(eur(choices[0]?.dueNow)).toEqual(amount(179.98));
    expect(eur(choices[2]?.dueNow)).toEqual(amount(2051.77));
    expect(choices[0]?.quantity).toEqual({ min: 1, max: 10 });
  });
});

describeRecorded('availability records joined to offers', () => {
  const records = present
    ? ([
        ...(read('dedicated-datacenter-availabilities-2026-trimmed.json') as AvailabilityRecord[]),
        ...(read('dedicated-datacenter-availabilities-24rise01-v1-2026-trimmed.json') as AvailabilityRecord[]),
        ...(read('dedicated-datacenter-availabilities-24ska01-2024.json') as AvailabilityRecord[]),
      ] as AvailabilityRecord[])
    : [];
  const offers = present ? offersOf('catalog-public-eco-FR-2025-05-subset.json', 'eco') : [];

  it('joins RISE-1 (24rise01) to the 24rise01-v1 record by server and hardware names: 72 h in gra', () => {
    const a = offerAvailability(byCode(offers, '24rise01'), records);
    expect(a).toMatchObject({ match: 'exact', fqn: '24rise01-v1.ram-32g-ecc-3200.softraid-2x512nvme', orderableDatacenters: ['gra'] });
    expect(a.soonest).toMatchObject({ datacenter: 'gra', availability: '72H', label: '72 h' });
  });

  it('finds no record for another memory choice rather than guessing', () => {
    const rise1 = byCode(offers, '24rise01');
    expect(offerAvailability(rise1, records, hardwareFromOptions(rise1, ['ram-64g-ecc-3200-24rise'])).match).toBe('none');
  });

  it('reads delays of the recorded records, soonest first', () => {
    const adv = offerAvailability(
      { ...byCode(offers, '24rise01'), planCode: '24adv01-v3', hardware: { memory: null, storage: null, systemStorage: null }, addonFamilies: [] },
      records,
      {
        memory: { planCode: 'ram-128g-on-die-ecc-3600', product: 'ram-128g-on-die-ecc-3600' },
        storage: { planCode: 'hybridsoftraid-2x960nvme-pcie-gen4-2x1920nvme-pcie-gen4', product: 'hybridsoftraid-2x960nvme-pcie-gen4-2x1920nvme-pcie-gen4' },
      },
    );
    expect(adv.datacenters.map((d) => `${d.datacenter}:${d.label}`)).toEqual(['gra:1 h', 'bhs:out of stock', 'fra:out of stock', 'lon:out of stock']);
    expect(adv.orderableDatacenters).toEqual(['gra']);
    const ska = offerAvailability({ ...byCode(offers, '24sk10'), planCode: '24ska01' }, records, {
      memory: { planCode: 'ram-64g-noecc-2133', product: 'ram-64g-noecc-2133' },
      storage: { planCode: 'softraid-1x480ssd', product: 'softraid-1x480ssd' },
    });
    expect(ska.match).toBe('exact');
    expect(ska.soonest).toBeNull();
    expect(ska.datacenters).toHaveLength(7);
  });

  it('leaves offers without a record as unknown', () => {
    const stock = offers.map(stockLookup(records));
    expect(stock.filter((a) => a.match !== 'none').map((a) => a.planCode)).toEqual(['24rise01']);
  });

  it('checks a spec against the real offer and stock', () => {
    const rise1 = byCode(offers, '24rise01');
    const availability = offerAvailability(rise1, records);
    const spec: OrderSpec = {
      version: 1,
      range: 'eco',
      subsidiary: 'FR',
      planCode: '24rise01',
      duration: 'P1M',
      pricingMode: 'default',
      quantity: 1,
      datacenter: 'gra',
      options: [],
      configuration: {},
    };
    expect(validateSpecAgainstOffer(spec, rise1, undefined, undefined, { availability })).toEqual([]);
    const problems = validateSpecAgainstOffer({ ...spec, datacenter: 'bhs' }, rise1, undefined, undefined, { availability });
    expect(problems).toEqual([expect.objectContaining({ code: 'out-of-stock', allowed: ['gra'] })]);
  });
});

describeRecorded('requiredConfiguration (24adv01-v3, FR, 2026) through the configuration rules', () => {
  const required = present ? (read('cart-item-requiredConfiguration-eco-24adv01-v3-FR-2026.json') as RequiredConfigurationItem[]) : [];

  it('treats dedicated_datacenter as required although the API says required: false', () => {
    expect(required.find((r) => r.label === 'dedicated_datacenter')?.required).toBe(false);
    const plan = planConfiguration(required, {});
    expect(plan.missing.map((m) => m.label)).toContain('dedicated_datacenter');
    expect(missingConfiguration(required, []).map((r) => r.label)).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
  });

  it('fills dedicated_os (its single value) and region from the datacenter', () => {
    const plan = planConfiguration(required, { datacenter: 'gra' });
    expect(plan.problems).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(plan.entries).toEqual([
      { label: 'dedicated_datacenter', value: 'gra', source: 'datacenter' },
      { label: 'dedicated_os', value: 'none_64.en', source: 'filled-in' },
      { label: 'region', value: 'europe', source: 'region-from-datacenter' },
    ]);
    expect(planConfiguration(required, { datacenter: 'bhs' }).entries.find((e) => e.label === 'region')?.value).toBe('canada');
  });

  it('refuses a datacenter outside the allowed values, naming them', () => {
    const plan = planConfiguration(required, { datacenter: 'atlantide' });
    expect(plan.problems[0]?.message).toBe('Datacenter "atlantide" is not allowed. Allowed: bhs, fra, gra, lon, rbx, sbg, waw.');
  });

  it('checks the optional labels: enable-backup by its values, nichandles by type', () => {
    const plan = planConfiguration(required, {
      datacenter: 'gra',
      values: { 'enable-backup': 'true', TECH_ACCOUNT: 'xx1234-ovh', ADMIN_ACCOUNT: 'bad handle' },
    });
    expect(plan.entries.map((e) => e.label)).toEqual(['dedicated_datacenter', 'dedicated_os', 'enable-backup', 'region', 'TECH_ACCOUNT']);
    expect(plan.problems.map((p) => [p.label, p.code])).toEqual([['ADMIN_ACCOUNT', 'bad-type']]);
  });

  it('agrees with the catalog on datacenters', () => {
    const allowed = required.find((r) => r.label === 'dedicated_datacenter')?.allowedValues;
    const [rise1] = offersOf('catalog-public-eco-FR-2025-05-subset.json', 'eco');
    expect(rise1?.datacenters).toEqual(allowed);
  });
});
