import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_CACHE_FORMAT, CATALOG_CACHE_TTL_MS, openCatalogCache, producerVersion, type CatalogCacheKey } from '../../src/config/catalog-cache.js';
import type { Offer, Range } from '../../src/domain/offer-model.js';
import { summarizeOffer } from '../../src/domain/offers.js';

const HOUR = 60 * 60 * 1000;
const fetchedAt = new Date('2026-03-01T10:00:00.000Z');
const key: CatalogCacheKey = { range: 'eco', subsidiary: 'FR', endpoint: 'https://eu.api.ovh.com/1.0' };

/** Offers as the loader stores them (only the fields the cache looks at are filled). */
function offers(planCodes: string[], range: Range = 'eco'): Offer[] {
  return planCodes.map(
    (planCode) =>
      ({
        range,
        planCode,
        name: planCode,
        monthly: { micros: 1_699_000_000, currency: 'EUR' },
        pricings: [],
        addonFamilies: [],
        hardware: { memory: null, storage: null, systemStorage: null },
      }) as unknown as Offer,
  );
}

const planCodes = (entry: { offers: Offer[] } | undefined) => entry?.offers.map((o) => o.planCode);
/** What the loader stores: the offers with their summaries. */
const entry = (list: Offer[]) => ({ offers: list, summaries: list.map(summarizeOffer), fetchedAt });

describe('catalog cache', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let clock: Date;
  const now = () => clock;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-catalog-cache-'));
    env = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') };
    clock = new Date(fetchedAt.getTime() + 5 * 60 * 1000);
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('stops giving back prices once a promotion they were worked out with starts or ends, however fresh', async () => {
    const promotionEnds = new Date(fetchedAt.getTime() + 20 * 60 * 1000);
    const first = openCatalogCache(env, { now });
    first.set(key, { ...entry(offers(['21game01'])), pricesUntil: promotionEnds });
    await first.flush();
    const later = openCatalogCache(env, { now });
    expect(planCodes(later.getNow(key))).toEqual(['21game01']);
    expect(later.getSummariesNow(key)?.summaries).toHaveLength(1);
    clock = promotionEnds;
    expect(later.getNow(key)).toBeUndefined();
    expect(later.getSummariesNow(key)).toBeUndefined();
  });

  it('has nothing before the first download, and creates nothing by looking', () => {
    const cache = openCatalogCache(env, { now });
    expect(cache.getNow(key)).toBeUndefined();
    expect(cache.ageOf(key)).toBeUndefined();
    expect(fs.existsSync(path.join(home, 'config'))).toBe(false);
  });

  it('gives a stored catalog back in a later run, with the time it was fetched, under <configDir>/cache', async () => {
    const first = openCatalogCache(env, { now });
    first.set(key, entry(offers(['24sk10', '24rise01'])));
    await first.flush();
    expect(path.dirname(first.fileOf(key))).toBe(path.join(home, 'config', 'cache'));

    const second = openCatalogCache(env, { now });
    const hit = second.getNow(key);
    expect(planCodes(hit)).toEqual(['24sk10', '24rise01']);
    expect(hit?.fetchedAt.toISOString()).toBe(fetchedAt.toISOString());
    expect(second.ageOf(key)).toBe(5 * 60 * 1000);
  });

  it('get() reads the file only after the synchronous work of its caller (a request started beside it goes out first)', async () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    cache.set(key, entry(offers(['24sk10'])));
    const reader = openCatalogCache(env, { now });
    expect(planCodes(await reader.get(key))).toEqual(['24sk10']);

    const pending = reader.get(key);
    fs.rmSync(cache.fileOf(key)); // still the same turn of the event loop
    expect(await pending).toBeUndefined();
  });

  it('answers from memory before the deferred write has reached the disk', async () => {
    const cache = openCatalogCache(env, { now });
    cache.set(key, entry(offers(['24sk10'])));
    expect(planCodes(cache.getNow(key))).toEqual(['24sk10']);
    expect(fs.existsSync(cache.fileOf(key))).toBe(false);
    await cache.flush();
    expect(fs.existsSync(cache.fileOf(key))).toBe(true);
  });

  it('trusts prices for an hour only, and never a fetch date in the future', async () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    cache.set(key, entry(offers(['24sk10'])));
    expect(CATALOG_CACHE_TTL_MS).toBe(HOUR);

    clock = new Date(fetchedAt.getTime() + HOUR - 1000);
    expect(openCatalogCache(env, { now }).getNow(key)).toBeDefined();
    clock = new Date(fetchedAt.getTime() + HOUR + 1000);
    expect(openCatalogCache(env, { now }).getNow(key)).toBeUndefined();
    expect(openCatalogCache(env, { now }).ageOf(key)).toBe(HOUR + 1000);
    clock = new Date(fetchedAt.getTime() - 60_000);
    expect(openCatalogCache(env, { now }).getNow(key)).toBeUndefined();
  });

  it('keeps one entry per API, subsidiary and range', () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    const keys: CatalogCacheKey[] = [key, { ...key, endpoint: 'https://ca.api.ovh.com/1.0' }, { ...key, subsidiary: 'GB' }, { ...key, range: 'baremetal' }];
    keys.forEach((k, i) => cache.set(k, entry(offers([`plan-${i}`], k.range))));
    expect(new Set(keys.map((k) => cache.fileOf(k))).size).toBe(4);
    const reread = openCatalogCache(env, { now });
    keys.forEach((k, i) => expect(planCodes(reread.getNow(k))).toEqual([`plan-${i}`]));
    // The subsidiary is a code: `fr` and `FR` are the same entry.
    expect(planCodes(reread.getNow({ ...key, subsidiary: 'fr' }))).toEqual(['plan-0']);
  });

  it('ignores a corrupt file and rewrites it on the next download', () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    cache.set(key, entry(offers(['24sk10'])));
    const file = cache.fileOf(key);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    expect(openCatalogCache(env, { now }).getNow(key)).toBeUndefined();

    const again = openCatalogCache(env, { now, writeImmediately: true });
    again.set(key, entry(offers(['24rise01'])));
    expect(planCodes(openCatalogCache(env, { now }).getNow(key))).toEqual(['24rise01']);
  });

  it('ignores files of another format or version, of another key, or whose body is not offers of the range', () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    cache.set(key, entry(offers(['24sk10'])));
    const file = cache.fileOf(key);
    const [headerLine = '', summaries = '', body = ''] = fs.readFileSync(file, 'utf8').split('\n');
    const header = JSON.parse(headerLine) as Record<string, unknown>;
    expect(header.format).toBe(CATALOG_CACHE_FORMAT);
    expect(header.version).toBe(producerVersion());
    const withHeader = (change: Record<string, unknown>) => `${JSON.stringify({ ...header, ...change })}\n${summaries}\n${body}`;
    const otherRange = offers(['24adv01'], 'baremetal');

    const variants: Array<[string, string]> = [
      ['older format', withHeader({ format: CATALOG_CACHE_FORMAT - 1 })],
      ['other version', withHeader({ version: '0.0.0-other' })],
      ['other key', withHeader({ key: { ...(header.key as object), subsidiary: 'GB' } })],
      ['bad date', withHeader({ fetchedAt: 'yesterday' })],
      ['summary length that is not the line', withHeader({ summaryBytes: Number(header.summaryBytes) - 1 })],
      ['no summary length', withHeader({ summaryBytes: undefined })],
      ['offers of another range', `${headerLine}\n${JSON.stringify(otherRange.map(summarizeOffer))}\n${JSON.stringify(otherRange)}`],
      ['not offers', `${JSON.stringify({ ...header, summaryBytes: 12 })}\n{"plans":[]}\n{"plans":[]}`],
      ['format 2 (header and offers)', `${JSON.stringify({ ...header, format: 2, summaryBytes: undefined })}\n${body}`],
    ];
    for (const [label, text] of variants) {
      fs.writeFileSync(file, text);
      const reread = openCatalogCache(env, { now });
      expect(reread.getNow(key), label).toBeUndefined();
      expect(reread.getSummariesNow(key), label).toBeUndefined();
    }
  });

  it('gives a table its summaries from the first lines alone: a damaged offers line spoils only the whole entry', () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    cache.set(key, entry(offers(['24sk10', '24rise01'])));
    const file = cache.fileOf(key);
    const summaries = openCatalogCache(env, { now }).getSummariesNow(key);
    expect(summaries?.summaries.map((s) => [s.planCode, s.monthly.micros])).toEqual([
      ['24sk10', 1_699_000_000],
      ['24rise01', 1_699_000_000],
    ]);
    expect(summaries?.fetchedAt.toISOString()).toBe(fetchedAt.toISOString());
    // Summaries carry no pricings or add-ons: that is what makes them quick to read.
    expect(summaries?.summaries[0]).not.toHaveProperty('pricings');

    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length - 10));
    const reread = openCatalogCache(env, { now });
    expect(reread.getSummariesNow(key)?.summaries.map((s) => s.planCode)).toEqual(['24sk10', '24rise01']);
    expect(reread.getNow(key)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('writes a private file atomically, leaving no temporary file behind', async () => {
    const cache = openCatalogCache(env, { now });
    cache.set(key, entry(offers(['24sk10'])));
    cache.set(key, entry(offers(['24sk10', '24sk20'])));
    await cache.flush();
    expect(fs.readdirSync(cache.dir)).toEqual([path.basename(cache.fileOf(key))]);
    expect(fs.statSync(cache.fileOf(key)).mode & 0o077).toBe(0);
    expect(fs.statSync(cache.dir).mode & 0o077).toBe(0);
    // The last value set wins.
    expect(planCodes(openCatalogCache(env, { now }).getNow(key))).toEqual(['24sk10', '24sk20']);
  });

  it('removes other entries written more than an hour ago when it writes one, and keeps fresh ones', () => {
    const cache = openCatalogCache(env, { now, writeImmediately: true });
    const old = { ...key, subsidiary: 'GB' };
    const recent = { ...key, subsidiary: 'DE' };
    cache.set(old, entry(offers(['24sk10'])));
    cache.set(recent, entry(offers(['24sk10'])));
    const longAgo = new Date(Date.now() - 2 * HOUR);
    fs.utimesSync(cache.fileOf(old), longAgo, longAgo);
    fs.writeFileSync(path.join(cache.dir, 'notes.txt'), 'not ours');

    cache.set(key, entry(offers(['24rise01'])));
    expect(fs.existsSync(cache.fileOf(old))).toBe(false);
    expect(fs.existsSync(cache.fileOf(recent))).toBe(true);
    expect(fs.existsSync(cache.fileOf(key))).toBe(true);
    expect(fs.existsSync(path.join(cache.dir, 'notes.txt'))).toBe(true);
  });

  it('does not fail the command when the cache directory is a file', async () => {
    fs.mkdirSync(path.join(home, 'config'), { recursive: true });
    fs.writeFileSync(path.join(home, 'config', 'cache'), 'not a directory');
    const cache = openCatalogCache(env, { now });
    cache.set(key, entry(offers(['24sk10'])));
    await expect(cache.flush()).resolves.toBeUndefined();
    expect(openCatalogCache(env, { now }).getNow(key)).toBeUndefined();
  });
});
