// On-disk cache of catalogs, one file per (API, subsidiary, range) in `<configDir>/cache/`.
// A catalog is several MB of JSON that changes a few times a day; prices are trusted for an hour.
// Stock is never cached (it is not in the catalog). Implements the `CatalogCache` seam of
// src/flows/offers-loader.ts, which stores the catalog's normalised offers: reading them back is
// several times faster than parsing and normalising the raw catalog again.
//
// File layout: one header line (format, version of ovh-order, key, fetchedAt), then the offers as
// JSON. The header is checked before the (large) body is parsed. Any problem with a file (missing,
// corrupt, other format or version, other key, expired) is a miss: the loader downloads again and
// the file is rewritten.
//
// Writes are deferred to the next turn of the event loop so that serialising a big catalog does not
// delay the first table; `flush()` waits for them (the process also waits, as it exits only when idle).
import { writeAtomically } from './atomic-file.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Offer, Range } from '../domain/offer-model.js';
import { configDir } from './paths.js';

/** Prices in a cached catalog are reused for an hour. */
export const CATALOG_CACHE_TTL_MS = 60 * 60 * 1000;
/** Bumped whenever the stored shape changes; files of another format are ignored and rewritten. */
export const CATALOG_CACHE_FORMAT = 2;
export const CATALOG_CACHE_DIR = 'cache';

export interface CatalogCacheKey {
  range: Range;
  subsidiary: string;
  /** The API (preset name or URL, e.g. `endpoint.apiUrl`); entries of two APIs never meet. */
  endpoint?: string;
}

/** What the loader stores and gets back (structurally the seam's `CachedCatalog`). */
export interface CachedCatalogEntry {
  offers: Offer[];
  fetchedAt: Date;
}

/** The first line of a file. */
interface CatalogCacheHeader {
  format: number;
  /** ovh-order's version: the Offer model may change between versions, so another's files are misses. */
  version: string;
  key: { range: string; subsidiary: string; endpoint: string };
  fetchedAt: string;
}

let ownVersion: string | undefined;
/** This package's version, from its package.json (two levels up from src/config or dist/config). */
export function producerVersion(): string {
  if (ownVersion === undefined) {
    try {
      const file = fileURLToPath(new URL('../../package.json', import.meta.url));
      ownVersion = String((JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
    } catch {
      ownVersion = 'unknown';
    }
  }
  return ownVersion;
}

export interface CatalogCacheOptions {
  /** Clock for ages (the Context's `now`). */
  now?: () => Date;
  ttlMs?: number;
  /** Directory of the cache files; default `<configDir>/cache`. */
  dir?: string;
  /** Write at once instead of on the next turn of the event loop (tests, scripts). */
  writeImmediately?: boolean;
}

export interface FileCatalogCache {
  readonly dir: string;
  /** A fresh entry for `key`, or undefined (nothing, too old, unreadable, other format). */
  get(key: CatalogCacheKey): Promise<CachedCatalogEntry | undefined>;
  /** The same, at once: reading and parsing a big entry blocks for tens of milliseconds. */
  getNow(key: CatalogCacheKey): CachedCatalogEntry | undefined;
  /** Stores an entry (atomically: a temp file renamed over the old one). Never throws. */
  set(key: CatalogCacheKey, value: CachedCatalogEntry): void;
  /** Age of the stored entry in ms, fresh or not (undefined when there is none that can be read). */
  ageOf(key: CatalogCacheKey): number | undefined;
  /** The file an entry lives in. */
  fileOf(key: CatalogCacheKey): string;
  /** Resolves once every deferred write has reached the disk. */
  flush(): Promise<void>;
}

function normalisedKey(key: CatalogCacheKey): CatalogCacheHeader['key'] {
  return { range: key.range, subsidiary: key.subsidiary.toUpperCase(), endpoint: key.endpoint ?? '' };
}

function sameKey(a: CatalogCacheHeader['key'], b: CatalogCacheHeader['key']): boolean {
  return a.range === b.range && a.subsidiary === b.subsidiary && a.endpoint === b.endpoint;
}

/** `catalog-eco-FR-1a2b3c4d5e6f.json`: readable prefix, hash of the endpoint for uniqueness. */
export function catalogCacheFileName(key: CatalogCacheKey): string {
  const k = normalisedKey(key);
  const hash = crypto.createHash('sha256').update(JSON.stringify([k.endpoint, k.subsidiary, k.range])).digest('hex').slice(0, 12);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `catalog-${safe(k.range)}-${safe(k.subsidiary)}-${hash}.json`;
}

/** A structural check of the first offer, cheap next to a full validation: the offers were built by this version. */
function looksLikeOffers(value: unknown, range: string): value is Offer[] {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  const first = value[0] as Partial<Offer> | null;
  return (
    !!first &&
    typeof first === 'object' &&
    first.range === range &&
    typeof first.planCode === 'string' &&
    typeof first.monthly?.micros === 'number' &&
    Array.isArray(first.pricings) &&
    Array.isArray(first.addonFamilies)
  );
}

function readHeader(text: string, key: CatalogCacheHeader['key']): { fetchedAt: Date; bodyStart: number } | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  let header: Partial<CatalogCacheHeader>;
  try {
    header = JSON.parse(text.slice(0, newline)) as Partial<CatalogCacheHeader>;
  } catch {
    return undefined;
  }
  if (!header || typeof header !== 'object' || header.format !== CATALOG_CACHE_FORMAT || header.version !== producerVersion()) return undefined;
  if (!header.key || typeof header.key !== 'object' || !sameKey(normalisedKey(header.key as CatalogCacheKey), key)) return undefined;
  const fetchedAt = typeof header.fetchedAt === 'string' ? new Date(header.fetchedAt) : undefined;
  if (!fetchedAt || Number.isNaN(fetchedAt.getTime())) return undefined;
  return { fetchedAt, bodyStart: newline + 1 };
}

function readFile(file: string, key: CatalogCacheHeader['key'], wanted: (fetchedAt: Date) => boolean): CachedCatalogEntry | { fetchedAt: Date; offers?: undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const header = readHeader(text, key);
  if (!header) return undefined;
  // An expired entry's body is never parsed.
  if (!wanted(header.fetchedAt)) return { fetchedAt: header.fetchedAt };
  let offers: unknown;
  try {
    offers = JSON.parse(text.slice(header.bodyStart));
  } catch {
    return undefined;
  }
  return looksLikeOffers(offers, key.range) ? { offers, fetchedAt: header.fetchedAt } : undefined;
}


/**
 * Removes the other entries written more than a TTL ago (and temp files left by a crash), so that
 * endpoints seen once (a `--sandbox` on a random port) do not pile up. Never throws.
 */
function pruneExpired(dir: string, keep: string, ttlMs: number): void {
  // File times are on the real clock, whatever clock the cache was given.
  const now = Date.now();
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith('catalog-') || path.join(dir, name) === keep) continue;
      const file = path.join(dir, name);
      if (now - fs.statSync(file).mtimeMs > ttlMs) fs.rmSync(file, { force: true });
    }
  } catch {
    // Tidying is best effort.
  }
}

export function openCatalogCache(env: NodeJS.ProcessEnv, options: CatalogCacheOptions = {}): FileCatalogCache {
  const dir = options.dir ?? path.join(configDir(env), CATALOG_CACHE_DIR);
  const now = options.now ?? (() => new Date());
  const ttlMs = options.ttlMs ?? CATALOG_CACHE_TTL_MS;
  /** Entries set but not yet on disk, by file: `get` answers from here first. */
  const pending = new Map<string, { key: CatalogCacheHeader['key']; value: CachedCatalogEntry }>();
  const writes = new Set<Promise<void>>();

  const fileOf = (key: CatalogCacheKey) => path.join(dir, catalogCacheFileName(key));
  const ageOf = (fetchedAt: Date) => now().getTime() - fetchedAt.getTime();
  // A date in the future (clock changed) is not trusted either.
  const fresh = (fetchedAt: Date) => {
    const age = ageOf(fetchedAt);
    return age >= 0 && age < ttlMs;
  };

  const lookup = (key: CatalogCacheKey, wanted: (fetchedAt: Date) => boolean) => {
    const file = fileOf(key);
    const k = normalisedKey(key);
    const queued = pending.get(file);
    if (queued && sameKey(queued.key, k)) return queued.value;
    return readFile(file, k, wanted);
  };

  const persist = (file: string) => {
    const entry = pending.get(file);
    if (!entry) return;
    pending.delete(file);
    try {
      const header: CatalogCacheHeader = { format: CATALOG_CACHE_FORMAT, version: producerVersion(), key: entry.key, fetchedAt: entry.value.fetchedAt.toISOString() };
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeAtomically(file, `${JSON.stringify(header)}\n${JSON.stringify(entry.value.offers)}`, 'the catalog cache');
      pruneExpired(dir, file, ttlMs);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs a download next time.
    }
  };

  const getNow = (key: CatalogCacheKey): CachedCatalogEntry | undefined => {
    const entry = lookup(key, fresh);
    if (!entry?.offers || !fresh(entry.fetchedAt)) return undefined;
    return { offers: entry.offers, fetchedAt: entry.fetchedAt };
  };

  return {
    dir,
    fileOf,
    getNow,
    async get(key) {
      // Parsing a big entry blocks the event loop: let the caller's other requests (the stock,
      // asked at the same time) go out first, so their round trip overlaps the parse.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return getNow(key);
    },
    ageOf(key) {
      const entry = lookup(key, () => false);
      return entry ? ageOf(entry.fetchedAt) : undefined;
    },
    set(key, value) {
      const file = fileOf(key);
      pending.set(file, { key: normalisedKey(key), value: { offers: value.offers, fetchedAt: value.fetchedAt } });
      if (options.writeImmediately) {
        persist(file);
        return;
      }
      const write = new Promise<void>((resolve) => {
        setImmediate(() => {
          persist(file);
          resolve();
        });
      });
      writes.add(write);
      void write.then(() => writes.delete(write));
    },
    async flush() {
      while (writes.size > 0) await Promise.all([...writes]);
      for (const file of [...pending.keys()]) persist(file);
    },
  };
}
