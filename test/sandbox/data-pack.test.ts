// The sandbox serving ../shared/fixtures/ovh as a data pack: the public catalogs and availability
// records exactly as recorded, carts priced with the recorded pricings (an expired promotion does
// not apply), the formatted dedicated catalog built from the recorded bare-metal plans under their
// add-on plan codes, and derived stock named by the add-ons' products, as real records are.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DataPackError, startSandbox } from '../../src/sandbox/index.js';
import { describeRecorded, readRecorded, RECORDED_DIR } from '../helpers/data-pack.js';
import { buildCart, ovhClient, raw, useTrustedSandbox } from './helpers.js';

interface Availability {
  fqn: string;
  planCode: string;
  memory: string;
  storage: string;
  datacenters: Array<{ datacenter: string; availability: string }>;
}

describeRecorded('sandbox with the recorded data pack', () => {
  const sb = useTrustedSandbox({ dataPack: RECORDED_DIR, onUnknownRoute: () => {} });

  it('serves the recorded public catalogs as recorded', async () => {
    const eco = await raw(sb, 'GET', '/1.0/order/catalog/public/eco?ovhSubsidiary=FR');
    expect(eco.status).toBe(200);
    expect(eco.json()).toEqual(readRecorded('catalog-public-eco-FR-2025-05-subset.json'));
    const metal = await raw(sb, 'GET', '/1.0/order/catalog/public/baremetalServers?ovhSubsidiary=FR');
    expect(metal.json()).toEqual(readRecorded('catalog-public-baremetalServers-FR-2022-02-subset.json'));
  });

  it('refuses a subsidiary the pack has no catalog for, naming the recorded ones', async () => {
    const gb = await raw(sb, 'GET', '/1.0/order/catalog/public/eco?ovhSubsidiary=GB');
    expect(gb.status).toBe(400);
    expect(gb.text).toContain('recorded: FR');
  });

  it('serves every recorded availability record unchanged', async () => {
    const all = (await raw(sb, 'GET', '/1.0/dedicated/server/datacenter/availabilities')).json() as Availability[];
    for (const file of ['dedicated-datacenter-availabilities-2026-trimmed.json', 'dedicated-datacenter-availabilities-24ska01-2024.json']) {
      for (const record of readRecorded(file) as Availability[]) expect(all.find((r) => r.fqn === record.fqn)).toEqual(record);
    }
  });

  it('names derived stock by add-on product, not plan code (ram-32g-ecc-3200, never ram-32g-adv-gen2-inc)', async () => {
    const res = await raw(sb, 'GET', '/1.0/dedicated/server/datacenter/availabilities?planCode=21adv01');
    const records = res.json() as Availability[];
    expect(records.map((r) => r.fqn)).toContain('21adv01.ram-32g-ecc-3200.softraid-2x512nvme');
    expect(records.some((r) => r.memory.includes('adv-gen2') || r.storage.includes('adv-gen2'))).toBe(false);
  });

  it('builds the formatted dedicated catalog from the recorded bare-metal plans, hardware by add-on plan code', async () => {
    const res = await raw(sb, 'GET', '/1.0/order/catalog/formatted/dedicated?ovhSubsidiary=FR');
    expect(res.status).toBe(200);
    const catalog = res.json() as {
      products: Array<{ code: string; specifications: { memory: { planCode: string }; disks: Array<{ planCode: string; number: number; size: number }> } }>;
    };
    expect(catalog.products.map((p) => p.code).sort()).toEqual(['21adv01', '21game01', '21scale01', '22rise01']);
    const adv = catalog.products.find((p) => p.code === '21adv01')!;
    expect(adv.specifications.memory.planCode).toBe('ram-32g-adv-gen2-inc');
    expect(adv.specifications.disks[0]).toMatchObject({ planCode: 'softraid-2x512nvme-adv-gen2', number: 2, size: 512 });
  });

  it('prices a cart with the recorded pricings: GAME-1 pays its setup fee, the 2022 promotion has ended', async () => {
    const client = ovhClient(sb);
    const { cartId } = await buildCart(client, {
      product: 'baremetalServers',
      planCode: '21game01',
      options: ['bandwidth-1000-included-game', 'ram-32g-game1', 'softraid-2x500nvme-game'],
      configurations: [
        ['dedicated_datacenter', 'gra'],
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    const preview = (await client.requestPromised('GET', `/order/cart/${cartId}/checkout`)) as {
      prices: { withoutTax: { value: number }; reduction: { value: number } };
    };
    expect(preview.prices.withoutTax.value).toBe(199.98);
    expect(preview.prices.reduction.value).toBe(0);
  });
});

it('refuses a folder that is not a data pack, saying why, before it listens', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ovh-order-pack-'));
  try {
    await expect(startSandbox({ dataPack: path.join(dir, 'absent') })).rejects.toThrow(DataPackError);
    writeFileSync(path.join(dir, 'catalog-public-eco-FR-trimmed.json'), JSON.stringify({ locale: { currencyCode: 'EUR' }, plans: [] }));
    await expect(startSandbox({ dataPack: dir })).rejects.toThrow(/no complete catalog-public.*no "addons" array/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('serves a recorded formatted dedicated catalog byte for byte when the pack has one', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ovh-order-pack-'));
  const formatted = `{"families":[],"metadatas":{"merchant":"FR"},"products":[],"techDetails":[]}\n`;
  writeFileSync(
    path.join(dir, 'catalog-public-eco-FR-minimal.json'),
    JSON.stringify({ catalogId: 1, locale: { currencyCode: 'EUR', subsidiary: 'FR', taxRate: 20 }, plans: [], addons: [], products: [], planFamilies: [] }),
  );
  writeFileSync(path.join(dir, 'catalog-formatted-dedicated-FR-recorded.json'), formatted);
  writeFileSync(path.join(dir, 'notes.txt'), 'not a recording: ignored');
  const sb = await startSandbox({ dataPack: dir, onUnknownRoute: () => {} });
  try {
    const res = await raw(sb, 'GET', '/1.0/order/catalog/formatted/dedicated?ovhSubsidiary=FR');
    expect(res.status).toBe(200);
    expect(res.text).toBe(formatted);
    // No bare-metal catalog and no formatted one for GB: refused, naming what the pack has.
    const gb = await raw(sb, 'GET', '/1.0/order/catalog/formatted/dedicated?ovhSubsidiary=GB');
    expect(gb.status).toBe(400);
    expect(gb.text).toContain('neither a formatted dedicated catalog nor a baremetalServers catalog for subsidiary GB');
    expect(sb.dataPack).toMatchObject({ subsidiaries: ['FR'], availabilityRecords: 0, skipped: [] });
  } finally {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
