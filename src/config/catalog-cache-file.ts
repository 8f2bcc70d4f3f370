// The catalog cache's file: three lines, a header (format, version of ovh-order, key, fetchedAt,
// the byte length of line 2), the offers' summaries, then the whole offers. The header is checked
// before anything else is parsed, and the summaries are read without the rest (a table needs
// ~150 kB of a 7.5 MB file). Any mismatch is a miss, never an error.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Offer, OfferSummary, Range } from '../domain/offer-model.js';

/** Bumped whenever the stored shape changes; files of another format are ignored and rewritten. */
export const CATALOG_CACHE_FORMAT = 3;

export interface CatalogCacheKey {
  range: Range;
  subsidiary: string;
  /** The API (preset name or URL, e.g. `endpoint.apiUrl`); entries of two APIs never meet. */
  endpoint?: string;
}

/** What the loader stores and gets back (structurally the seam's `CachedCatalog`). */
export interface CachedCatalogEntry {
  offers: Offer[];
  /** The offers' summaries, in the same order. */
  summaries: OfferSummary[];
  fetchedAt: Date;
  /** When a catalog promotion starts or ends: the prices stored are wrong from then on. */
  pricesUntil?: Date;
}

/** What a table needs: the summaries alone. */
export interface CachedSummariesEntry {
  summaries: OfferSummary[];
  fetchedAt: Date;
  pricesUntil?: Date;
}

/** Whether an entry fetched at `fetchedAt` (prices valid until `pricesUntil`) is still wanted. */
export type Wanted = (fetchedAt: Date, pricesUntil?: Date) => boolean;

/** The first line of a file. */
interface CatalogCacheHeader {
  format: number;
  /** ovh-order's version: the Offer model may change between versions, so another's files are misses. */
  version: string;
  key: { range: string; subsidiary: string; endpoint: string };
  fetchedAt: string;
  /** The next promotion start or end after fetchedAt, if any (see CachedCatalogEntry). */
  pricesUntil?: string;
  /** Byte length of the summaries line, so that it can be read without the rest. */
  summaryBytes: number;
}

let ownVersion: string | undefined;
/** This package's version, from its package.json (two levels up from src/config or dist/config). */
export function producerVersion(): string {
  if (ownVersion === undefined) {
    try {
      const file = fileURLToPath(new URL('../../package.json', import.meta.url));
      const { version } = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
      ownVersion = typeof version === 'string' ? version : 'unknown';
    } catch {
      ownVersion = 'unknown';
    }
  }
  return ownVersion;
}

/** A key as stored in the header. */
export type EntryKey = CatalogCacheHeader['key'];

export function normalisedKey(key: CatalogCacheKey): EntryKey {
  return { range: key.range, subsidiary: key.subsidiary.toUpperCase(), endpoint: key.endpoint ?? '' };
}

export function sameKey(a: EntryKey, b: EntryKey): boolean {
  return a.range === b.range && a.subsidiary === b.subsidiary && a.endpoint === b.endpoint;
}

/** A structural check of the first item, cheap next to a full validation: the file was written by this version. */
function looksLikeOffers(value: unknown, range: string, kind: 'offers' | 'summaries'): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  const first = value[0] as Partial<Offer & OfferSummary> | null;
  if (!first || typeof first !== 'object' || first.range !== range || typeof first.planCode !== 'string' || typeof first.monthly?.micros !== 'number')
    return false;
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
  pricesUntil?: Date;
  /** Where line 2 (summaries) starts and how long it is. */
  summariesAt: number;
  summaryBytes: number;
}

/** A read-only descriptor, never through a link (see atomic-file.ts): a cache that is one is simply not used. */
function openUnlinked(file: string): number | undefined {
  try {
    return fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
}

/** Opens `file` and checks its header against `key` and this version; undefined (and closed) on any mismatch. */
function openEntry(file: string, key: EntryKey): OpenedEntry | undefined {
  const fd = openUnlinked(file);
  if (fd === undefined) return undefined;
  try {
    const first = readFirstLine(fd);
    const header = first ? parseHeader(first.line, key) : undefined;
    if (!first || !header) {
      fs.closeSync(fd);
      return undefined;
    }
    return { fd, fetchedAt: header.fetchedAt, pricesUntil: header.pricesUntil, summariesAt: first.bytes, summaryBytes: header.summaryBytes };
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
}

function parseHeader(line: string, key: EntryKey): { fetchedAt: Date; pricesUntil?: Date; summaryBytes: number } | undefined {
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
  if (header.pricesUntil === undefined) return { fetchedAt, summaryBytes: header.summaryBytes };
  const pricesUntil = typeof header.pricesUntil === 'string' ? new Date(header.pricesUntil) : undefined;
  if (!pricesUntil || Number.isNaN(pricesUntil.getTime())) return undefined;
  return { fetchedAt, pricesUntil, summaryBytes: header.summaryBytes };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The key a file's header names, whatever this process asked for (undefined when it is not a cache file of this version). */
export function keyInFile(file: string): EntryKey | undefined {
  const fd = openUnlinked(file);
  if (fd === undefined) return undefined;
  try {
    const first = readFirstLine(fd);
    const header = first ? (parseJson(Buffer.from(first.line)) as Partial<CatalogCacheHeader> | undefined) : undefined;
    const key = header?.key;
    if (!key || typeof key.range !== 'string' || typeof key.subsidiary !== 'string' || typeof key.endpoint !== 'string') return undefined;
    return parseHeader(first!.line, key) ? key : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

export type ReadResult<T> = T | { fetchedAt: Date; expired: true } | undefined;

/** Lines 1–2: the summaries. An expired entry's body is never read. */
export function readSummaries(file: string, key: EntryKey, wanted: Wanted): ReadResult<CachedSummariesEntry> {
  const entry = openEntry(file, key);
  if (!entry) return undefined;
  try {
    if (!wanted(entry.fetchedAt, entry.pricesUntil)) return { fetchedAt: entry.fetchedAt, expired: true };
    const bytes = Buffer.allocUnsafe(entry.summaryBytes);
    if (fs.readSync(entry.fd, bytes, 0, bytes.length, entry.summariesAt) !== bytes.length) return undefined;
    const summaries = parseJson(bytes);
    return looksLikeOffers(summaries, key.range, 'summaries')
      ? withPricesUntil<CachedSummariesEntry>({ summaries: summaries as OfferSummary[], fetchedAt: entry.fetchedAt }, entry.pricesUntil)
      : undefined;
  } finally {
    fs.closeSync(entry.fd);
  }
}

/** The whole entry: lines 2 and 3. */
export function readEntry(file: string, key: EntryKey, wanted: Wanted): ReadResult<CachedCatalogEntry> {
  const entry = openEntry(file, key);
  if (!entry) return undefined;
  try {
    if (!wanted(entry.fetchedAt, entry.pricesUntil)) return { fetchedAt: entry.fetchedAt, expired: true };
    // Positioned reads leave the descriptor at 0: this is the whole file.
    const rest = fs.readFileSync(entry.fd).subarray(entry.summariesAt);
    const summariesEnd = entry.summaryBytes;
    if (rest.length <= summariesEnd || rest[summariesEnd] !== 0x0a) return undefined;
    const summaries = parseJson(rest.subarray(0, summariesEnd));
    const offers = parseJson(rest.subarray(summariesEnd + 1));
    if (!looksLikeOffers(summaries, key.range, 'summaries') || !looksLikeOffers(offers, key.range, 'offers')) return undefined;
    if ((summaries as unknown[]).length !== (offers as unknown[]).length) return undefined;
    return withPricesUntil<CachedCatalogEntry>(
      { offers: offers as Offer[], summaries: summaries as OfferSummary[], fetchedAt: entry.fetchedAt },
      entry.pricesUntil,
    );
  } finally {
    fs.closeSync(entry.fd);
  }
}

function withPricesUntil<T extends { pricesUntil?: Date }>(entry: T, pricesUntil: Date | undefined): T {
  if (pricesUntil) entry.pricesUntil = pricesUntil;
  return entry;
}

/** `[a,b,c]` as one chunk per item. */
function* jsonArrayChunks(items: readonly unknown[]): Generator<string> {
  yield '[';
  for (const [i, item] of items.entries()) yield i === 0 ? JSON.stringify(item) : `,${JSON.stringify(item)}`;
  yield ']';
}

/** The file's text, header first, offer by offer: one 7 MB string of a big catalog would cost as much memory again. */
export function* entryChunks(key: EntryKey, entry: CachedCatalogEntry): Generator<string> {
  const summaries = JSON.stringify(entry.summaries);
  const header: CatalogCacheHeader = {
    format: CATALOG_CACHE_FORMAT,
    version: producerVersion(),
    key,
    fetchedAt: entry.fetchedAt.toISOString(),
    ...(entry.pricesUntil ? { pricesUntil: entry.pricesUntil.toISOString() } : {}),
    summaryBytes: Buffer.byteLength(summaries),
  };
  yield `${JSON.stringify(header)}\n${summaries}\n`;
  yield* jsonArrayChunks(entry.offers);
}
