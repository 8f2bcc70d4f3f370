// On-disk cache of catalogs, one file per (API, subsidiary, range) in `<configDir>/cache/`.
// A catalog is several MB of JSON that changes a few times a day; prices are trusted for an hour.
// Stock is never cached (it is not in the catalog). Implements the `CatalogCache` seam of
// src/flows/offers-loader.ts, which stores the catalog's normalised offers: reading them back is
// several times faster than parsing and normalising the raw catalog again.
//
// The file's layout is catalog-cache-file.ts's: a table reads only the offers' summaries, about 1/40
// of the file. Any problem with a file (missing, corrupt, other format or version, other key,
// expired) is a miss: the loader downloads again and the file is rewritten.
//
// Writes are deferred to the next turn of the event loop so that serialising a big catalog does not
// delay the first table; `flush()` waits for them (the process also waits, as it exits only when idle).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeDirs, writeAtomically } from './atomic-file.js';
import {
  entryChunks,
  normalisedKey,
  readEntry,
  keyInFile,
  readSummaries,
  sameKey,
  type CachedCatalogEntry,
  type CachedSummariesEntry,
  type CatalogCacheKey,
  type EntryKey,
  type ReadResult,
} from './catalog-cache-file.js';
import { configDir } from './paths.js';

export { CATALOG_CACHE_FORMAT, producerVersion, type CachedCatalogEntry, type CachedSummariesEntry, type CatalogCacheKey } from './catalog-cache-file.js';

/** Prices in a cached catalog are reused for an hour. */
export const CATALOG_CACHE_TTL_MS = 60 * 60 * 1000;
export const CATALOG_CACHE_DIR = 'cache';

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
  /** A fresh entry's summaries only (the first lines of the file), or undefined. */
  getSummaries(key: CatalogCacheKey): Promise<CachedSummariesEntry | undefined>;
  getSummariesNow(key: CatalogCacheKey): CachedSummariesEntry | undefined;
  /** Stores an entry (atomically: a temp file renamed over the old one). Never throws. */
  set(key: CatalogCacheKey, value: CachedCatalogEntry): void;
  /** Age of the stored entry in ms, fresh or not (undefined when there is none that can be read). */
  ageOf(key: CatalogCacheKey): number | undefined;
  /** The file an entry lives in. */
  fileOf(key: CatalogCacheKey): string;
  /** Resolves once every deferred write has reached the disk. */
  flush(): Promise<void>;
}

/** `catalog-eco-FR-1a2b3c4d5e6f.json`: readable prefix, hash of the endpoint for uniqueness. */
export function catalogCacheFileName(key: CatalogCacheKey): string {
  const k = normalisedKey(key);
  const hash = crypto
    .createHash('sha256')
    .update(JSON.stringify([k.endpoint, k.subsidiary, k.range]))
    .digest('hex')
    .slice(0, 12);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `catalog-${safe(k.range)}-${safe(k.subsidiary)}-${hash}.json`;
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
  const pending = new Map<string, { key: EntryKey; value: CachedCatalogEntry }>();
  const writes = new Set<Promise<void>>();

  const fileOf = (key: CatalogCacheKey) => path.join(dir, catalogCacheFileName(key));
  const ageOf = (fetchedAt: Date) => now().getTime() - fetchedAt.getTime();
  // A date in the future (clock changed) is not trusted either; nor are prices past a promotion's start or end.
  const fresh = (fetchedAt: Date, pricesUntil?: Date) => {
    const age = ageOf(fetchedAt);
    return age >= 0 && age < ttlMs && !(pricesUntil && now().getTime() >= pricesUntil.getTime());
  };

  const queued = (key: CatalogCacheKey) => {
    const entry = pending.get(fileOf(key));
    return entry && sameKey(entry.key, normalisedKey(key)) ? entry.value : undefined;
  };
  const found = <T extends { fetchedAt: Date; pricesUntil?: Date }>(result: ReadResult<T>): T | undefined =>
    result && !('expired' in result) && fresh(result.fetchedAt, result.pricesUntil) ? result : undefined;

  const persist = (file: string) => {
    const entry = pending.get(file);
    if (!entry) return;
    pending.delete(file);
    try {
      makeDirs(dir, 0o700);
      writeAtomically(file, entryChunks(entry.key, entry.value), 'the catalog cache');
      pruneExpired(dir, file, ttlMs);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs a download next time.
    }
  };

  const getNow = (key: CatalogCacheKey): CachedCatalogEntry | undefined => {
    const memory = queued(key);
    if (memory) return fresh(memory.fetchedAt, memory.pricesUntil) ? memory : undefined;
    return found(readEntry(fileOf(key), normalisedKey(key), fresh));
  };
  const getSummariesNow = (key: CatalogCacheKey): CachedSummariesEntry | undefined => {
    const memory = queued(key);
    if (memory) return fresh(memory.fetchedAt, memory.pricesUntil) ? { summaries: memory.summaries, fetchedAt: memory.fetchedAt } : undefined;
    return found(readSummaries(fileOf(key), normalisedKey(key), fresh));
  };
  // Parsing a big entry blocks the event loop: let the caller's other requests (the stock, asked at
  // the same time) go out first, so that their round trip overlaps the parse.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    dir,
    fileOf,
    getNow,
    getSummariesNow,
    async get(key) {
      await nextTurn();
      return getNow(key);
    },
    async getSummaries(key) {
      await nextTurn();
      return getSummariesNow(key);
    },
    ageOf(key) {
      const memory = queued(key);
      const entry = memory ?? readSummaries(fileOf(key), normalisedKey(key), () => false);
      return entry ? ageOf(entry.fetchedAt) : undefined;
    },
    set(key, value) {
      const file = fileOf(key);
      pending.set(file, { key: normalisedKey(key), value });
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

/**
 * Plan codes of every catalog in the cache, old or fresh (shell completion: a suggestion, so an
 * expired price list still names the plans), sorted; none when nothing is cached.
 */
export function cachedPlanCodes(env: NodeJS.ProcessEnv): string[] {
  const dir = path.join(configDir(env), CATALOG_CACHE_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const codes = new Set<string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const key = keyInFile(file);
    const entry = key ? readSummaries(file, key, () => true) : undefined;
    if (entry && 'summaries' in entry) for (const summary of entry.summaries) codes.add(summary.planCode);
  }
  return [...codes].sort();
}
