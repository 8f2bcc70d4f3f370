import { describe, expect, it } from 'vitest';
import { addonsOf, cheapestFirst, defaultPricing, findAddon, normaliseCatalog, priceOfSelection, requireOffer } from '../../src/domain/offers.js';
import type { PublicCatalog } from '../../src/ovh/models/catalog.js';
import { buildPublicCatalog } from '../../src/sandbox/data/catalog-builder.js';
import { OfferIndex } from '../../src/sandbox/data/offer-index.js';
import { SUBSIDIARIES } from '../../src/sandbox/data/regions.js';
import { moneyToNumber } from '../../src/domain/money.js';
import { UsageError } from '../../src/domain/errors.js';
import { authoredEcoCatalog, authoredFormattedCatalog, euros } from './authored-catalog.js';

const eco = () => normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });

describe('offers from a public catalog', () => {
  it('normalises every plan with name, range, cart product, CPU, RAM and storage', () => {
    const [ks, rise] = eco();
    expect(ks).toMatchObject({
      range: 'eco',
      product: 'eco',
      planCode: 'ks-a',
      name: 'KS-A | Intel Xeon-D 1520',
      family: 'kimsufi', // from the server blob when the plan has no family
      cpu: { brand: 'Intel', model: 'Xeon-D 1520', cores: 4, threads: 8, frequencyGhz: 2.2, count: 1 },
      ramGb: 16,
      storage: { summary: '2× 500 GB SSD', totalGb: 1000, raid: 'Soft RAID' },
      currency: 'EUR',
      datacenters: ['bhs', 'gra', 'rbx'],
      quantity: { min: 1, max: 3 },
      hardware: { memory: 'ram-16g-ecc-2133', storage: 'softraid-2x500ssd', systemStorage: null },
    });
    expect(rise?.family).toBe('rise'); // plan blobs commercial.range wins over the server range
    expect(rise?.cpu?.count).toBe(2);
  });

  it('uses the baremetalServers cart product for the baremetal range', () => {
    const offers = normaliseCatalog({ range: 'baremetal', catalog: authoredEcoCatalog() });
    expect(offers.map((o) => [o.range, o.product])).toEqual([
      ['baremetal', 'baremetalServers'],
      ['baremetal', 'baremetalServers'],
    ]);
  });

  it('prices every mode: monthly, commitment and upfront, with what is due now', () => {
    const [ks] = eco();
    expect(ks?.monthly).toEqual(euros(10));
    expect(ks?.setup).toEqual(euros(10));
    const byMode = Object.fromEntries((ks?.pricings ?? []).map((p) => [p.mode, p]));
    expect(Object.keys(byMode)).toEqual(['default', 'degressivity12', 'upfront12']);
    expect(byMode.default).toMatchObject({ kind: 'monthly', intervalMonths: 1, duration: 'P1M', commitmentMonths: 0, engagement: null });
    expect(byMode.default?.dueNow).toEqual(euros(20)); // setup + first month
    expect(byMode.degressivity12).toMatchObject({ kind: 'commitment', intervalMonths: 1, duration: 'P1M', commitmentMonths: 12, engagement: 'periodic' });
    expect(byMode.degressivity12?.monthlyEquivalent).toEqual(euros(9.5));
    expect(byMode.degressivity12?.dueNow).toEqual(euros(9.5));
    expect(byMode.upfront12).toMatchObject({ kind: 'upfront', intervalMonths: 12, duration: 'P1Y', commitmentMonths: 12, engagement: 'upfront' });
    expect(byMode.upfront12?.monthlyEquivalent).toEqual(euros(9));
    expect(byMode.upfront12?.dueNow).toEqual(euros(108)); // the whole upfront total
  });

  it('applies a setup promotion and names it', () => {
    const [, rise] = eco();
    expect(rise?.setup).toEqual(euros(0));
    const monthly = rise?.pricings.find((p) => p.mode === 'default');
    expect(monthly?.setupBeforePromotion).toEqual(euros(50));
    expect(monthly?.dueNow).toEqual(euros(50));
    expect(rise?.promotions).toEqual([
      expect.objectContaining({
        name: 'FREE_SETUP',
        appliesTo: 'setup',
        mode: 'default',
        before: euros(50),
        after: euros(0),
        endDate: '2030-01-01T00:00:00+01:00',
      }),
    ]);
  });

  it('resolves add-on families through addons[] and products[], with deltas against the default', () => {
    const [ks] = eco();
    const memory = ks?.addonFamilies.find((f) => f.name === 'memory');
    expect(memory).toMatchObject({ mandatory: true, exclusive: true, default: 'ram-16g-ks-a', missing: [] });
    expect(memory?.addons.map((a) => [a.planCode, a.product, a.ramGb, a.monthlyDelta && moneyToNumber(a.monthlyDelta)])).toEqual([
      ['ram-16g-ks-a', 'ram-16g-ecc-2133', 16, 0],
      ['ram-32g-ks-a', 'ram-32g-ecc-2133', 32, 5],
    ]);
    const ram32 = ks && findAddon(ks, 'ram-32g-ks-a');
    expect(ram32?.pricings.map((p) => [p.mode, p.duration, moneyToNumber(p.periodPrice), moneyToNumber(p.monthlyEquivalent)])).toEqual([
      ['default', 'P1M', 5, 5],
      ['degressivity12', 'P1M', 4, 4],
      ['upfront12', 'P1Y', 48, 4],
    ]);
    expect(ks && findAddon(ks, 'softraid-2x2000sa-ks-a')?.storage?.summary).toBe('2× 2 TB HDD');
  });

  it('gives the same add-on prices and deltas whether they are read, or written out (as the cache does) first', () => {
    // Add-on prices are worked out on first read: serialising must produce them too.
    const written = JSON.parse(JSON.stringify(eco())) as ReturnType<typeof eco>;
    const read = eco();
    for (const offer of read) for (const family of offer.addonFamilies) for (const addon of family.addons) void [addon.pricings, addon.monthlyDelta];
    expect(written).toEqual(JSON.parse(JSON.stringify(read)));
    const memory = written[0]?.addonFamilies.find((f) => f.name === 'memory');
    expect(memory?.addons.map((a) => [a.planCode, a.pricings.length, a.monthlyDelta && moneyToNumber(a.monthlyDelta)])).toEqual([
      ['ram-16g-ks-a', 3, 0],
      ['ram-32g-ks-a', 3, 5],
    ]);
  });

  it('lists each offer at the price of its default pricing, add-on defaults included (worked out before the full list)', () => {
    for (const [range, name] of [
      ['eco', 'eco'],
      ['baremetal', 'baremetalServers'],
    ] as const) {
      const catalog = buildPublicCatalog(new OfferIndex('eu'), name, SUBSIDIARIES.FR!) as unknown as PublicCatalog;
      for (const offer of normaliseCatalog({ range, catalog })) {
        const main = defaultPricing(offer.pricings);
        expect(offer.monthly, offer.planCode).toEqual(main?.monthlyEquivalent);
        expect(offer.setup, offer.planCode).toEqual(main?.setup);
        expect(offer.quantity, offer.planCode).toEqual(main?.quantity);
        expect(offer.promotions).toEqual(offer.pricings.flatMap((p) => p.promotions));
      }
    }
  });

  it('reports add-ons the catalog names but does not define, without crashing', () => {
    const [ks, rise] = eco();
    expect(ks?.addonFamilies.find((f) => f.name === 'bandwidth')).toMatchObject({
      mandatory: true,
      default: 'bandwidth-100-ks',
      addons: [],
      missing: ['bandwidth-100-ks'],
    });
    expect(ks?.addonFamilies.find((f) => f.name === 'application-license')?.missing).toEqual(['plesk-webadmin', 'plesk-webpro']);
    expect(rise?.addonFamilies.find((f) => f.name === 'vrack')).toMatchObject({ mandatory: true, addons: [], missing: [] });
    expect(ks && addonsOf(ks).length).toBe(4);
  });

  it('merges plan and product configurations', () => {
    const [ks] = eco();
    expect(ks?.configurations.map((c) => [c.name, c.mandatory, c.custom])).toEqual([
      ['dedicated_datacenter', false, false],
      ['dedicated_os', true, false],
      ['region', true, false],
      ['extra_reservation', false, true],
    ]);
  });

  it('prices a chosen selection of add-ons per mode', () => {
    const [ks] = eco();
    if (!ks) throw new Error('no offer');
    const base = priceOfSelection(ks, 'default', []);
    expect(base.periodPrice).toEqual(euros(10));
    const bigger = priceOfSelection(ks, 'default', ['ram-32g-ks-a', 'softraid-2x2000sa-ks-a']);
    expect(bigger.periodPrice).toEqual(euros(18));
    expect(bigger.dueNow).toEqual(euros(28));
    const upfront = priceOfSelection(ks, 'upfront12', ['ram-32g-ks-a']);
    expect(upfront.periodPrice).toEqual(euros(156));
    expect(upfront.monthlyEquivalent).toEqual(euros(13));
    expect(() => priceOfSelection(ks, 'upfront24', [])).toThrow(/upfront24.*default P1M, degressivity12 P1M, upfront12 P1Y/);
  });

  it('counts the cheapest option of a mandatory family without default', () => {
    const [, rise] = eco();
    if (!rise) throw new Error('no offer');
    expect(rise.ramGb).toBe(32);
    expect(priceOfSelection(rise, 'upfront12', []).periodPrice).toEqual(euros(540));
    expect(priceOfSelection(rise, 'upfront12', ['ram-64g-rise-b']).periodPrice).toEqual(euros(600));
    const monthly = priceOfSelection(rise, 'default', []);
    expect(monthly.setup).toEqual(euros(0));
    expect(monthly.promotions.map((p) => p.name)).toEqual(['FREE_SETUP']);
  });

  it('survives plans whose product or add-ons are missing from the catalog', () => {
    const catalog = authoredEcoCatalog();
    catalog.products = [];
    catalog.addons = null;
    const [ks] = normaliseCatalog({ range: 'eco', catalog });
    expect(ks).toMatchObject({ planCode: 'ks-a', cpu: null, ramGb: 16, storage: null, monthly: euros(10) });
    expect(ks?.addonFamilies.find((f) => f.name === 'memory')?.missing).toEqual(['ram-16g-ks-a', 'ram-32g-ks-a']);
  });

  it('sorts cheapest first and finds plans, naming unknown ones', () => {
    const offers = eco();
    expect(cheapestFirst(offers).map((o) => o.planCode)).toEqual(['ks-a', 'rise-b']);
    expect(requireOffer(offers, 'rise-b').name).toContain('RISE-B');
    expect(() => requireOffer(offers, 'nope', 'eco')).toThrow(UsageError);
    expect(() => requireOffer(offers, 'nope', 'eco')).toThrow(/"nope" in the eco range\. Allowed: ks-a, rise-b/);
  });
});

describe('offers from the formatted dedicated catalog', () => {
  const [adv] = normaliseCatalog({ range: 'dedicated', catalog: authoredFormattedCatalog() });

  it('normalises a product to the same Offer model', () => {
    expect(adv).toMatchObject({
      range: 'dedicated',
      product: 'dedicated',
      planCode: 'adv-1',
      name: 'Advance-1',
      family: 'advance',
      cpu: { brand: 'AMD', model: 'EPYC 4244P', cores: 6, threads: 12, frequencyGhz: 3.8, count: 1 },
      ramGb: 32,
      storage: { summary: '2× 960 GB NVMe', totalGb: 1920 },
      bandwidthMbps: 1000,
      privateBandwidthMbps: 500,
      currency: 'USD',
      datacenters: ['vin', 'hil'],
    });
    expect(adv?.monthly).toEqual({ micros: 8999000000, currency: 'USD' });
    expect(adv?.pricings).toHaveLength(1);
    expect(adv?.pricings[0]).toMatchObject({ mode: 'default', duration: 'P1M', kind: 'monthly' });
    expect(adv?.addonFamilies[0]?.addons.map((a) => a.planCode)).toEqual(['ram-32g-adv', 'ram-64g-adv']);
    expect(adv?.configurations[0]).toEqual({ name: 'dedicated_datacenter', mandatory: true, custom: false, values: ['vin', 'hil'] });
  });
});
