// A data pack: a folder of recorded OVH answers, in the API's own shapes, that the sandbox serves
// instead of its authored offer. ../shared/fixtures/ovh is one as it is. Files are recognised by name
// (other files are ignored, so a pack can hold notes and unrelated recordings):
//   catalog-public-eco-<SUB>*.json, catalog-public-baremetalServers-<SUB>*.json
//       GET /order/catalog/public/{eco,baremetalServers}?ovhSubsidiary=<SUB>. Only complete documents
//       (plans, addons, products) are served; trimmed recordings without them are listed as skipped.
//   catalog-formatted-dedicated-<SUB>*.json    GET /order/catalog/formatted/dedicated (optional)
//   dedicated-datacenter-availabilities*.json GET /dedicated/server/datacenter/availabilities records
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AvailabilityRecord } from './availability.js';
import type { PublicRange } from './catalog-builder.js';

interface RecordedDocument {
  file: string;
  /** The file as recorded: served byte for byte. */
  text: string;
  doc: Record<string, unknown>;
}

export interface RecordedCatalog extends RecordedDocument {
  range: PublicRange;
  subsidiary: string;
}

export interface DataPack {
  dir: string;
  /** Public catalogs by `${range}:${subsidiary}`. */
  catalogs: Map<string, RecordedCatalog>;
  /** Formatted dedicated catalogs by subsidiary. */
  formatted: Map<string, RecordedDocument>;
  /** Every recorded availability record (the first file naming an fqn wins). */
  availabilities: AvailabilityRecord[];
  /** Files that matched a pattern but are not served, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
}

const PUBLIC = /^catalog-public-(eco|baremetalServers)-([A-Z]{2,4})\b.*\.json$/;
const FORMATTED = /^catalog-formatted-dedicated-([A-Z]{2,4})\b.*\.json$/;
const AVAILABILITIES = /^dedicated-datacenter-availabilities.*\.json$/;

export class DataPackError extends Error {}

function readJson(dir: string, file: string): RecordedDocument & { doc: unknown } {
  const text = readFileSync(join(dir, file), 'utf8');
  try {
    return { file, text, doc: JSON.parse(text) as Record<string, unknown> };
  } catch (error) {
    throw new DataPackError(`Data pack ${dir}: ${file} is not valid JSON (${(error as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a public catalog document cannot be served as a whole catalog, or undefined when it can. */
function incompleteCatalog(doc: unknown): string | undefined {
  if (!isObject(doc)) return 'not a JSON object';
  for (const key of ['plans', 'addons', 'products']) if (!Array.isArray(doc[key])) return `no "${key}" array (a trimmed recording)`;
  if (!isObject(doc.locale) || typeof doc.locale.currencyCode !== 'string') return 'no locale.currencyCode';
  for (const plan of doc.plans as unknown[]) {
    if (!isObject(plan) || typeof plan.planCode !== 'string' || !Array.isArray(plan.pricings) || !Array.isArray(plan.addonFamilies)) {
      return 'a plan without planCode, pricings or addonFamilies';
    }
  }
  return undefined;
}

function availabilityRecordsOf(file: string, dir: string, doc: unknown): AvailabilityRecord[] {
  const bad = () => new DataPackError(`Data pack ${dir}: ${file} is not a list of dedicated.DatacenterAvailability records`);
  if (!Array.isArray(doc)) throw bad();
  return doc.map((r: unknown) => {
    if (!isObject(r) || typeof r.fqn !== 'string' || typeof r.planCode !== 'string' || !Array.isArray(r.datacenters)) throw bad();
    return r as unknown as AvailabilityRecord;
  });
}

/** Reads a data pack folder; throws DataPackError with the reason when it cannot be served. */
export function loadDataPack(folder: string): DataPack {
  const dir = resolve(folder);
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new DataPackError(`Data pack ${dir} is not a folder`);
    files = readdirSync(dir).sort();
  } catch (error) {
    if (error instanceof DataPackError) throw error;
    throw new DataPackError(`Data pack ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const pack: DataPack = { dir, catalogs: new Map(), formatted: new Map(), availabilities: [], skipped: [] };
  const fqns = new Set<string>();
  for (const file of files) {
    const publicMatch = PUBLIC.exec(file);
    const formattedMatch = FORMATTED.exec(file);
    if (publicMatch) {
      const range = publicMatch[1] as PublicRange;
      const subsidiary = publicMatch[2]!;
      const read = readJson(dir, file);
      const reason = incompleteCatalog(read.doc);
      if (reason) {
        pack.skipped.push({ file, reason });
        continue;
      }
      const key = `${range}:${subsidiary}`;
      const other = pack.catalogs.get(key);
      if (other) throw new DataPackError(`Data pack ${dir}: two complete ${range} catalogs for ${subsidiary} (${other.file}, ${file}); keep one`);
      pack.catalogs.set(key, { ...read, doc: read.doc, range, subsidiary });
    } else if (formattedMatch) {
      const read = readJson(dir, file);
      if (!isObject(read.doc) || !Array.isArray(read.doc.products)) {
        pack.skipped.push({ file, reason: 'no "products" array' });
        continue;
      }
      pack.formatted.set(formattedMatch[1]!, { ...read, doc: read.doc });
    } else if (AVAILABILITIES.test(file)) {
      for (const record of availabilityRecordsOf(file, dir, readJson(dir, file).doc)) {
        if (fqns.has(record.fqn)) continue;
        fqns.add(record.fqn);
        pack.availabilities.push(record);
      }
    }
  }
  if (pack.catalogs.size === 0) {
    const why = pack.skipped.length > 0 ? ` (skipped: ${pack.skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')})` : '';
    throw new DataPackError(`Data pack ${dir} has no complete catalog-public-{eco,baremetalServers}-<SUBSIDIARY>*.json file${why}`);
  }
  return pack;
}

/** The subsidiaries a pack has catalogs for, per range. */
export function packSubsidiaries(pack: DataPack, range: PublicRange): string[] {
  return [...pack.catalogs.values()]
    .filter((c) => c.range === range)
    .map((c) => c.subsidiary)
    .sort();
}
