// On-disk cache of catalogs, one file per (API, subsidiary, range) in `<configDir>/cache/`.
// A catalog is several MB of JSON that changes a few times a day; prices are trusted for an hour.
// Stock is never cached (it is not in the catalog). Implements the `CatalogCache` seam of
// src/flows/offers-loader.ts, which stores the catalog's normalised offers: reading them back is
// several times faster than parsing and normalising the raw catalog again.
//
// File layout, three lines: a header (format, version of ovh-order, key, fetchedAt, the byte length
// of line 2), the offers' summaries (what a table shows), then the whole offers. The header is
// checked before anything else is parsed, and a table reads only lines 1–2: about 1/40 of the file
// (150 KB of 7.5 MB for a 12 MB catalog). Any problem with a file (missing, corrupt, other format or
// version, other key, expired) is a miss: the loader downloads again and the file is rewritten.
//
// Writes are deferred to the next turn of the event loop so that serialising a big catalog does not
// delay the first table; `flush()` waits for them (the process also waits, as it exits only when idle).
import { writeAtomically } from './atomic-file.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Offer, OfferSummary, Range } from '../domain/offer-model.js';
import { summarizeOffer } from '../domain/offers.js';
import { configDir } from './paths.js';

/** Prices in a cached catalog are reused for an hour. */
export const CATALOG_CACHE_TTL_MS = 60 * 60 * 1000;
/** Bumped whenever the stored shape changes; files of another format are ignored and rewritten. */
export const CATALOG_CACHE_FORMAT = 3;
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
  /** The offers' summaries, in the same order (computed from `offers` when not given). */
  summaries: OfferSummary[];
  fetchedAt: Date;
}

/** What a table needs: the summaries alone. */
export interface CachedSummariesEntry {
  summaries: OfferSummary[];
  fetchedAt: Date;
}

/** The first line of a file. */
interface CatalogCacheHeader {
  format: number;
  /** ovh-order's version: the Offer model may change between versions, so another's files are misses. */
  version: string;
  key: { range: string; subsidiary: string; endpoint: string };
  fetchedAt: string;
  /** Byte length of the summaries line, so that it can be read without the rest. */
  summaryBytes: number;
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
  /** A fresh entry's summaries only (the first lines of the file), or undefined. */
  getSummaries(key: CatalogCacheKey): Promise<CachedSummariesEntry | undefined>;
  getSummariesNow(key: CatalogCacheKey): CachedSummariesEntry | undefined;
  /** Stores an entry (atomically: a temp file renamed over the old one). Never throws. */
  set(key: CatalogCacheKey, value: Omit<CachedCatalogEntry, 'summaries'> & { summaries?: OfferSummary[] }): void;
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

/** A structural check of the first item, cheap next to a full validation: the file was written by this version. */
function looksLikeOffers(value: unknown, range: string, kind: 'offers' | 'summaries'): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  const first = value[0] as Partial<Offer & OfferSummary> | null;
  if (!first || typeof first !== 'object' || first.range !== range || typeof first.planCode !== 'string' || typeof first.monthly?.micros !== 'number') return false;
  return kind === 'offers' ? Array.isArray(first.pricings) && Array.isArray(first.addonFamilies) : typeof first.defaultHardware === 'object';
}

/** The first line, whole, in as few reads as it takes (one, nearly always). */
function readFirstLine(fd: number): { line: string; bytes: number } | undefined {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(4096);
    const read = fs.readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) return undefined;
    const newline = chunk.subarray(0, read).indexOf(0x0a);
    if (newline >= 0) {
      chunks.push(chunk.subarray(0, newline));
      const line = Buffer.concat(chunks);
      return { line: line.toString('utf8'), bytes: line.length + 1 };
    }
    chunks.push(chunk.subarray(0, read));
    position += read;
    if (position > 64 * 1024) return undefined;
  }
}

interface OpenedEntry {
  fd: number;
  fetchedAt: Date;
  /** Where line 2 (summaries) starts and how long it is. */
  summariesAt: number;
  summaryBytes: number;
}

/** Opens `file` and checks its header against `key` and this version; undefined (and closed) on any mismatch. */
function openEntry(file: string, key: CatalogCacheHeader['key']): OpenedEntry | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const first = readFirstLine(fd);
    const header = first ? parseHeader(first.line, key) : undefined;
    if (!first || !header) {
      fs.closeSync(fd);
      return undefined;
    }
    return { fd, fetchedAt: header.fetchedAt, summariesAt: first.bytes, summaryBytes: header.summaryBytes };
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
}

function parseHeader(line: string, key: CatalogCacheHeader['key']): { fetchedAt: Date; summaryBytes: number } | undefined {
  let header: Partial<CatalogCacheHeader>;
  try {
    header = JSON.parse(line) as Partial<CatalogCacheHeader>;
  } catch {
    return undefined;
  }
  if (!header || typeof header !== 'object' || header.format !== CATALOG_CACHE_FORMAT || header.version !== producerVersion()) return undefined;
  if (!header.key || typeof header.key !== 'object' || !sameKey(normalisedKey(header.key as CatalogCacheKey), key)) return undefined;
  if (typeof header.summaryBytes !== 'number' || !Number.isSafeInteger(header.summaryBytes) || header.summaryBytes < 2) return undefined;
  const fetchedAt = typeof header.fetchedAt === 'string' ? new Date(header.fetchedAt) : undefined;
  if (!fetchedAt || Number.isNaN(fetchedAt.getTime())) return undefined;
  return { fetchedAt, summaryBytes: header.summaryBytes };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

type ReadResult<T> = T | { fetchedAt: Date; expired: true } | undefined;

/** Lines 1–2: the summaries. An expired entry's body is never read. */
function readSummaries(file: string, key: CatalogCacheHeader['key'], wanted: (fetchedAt: Date) => boolean): ReadResult<CachedSummariesEntry> {
  const entry = openEntry(file, key);
  if (!entry) return undefined;
  try {
    if (!wanted(entry.fetchedAt)) return { fetchedAt: entry.fetchedAt, expired: true };
    const bytes = Buffer.allocUnsafe(entry.summaryBytes);
    if (fs.readSync(entry.fd, bytes, 0, bytes.length, entry.summariesAt) !== bytes.length) return undefined;
    const summaries = parseJson(bytes);
    return looksLikeOffers(summaries, key.range, 'summaries') ? { summaries: summaries as OfferSummary[], fetchedAt: entry.fetchedAt } : undefined;
  } finally {
    fs.closeSync(entry.fd);
  }
}

/** The whole entry: lines 2 and 3. */
function readEntry(file: string, key: CatalogCacheHeader['key'], wanted: (fetchedAt: Date) => boolean): ReadResult<CachedCatalogEntry> {
  const entry = openEntry(file, key);
  if (!entry) return undefined;
  try {
    if (!wanted(entry.fetchedAt)) return { fetchedAt: entry.fetchedAt, expired: true };
    // Positioned reads leave the descriptor at 0: this is the whole file.
    const rest = fs.readFileSync(entry.fd).subarray(entry.summariesAt);
    const summariesEnd = entry.summaryBytes;
    if (rest.length <= summariesEnd || rest[summariesEnd] !== 0x0a) return undefined;
    const summaries = parseJson(rest.subarray(0, summariesEnd));
    const offers = parseJson(rest.subarray(summariesEnd + 1));
    if (!looksLikeOffers(summaries, key.range, 'summaries') || !looksLikeOffers(offers, key.range, 'offers')) return undefined;
    if ((summaries as unknown[]).length !== (offers as unknown[]).length) return undefined;
    return { offers: offers as Offer[], summaries: summaries as OfferSummary[], fetchedAt: entry.fetchedAt };
  } finally {
    fs.closeSync(entry.fd);
  }
}

/** `[a,b,c]` as one chunk per item. */
function* jsonArrayChunks(items: readonly unknown[]): Generator<string> {
  yield '[';
  for (const [i, item] of items.entries()) yield i === 0 ? JSON.stringify(item) : `,${JSON.stringify(item)}`;
  yield ']';
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

  const queued = (key: CatalogCacheKey) => {
    const entry = pending.get(fileOf(key));
    return entry && sameKey(entry.key, normalisedKey(key)) ? entry.value : undefined;
  };
  const found = <T extends { fetchedAt: Date }>(result: ReadResult<T>): T | undefined =>
    result && !('expired' in result) && fresh(result.fetchedAt) ? result : undefined;

  const persist = (file: string) => {
    const entry = pending.get(file);
    if (!entry) return;
    pending.delete(file);
    try {
      const summaries = JSON.stringify(entry.value.summaries);
      const header: CatalogCacheHeader = {
        format: CATALOG_CACHE_FORMAT,
        version: producerVersion(),
        key: entry.key,
        fetchedAt: entry.value.fetchedAt.toISOString(),
        summaryBytes: Buffer.byteLength(summaries),
      };
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Offer by offer: one 7 MB string of a big catalog would cost as much memory again.
      writeAtomically(file, [`${JSON.stringify(header)}\n${summaries}\n`, ...jsonArrayChunks(entry.value.offers)], 'the catalog cache');
      pruneExpired(dir, file, ttlMs);
    } catch {
      // A cache that cannot be written (read-only home, full disk) only costs a download next time.
    }
  };

  const getNow = (key: CatalogCacheKey): CachedCatalogEntry | undefined => {
    const memory = queued(key);
    if (memory) return fresh(memory.fetchedAt) ? memory : undefined;
    return found(readEntry(fileOf(key), normalisedKey(key), fresh));
  };
  const getSummariesNow = (key: CatalogCacheKey): CachedSummariesEntry | undefined => {
    const memory = queued(key);
    if (memory) return fresh(memory.fetchedAt) ? { summaries: memory.summaries, fetchedAt: memory.fetchedAt } : undefined;
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
      const summaries = value.summaries ?? value.offers.map(summarizeOffer);
      pending.set(file, { key: normalisedKey(key), value: { offers: value.offers, summaries, fetchedAt: value.fetchedAt } });
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
