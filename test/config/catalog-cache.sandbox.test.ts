// The catalog cache behind the offers loader, with the real client on the HTTPS sandbox: the second
// load of a range does not download the catalog again (the sandbox log proves it), stock is asked
// every time, --refresh downloads and refills, and each API / subsidiary / range has its own entry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCatalogCache, type FileCatalogCache } from '../../src/config/catalog-cache.js';
import { loadOffers } from '../../src/flows/offers-loader.js';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';

const CATALOG = 'GET /order/catalog/public/eco';
const STOCK = 'GET /dedicated/server/datacenter/availabilities';

let sb: SandboxServer;
let api: OvhApi;

beforeAll(async () => {
  sb = await startSandbox();
  api = new OvhApi({ endpoint: parseEndpoint(sb.url), credentials: { kind: 'none' }, trustCaPem: sb.caPem });
});
afterAll(async () => {
  await sb?.close();
});

describe('catalog cache behind loadOffers', () => {
  let home: string;
  let cache: FileCatalogCache;
  let clock: Date;
  const calls = () => sb.log.map((e) => `${e.method} ${e.route}`);
  const load = (over: { refresh?: boolean; subsidiary?: string; endpoint?: string; cache?: FileCatalogCache } = {}) =>
    loadOffers(api, {
      range: 'eco',
      subsidiary: over.subsidiary ?? 'FR',
      cache: over.cache ?? cache,
      endpoint: over.endpoint ?? sb.url,
      refresh: over.refresh,
      now: () => clock,
    });

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-catalog-cache-sb-'));
    clock = new Date();
    cache = openCatalogCache({ HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') }, { now: () => clock });
    sb.clearLog();
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('downloads the catalog once, then serves it from disk to a later run while asking for stock each time', async () => {
    const first = await load();
    expect(first.fromCache).toBe(false);
    await cache.flush();

    // A later run: a new cache object reading the file.
    const later = openCatalogCache({ HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') }, { now: () => clock });
    sb.clearLog();
    const second = await load({ cache: later });
    expect(second.fromCache).toBe(true);
    expect(calls()).toEqual([STOCK]);
    expect(second.catalogFetchedAt.toISOString()).toBe(first.catalogFetchedAt.toISOString());
    // Same offers, same prices, same stock as the download gave.
    expect(second.offers).toEqual(first.offers);
  });

  it('downloads again once prices are an hour old', async () => {
    await load();
    clock = new Date(clock.getTime() + 61 * 60 * 1000);
    sb.clearLog();
    const again = await load();
    expect(again.fromCache).toBe(false);
    expect(calls()).toContain(CATALOG);
  });

  it('--refresh downloads even with a fresh entry, and refreshes the entry', async () => {
    await load();
    clock = new Date(clock.getTime() + 10 * 60 * 1000);
    sb.clearLog();
    const refreshed = await load({ refresh: true });
    expect(refreshed.fromCache).toBe(false);
    expect(calls().filter((c) => c === CATALOG)).toHaveLength(1);
    await cache.flush();
    expect(cache.ageOf({ range: 'eco', subsidiary: 'FR', endpoint: sb.url })).toBe(0);
  });

  it('keeps subsidiaries and APIs apart', async () => {
    await load();
    sb.clearLog();
    const gb = await load({ subsidiary: 'GB' });
    expect(gb.fromCache).toBe(false);
    expect(gb.currency).toBe('GBP');
    const otherApi = await load({ endpoint: 'https://ca.api.ovh.com/1.0' });
    expect(otherApi.fromCache).toBe(false);
    expect(calls().filter((c) => c === CATALOG)).toHaveLength(2);
  });
});
