// Authored catalogs (public eco / baremetalServers, formatted dedicated) and availabilities, in the
// shapes of the real ones; prices consistent per subsidiary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeCatalog, startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { raw } from './helpers.js';

interface Pricing {
  capacities: string[];
  mode: string;
  price: number;
  tax: number;
  interval: number;
  intervalUnit: string;
  promotions: Array<{ name: string }>;
  engagementConfiguration: { type: string; duration: string } | null;
}
interface CatalogPlan {
  planCode: string;
  product: string;
  invoiceName: string;
  pricings: Pricing[];
  configurations: Array<{ name: string; isMandatory: boolean; values: string[] | null }>;
  addonFamilies: Array<{ name: string; addons: string[]; default: string | null; mandatory: boolean; exclusive: boolean }>;
}
interface Catalog {
  catalogId: number;
  locale: { currencyCode: string; subsidiary: string; taxRate: number };
  plans: CatalogPlan[];
  addons: CatalogPlan[];
  products: Array<{ name: string; description: string; blobs: { technical?: Record<string, any> } | null }>;
  planFamilies: Array<{ name: string }>;
}

describe('sandbox catalogs', () => {
  let sb: SandboxServer;
  let ca: SandboxServer;
  const get = async (server: SandboxServer, path: string) => {
    const res = await raw(server, 'GET', `/1.0${path}`);
    return { status: res.status, body: res.json() as any };
  };

  beforeAll(async () => {
    sb = await startSandbox({ onUnknownRoute: () => {} });
    ca = await startSandbox({ region: 'ca', onUnknownRoute: () => {} });
  });
  afterAll(async () => {
    await sb.close();
    await ca.close();
  });

  it('serves the eco catalog in the real shape, with plans, addons, products and pricing modes', async () => {
    const { status, body } = await get(sb, '/order/catalog/public/eco?ovhSubsidiary=FR');
    const eco = body as Catalog;
    expect(status).toBe(200);
    expect(Object.keys(eco)).toEqual(['catalogId', 'locale', 'plans', 'products', 'addons', 'planFamilies']);
    expect(eco.locale).toEqual({ currencyCode: 'EUR', subsidiary: 'FR', taxRate: 20 });
    expect(eco.plans.map((p) => p.planCode)).toEqual(expect.arrayContaining(['24sk10', '24sk30', '24sys01', '24rise01', '24rise02', '24ska01']));
    const rise = eco.plans.find((p) => p.planCode === '24rise01')!;
    expect(new Set(rise.pricings.map((p) => p.mode))).toEqual(new Set(['default', 'degressivity12', 'degressivity24', 'upfront12', 'upfront24']));
    const setup = rise.pricings.find((p) => p.mode === 'default' && p.capacities[0] === 'installation')!;
    expect(setup).toMatchObject({ price: 5699000000, tax: 1139800000, interval: 0, intervalUnit: 'none' });
    // Only the fields of the API's order.catalog.public.Pricing (no formatted price: the real catalog has none).
    const PRICING_FIELDS = [
      'capacities',
      'commitment',
      'description',
      'engagementConfiguration',
      'interval',
      'intervalUnit',
      'mode',
      'mustBeCompleted',
      'phase',
      'price',
      'promotions',
      'quantity',
      'repeat',
      'strategy',
      'tax',
      'type',
    ];
    for (const plan of eco.plans) for (const pricing of plan.pricings) expect(PRICING_FIELDS).toEqual(expect.arrayContaining(Object.keys(pricing)));
    expect(setup.promotions[0]!.name).toBe('FLASHSALE_WW_RISE_1_3_AND_GAME_T1');
    const up12 = rise.pricings.find((p) => p.mode === 'upfront12' && p.capacities[0] === 'renew')!;
    expect(up12).toMatchObject({ price: 61549000000, interval: 12, intervalUnit: 'month', engagementConfiguration: { type: 'upfront', duration: 'P12M' } });
    expect(rise.configurations).toEqual([
      { name: 'dedicated_datacenter', isCustom: false, isMandatory: false, values: ['bhs', 'fra', 'gra', 'lon', 'rbx', 'sbg', 'waw'] },
      { name: 'dedicated_os', isCustom: false, isMandatory: true, values: ['none_64.en'] },
      { name: 'region', isCustom: false, isMandatory: true, values: ['canada', 'europe'] },
    ]);
    const memory = rise.addonFamilies.find((f) => f.name === 'memory')!;
    expect(memory).toMatchObject({ mandatory: true, exclusive: true, default: 'ram-32g-ecc-3200-24rise' });
    for (const family of rise.addonFamilies) for (const code of family.addons) expect(eco.addons.some((a) => a.planCode === code)).toBe(true);
    const ram = eco.addons.find((a) => a.planCode === 'ram-64g-ecc-3200-24rise')!;
    expect(ram.product).toBe('ram-64g-ecc-3200');
    const ramProduct = eco.products.find((p) => p.name === 'ram-64g-ecc-3200')!;
    expect(ramProduct.blobs!.technical!.memory).toEqual({ ecc: true, frequency: 3200, ramType: 'DDR4', size: 64 });
    const serverProduct = eco.products.find((p) => p.name === '24rise01')!;
    expect(serverProduct.blobs!.technical!.server.cpu).toMatchObject({ brand: 'Intel', model: 'Xeon-E 2386G', cores: 6, threads: 12 });
    const disk = eco.products.find((p) => p.name === 'hybridsoftraid-2x6000sa-2x512nvme')!;
    expect(disk.blobs!.technical!.storage.disks).toEqual([
      { capacity: 512, interface: 'NVMe', number: 2, specs: 'M.2 80', technology: 'SSD', usage: 'data' },
      { capacity: 6000, interface: 'SATA', number: 2, specs: '3.5in', technology: 'HDD', usage: 'data' },
    ]);
    expect(eco.planFamilies).toContainEqual({ name: 'public-bandwidth' });
  });

  it('converts prices per subsidiary at fixed rates, with tax = price × rate', async () => {
    const fr = (await get(sb, '/order/catalog/public/eco?ovhSubsidiary=FR')).body as Catalog;
    const gb = (await get(sb, '/order/catalog/public/eco?ovhSubsidiary=GB')).body as Catalog;
    expect(gb.locale).toEqual({ currencyCode: 'GBP', subsidiary: 'GB', taxRate: 20 });
    const monthly = (c: Catalog, code: string) =>
      c.plans.find((p) => p.planCode === code)!.pricings.find((p) => p.mode === 'default' && p.capacities[0] === 'renew')!;
    for (const code of ['24sk10', '24rise01', '24sys01']) {
      const eur = monthly(fr, code);
      const gbp = monthly(gb, code);
      expect(gbp.price).toBe(Math.round((eur.price / 1e6) * 0.86) * 1e6);
      expect(gbp.tax).toBe(Math.round(gbp.price * 0.2));
      expect(Number.isInteger(gbp.price)).toBe(true);
    }
    expect(monthly(gb, '24sk10').price).toBe(1461000000);
    const cad = (await get(ca, '/order/catalog/public/eco?ovhSubsidiary=CA')).body as Catalog;
    expect(cad.locale).toEqual({ currencyCode: 'CAD', subsidiary: 'CA', taxRate: 0 });
    expect(monthly(cad, '24rise01')).toMatchObject({ price: 8378000000, tax: 0 });
    expect(cad.plans.find((p) => p.planCode === '24rise01')!.configurations[0]!.values).toEqual(['bhs', 'sgp', 'syd']);
  });

  it('refuses a missing, unknown or other-API subsidiary', async () => {
    expect(await get(sb, '/order/catalog/public/eco')).toEqual({
      status: 400,
      body: { class: 'Client::BadRequest', message: 'Missing parameter: ovhSubsidiary' },
    });
    expect((await get(sb, '/order/catalog/public/baremetalServers?ovhSubsidiary=US')).body.message).toBe(
      '[ovhSubsidiary] Given data (US) does not belong to the nichandle.OvhSubsidiaryEnum enumeration',
    );
    expect((await get(ca, '/order/catalog/formatted/dedicated?ovhSubsidiary=FR')).status).toBe(400);
    // EU is in the API's enum but not among the subsidiaries it serves (ovh-api.md §5).
    expect((await get(sb, '/order/catalog/public/eco?ovhSubsidiary=EU')).body.message).toMatch(
      /^Sandbox: no catalog authored for subsidiary EU on the eu API \(authored: FR, GB/,
    );
    // Every subsidiary the real API serves has a catalog in its currency: CZ in CZK.
    expect(((await get(sb, '/order/catalog/public/eco?ovhSubsidiary=CZ')).body as { locale: unknown }).locale).toEqual({
      currencyCode: 'CZK',
      subsidiary: 'CZ',
      taxRate: 21,
    });
  });

  it('serves ADVANCE, SCALE and the high-grade plans in the bare-metal catalog, with system storage on SCALE', async () => {
    const bm = (await get(sb, '/order/catalog/public/baremetalServers?ovhSubsidiary=FR')).body as Catalog;
    expect(bm.plans.map((p) => p.planCode)).toEqual(['24adv01', '24adv02', '24scale01', '24scale02', '24hgrhci01', '24hgrsds01', '24hgrstor01']);
    const scale = bm.plans.find((p) => p.planCode === '24scale01')!;
    expect(scale.addonFamilies.map((f) => f.name)).toEqual(expect.arrayContaining(['memory', 'storage', 'system-storage', 'bandwidth', 'vrack']));
    expect(scale.configurations[0]).toMatchObject({ name: 'dedicated_datacenter', isMandatory: true });
    const adv = bm.plans.find((p) => p.planCode === '24adv01')!;
    // The 2026 recording of ADVANCE-1: upfront12 1025.89, upfront24 2051.77
    expect(adv.pricings.filter((p) => p.capacities[0] === 'renew' && p.mode.startsWith('upfront')).map((p) => p.price)).toEqual([102589000000, 205177000000]);
    const eco = (await get(sb, '/order/catalog/public/eco?ovhSubsidiary=FR')).body as Catalog;
    expect(eco.plans.length + bm.plans.length).toBeGreaterThanOrEqual(12);
  });

  it('names bare-metal memory add-ons as OVH does: not by the product stock is named by (ram-32g-adv-gen2-inc is ram-32g-ecc-3200)', async () => {
    const bm = (await get(sb, '/order/catalog/public/baremetalServers?ovhSubsidiary=FR')).body as Catalog & {
      addons: Array<{ planCode: string; product: string }>;
    };
    const memory = bm.addons.filter((a) => a.product.startsWith('ram-'));
    expect(memory.length).toBeGreaterThan(5);
    for (const addon of memory) expect(addon.planCode.startsWith(addon.product), `${addon.planCode} / ${addon.product}`).toBe(false);
    expect(bm.addons.find((a) => a.planCode === 'ram-32g-adv01-24-inc')).toMatchObject({ product: 'ram-32g-ecc-5200' });
    // The formatted catalog names the same codes; stock (availabilities) names the products.
    const formatted = (await get(sb, '/order/catalog/formatted/dedicated?ovhSubsidiary=FR')).body as {
      products: Array<{ code: string; specifications: { memory: { planCode: string } } }>;
    };
    const hci = formatted.products.find((p) => p.code === '24hgrhci01')!;
    expect(hci.specifications.memory.planCode).toBe('ram-256g-hgr-24-inc');
    const stock = (await get(sb, '/dedicated/server/datacenter/availabilities?planCode=24hgrhci01')).body as Array<{ memory: string }>;
    expect(new Set(stock.map((r) => r.memory))).toEqual(new Set(['ram-256g-ecc-5600', 'ram-512g-ecc-5600']));
  });

  it('serves the formatted dedicated catalog (order.catalog.dedicated.Catalog)', async () => {
    const { body } = await get(sb, '/order/catalog/formatted/dedicated?ovhSubsidiary=GB');
    expect(Object.keys(body)).toEqual(['families', 'metadatas', 'products', 'techDetails']);
    expect(body.metadatas).toMatchObject({ merchant: 'GB', currency: { code: 'GBP', symbol: '£' } });
    const product = body.products.find((p: { code: string }) => p.code === '24hgrsds01');
    expect(product).toMatchObject({ family: 'hgr', invoiceName: 'HGR-SDS-1 | 2x Intel Xeon Gold 6542Y', datacenters: ['bhs', 'gra', 'rbx', 'sbg'] });
    expect(product.prices.default.renew).toEqual({ currencyCode: 'GBP', priceInUcents: 64499000000, text: '£644.99', value: 644.99 });
    expect(product.specifications.memory).toMatchObject({ size: 256, type: 'DDR5' });
    expect(product.addonsFamily.map((f: { family: string }) => f.family)).toContain('storage');
    expect(body.families).toEqual([{ name: 'hgr', products: ['24hgrhci01', '24hgrsds01', '24hgrstor01'] }]);
  });

  it('answers availabilities with real delay codes, filters, and 404 when nothing matches', async () => {
    const all = (await get(sb, '/dedicated/server/datacenter/availabilities')).body as Array<{
      fqn: string;
      planCode: string;
      memory: string;
      storage: string;
      systemStorage?: string;
      datacenters: Array<{ datacenter: string; availability: string }>;
    }>;
    expect(all.length).toBeGreaterThan(50);
    for (const record of all) expect(record.fqn).toBe(`${record.planCode}.${record.memory}.${record.storage}`);
    const codes = new Set(all.flatMap((r) => r.datacenters.map((d) => d.availability)));
    for (const code of codes)
      expect(['1H-high', '1H-low', '24H', '72H', '120H', '240H', '480H', '720H', '1440H', '2160H', 'comingSoon', 'unavailable', 'unknown']).toContain(code);
    expect(codes.has('unavailable')).toBe(true);
    expect(all.find((r) => r.planCode === '24scale01')!.systemStorage).toBe('softraid-2x480ssd');
    const ksa = all.filter((r) => r.planCode === '24ska01');
    expect(ksa.length).toBeGreaterThan(0);
    expect(ksa.every((r) => r.datacenters.every((d) => d.availability === 'unavailable'))).toBe(true);

    const rise = (await get(sb, '/dedicated/server/datacenter/availabilities?planCode=24rise01&memory=ram-32g-ecc-3200&storage=softraid-2x512nvme')).body;
    expect(rise).toHaveLength(1);
    expect(rise[0].datacenters).toContainEqual({ availability: 'unavailable', datacenter: 'lon' });
    expect(rise[0].datacenters).toContainEqual({ availability: '1H-high', datacenter: 'gra' });
    const only = (await get(sb, '/dedicated/server/datacenter/availabilities?planCode=24rise01&datacenters=gra,rbx')).body;
    expect(new Set(only.flatMap((r: any) => r.datacenters.map((d: any) => d.datacenter)))).toEqual(new Set(['gra', 'rbx']));
    const excluded = (await get(sb, '/dedicated/server/datacenter/availabilities?planCode=24rise01&datacenters=gra&excludeDatacenters=true')).body;
    expect(excluded.flatMap((r: any) => r.datacenters.map((d: any) => d.datacenter))).not.toContain('gra');
    expect((await get(sb, '/dedicated/server/datacenter/availabilities?server=24sk10')).body.length).toBeGreaterThan(0);
    expect(await get(sb, '/dedicated/server/datacenter/availabilities?planCode=nope')).toEqual({
      status: 404,
      body: { class: 'Client::NotFound', message: 'No availabilities found for the given parameters' },
    });
  });

  it('generates a big eco catalog and serves it while a catalog scale is set', async () => {
    const big = generateLargeCatalog(2_000_000) as unknown as Catalog;
    const size = JSON.stringify(big).length;
    expect(size).toBeGreaterThan(2_000_000);
    expect(size).toBeLessThan(2_600_000);
    expect(new Set(big.plans.map((p) => p.planCode)).size).toBe(big.plans.length);
    for (const plan of big.plans.slice(-3))
      for (const family of plan.addonFamilies) for (const code of family.addons) expect(big.addons.some((a) => a.planCode === code)).toBe(true);

    sb.setCatalogScale(1_500_000);
    try {
      const res = await raw(sb, 'GET', '/1.0/order/catalog/public/eco?ovhSubsidiary=FR');
      expect(res.text.length).toBeGreaterThan(1_500_000);
      const served = res.json() as Catalog;
      const variant = served.plans.find((p) => p.planCode.endsWith('-s001'))!;
      // The variants are real offers: a cart sells them.
      const cart = (await raw(sb, 'POST', '/1.0/order/cart', { body: '{"ovhSubsidiary":"FR"}' })).json() as { cartId: string };
      const added = await raw(sb, 'POST', `/1.0/order/cart/${cart.cartId}/eco`, {
        body: JSON.stringify({ planCode: variant.planCode, duration: 'P1M', pricingMode: 'default', quantity: 1 }),
      });
      expect(added.status).toBe(200);
    } finally {
      sb.setCatalogScale(null);
    }
    expect((await raw(sb, 'GET', '/1.0/order/catalog/public/eco?ovhSubsidiary=FR')).text.length).toBeLessThan(1_000_000);
  });
});
