// Stock is a delivery delay per datacenter (`1H-high`, `72H`, `unavailable`…) for one hardware
// combination (`<planCode>.<memory>.<storage>`). This joins availability records to offers.
//
// Matching a record to an offer's hardware: the addon `product` names equal the availability
// `memory`/`storage` names (`ram-32g-ecc-3200`), while addon plan codes carry a plan suffix
// (`ram-32g-ecc-3200-24rise`), and newer records sometimes shorten or lengthen names
// (`ram-256g-ecc` for a `ram-256g-ecc-2933` product). Exact names win, then `-` boundary prefixes.
// The formatted dedicated catalog has no products: its add-ons get theirs from the public catalogs
// (offers-formatted.ts); an add-on plan code alone (`ram-32g-adv-gen2-inc`) matches no record.
// Plan codes also drift between catalog and availability (`24rise01` vs `24rise01-v1`, whose
// `server` is `24rise01`): records match on `planCode`, else on `server`.
import type { HardwareChoice, Offer, OfferSummary } from './offer-model.js';
import { normaliseDatacenter } from './places.js';

/** Structural shape of `dedicated.DatacenterAvailability` (src/ovh/models/availability.ts). */
export interface AvailabilityRecord {
  fqn: string;
  planCode: string;
  server?: string | null;
  memory?: string | null;
  storage?: string | null;
  systemStorage?: string | null;
  gpu?: string | null;
  datacenters: readonly { datacenter: string; availability: string }[];
}

// ---------------------------------------------------------------------------------------------
// Delay codes
// ---------------------------------------------------------------------------------------------

const NOT_ORDERABLE = new Set(['unavailable', 'comingSoon', 'unknown']);

/** Hours of delivery delay (`72H` → 72, `1H-low` → 1); null for codes that are not a delay. */
export function delayHours(code: string): number | null {
  const match = /^(\d+)H(?:-(?:high|low))?$/i.exec(code);
  return match?.[1] ? Number(match[1]) : null;
}

/** Can a server be ordered with this availability? `unavailable`, `comingSoon`, `unknown` (and unknown codes) cannot. */
export function isOrderable(code: string): boolean {
  return !NOT_ORDERABLE.has(code) && delayHours(code) !== null;
}

/** Plain words: `1 h`, `1 h (low stock)`, `72 h`, `out of stock`, `coming soon`, `unknown`. */
export function delayLabel(code: string): string {
  if (code === 'unavailable') return 'out of stock';
  if (code === 'comingSoon') return 'coming soon';
  if (code === 'unknown') return 'unknown';
  const hours = delayHours(code);
  if (hours === null) return code;
  return /-low$/i.test(code) ? `${hours} h (low stock)` : `${hours} h`;
}

/** Sort key: sooner first; `-high` before `-low`; then coming soon, unknown, out of stock, anything else. */
export function delayRank(code: string): number {
  const hours = delayHours(code);
  if (hours !== null) return hours * 10 + (/-low$/i.test(code) ? 1 : 0);
  switch (code) {
    case 'comingSoon':
      return 1e9;
    case 'unknown':
      return 1e9 + 1;
    case 'unavailable':
      return 1e9 + 2;
    default:
      return 1e9 + 3;
  }
}

export function compareDelays(a: string, b: string): number {
  return delayRank(a) - delayRank(b);
}

// ---------------------------------------------------------------------------------------------
// Join
// ---------------------------------------------------------------------------------------------

export type { HardwareChoice } from './offer-model.js';

export interface DatacenterDelay {
  /** Short code (`gra`). */
  datacenter: string;
  /** The API's code (`72H`, `unavailable`…). */
  availability: string;
  orderable: boolean;
  label: string;
  hours: number | null;
}

export interface OfferAvailability {
  planCode: string;
  /** The `fqn` of the record used; null when none matched. */
  fqn: string | null;
  /** `exact`: the record is for this hardware; `plan`: a record of the plan without hardware detail; `none`. */
  match: 'exact' | 'plan' | 'none';
  /** One entry per datacenter, soonest first. */
  datacenters: DatacenterDelay[];
  /** The soonest orderable datacenter, if any. */
  soonest: DatacenterDelay | null;
  /** Short codes where it can be ordered, soonest first. */
  orderableDatacenters: string[];
}

/** The expected availability fqn for a hardware choice: `<planCode>.<memory>.<storage>`. */
export function fqnOf(planCode: string, choice: HardwareChoice): string {
  return [planCode, choice.memory?.product, choice.storage?.product].filter((p): p is string => !!p).join('.');
}

/** 3 = exact name, 2 = the candidate carries a suffix (`ram-32g-ecc-3200-24rise`), 1 = the record does. */
function nameScore(recordName: string, candidate: NonNullable<HardwareChoice['memory']>): number {
  let best = 0;
  for (const name of [candidate.product, candidate.planCode]) {
    if (name === recordName) best = Math.max(best, 3);
    else if (name.startsWith(`${recordName}-`)) best = Math.max(best, 2);
    else if (recordName.startsWith(`${name}-`)) best = Math.max(best, 1);
  }
  return best;
}

/** Score a record against a choice; -1 when a chosen part does not match at all. */
function hardwareScore(record: AvailabilityRecord, choice: HardwareChoice): number {
  let score = 0;
  const parts: (keyof HardwareChoice)[] = ['memory', 'storage', 'systemStorage'];
  for (const part of parts) {
    const wanted = choice[part];
    const have = record[part];
    if (!wanted || !have) continue;
    const s = nameScore(have, wanted);
    if (s === 0) return -1;
    score += s;
  }
  return score;
}

/** Records of an offer's plan: by planCode, else by `server` (plan codes drift: `24rise01` vs `24rise01-v1`). */
export function recordsForPlan(planCode: string, records: readonly AvailabilityRecord[]): AvailabilityRecord[] {
  const exact = records.filter((r) => r.planCode === planCode);
  if (exact.length > 0) return exact;
  return records.filter((r) => r.server === planCode);
}

/** The default hardware of an offer as a HardwareChoice. */
export function defaultHardware(offer: Offer): HardwareChoice {
  const pick = (familyName: string, product: string | null) => {
    if (!product) return null;
    const family = offer.addonFamilies.find((f) => f.name === familyName);
    return (
      family?.addons.find((a) => a.planCode === family.default && a.product === product) ??
      family?.addons.find((a) => a.product === product) ?? { planCode: product, product }
    );
  };
  return {
    memory: pick('memory', offer.hardware.memory),
    storage: pick('storage', offer.hardware.storage),
    systemStorage: pick('system-storage', offer.hardware.systemStorage),
  };
}

/**
 * The hardware chosen by a list of option plan codes: each memory/storage/system-storage family
 * takes the chosen add-on, else its default. Plan codes that are not known add-ons are ignored.
 */
export function hardwareFromOptions(offer: Offer, optionPlanCodes: readonly string[]): HardwareChoice {
  const defaults = defaultHardware(offer);
  const chosen = (familyName: string) => offer.addonFamilies.find((f) => f.name === familyName)?.addons.find((a) => optionPlanCodes.includes(a.planCode));
  return {
    memory: chosen('memory') ?? defaults.memory ?? null,
    storage: chosen('storage') ?? defaults.storage ?? null,
    systemStorage: chosen('system-storage') ?? defaults.systemStorage ?? null,
  };
}

/** Delays of one record, soonest first, datacenters as short codes. */
function delaysOf(record: Pick<AvailabilityRecord, 'datacenters'>): DatacenterDelay[] {
  return record.datacenters
    .map((d) => ({ datacenter: shortCode(d.datacenter), ...delayOf(d.availability) }))
    .sort((a, b) => a.rank - b.rank || (a.datacenter < b.datacenter ? -1 : a.datacenter > b.datacenter ? 1 : 0))
    .map(({ rank: _rank, ...delay }) => delay);
}

// A big stock answer repeats a dozen delay codes and datacenter names 15,000 times: read each once.
const delays = new Map<string, Omit<DatacenterDelay, 'datacenter'> & { rank: number }>();
function delayOf(code: string): Omit<DatacenterDelay, 'datacenter'> & { rank: number } {
  let delay = delays.get(code);
  if (!delay) {
    delay = { availability: code, orderable: isOrderable(code), label: delayLabel(code), hours: delayHours(code), rank: delayRank(code) };
    delays.set(code, delay);
  }
  return delay;
}
const shortCodes = new Map<string, string>();
function shortCode(datacenter: string): string {
  let code = shortCodes.get(datacenter);
  if (code === undefined) {
    code = normaliseDatacenter(datacenter);
    shortCodes.set(datacenter, code);
  }
  return code;
}

function summarise(planCode: string, record: AvailabilityRecord | undefined, match: OfferAvailability['match']): OfferAvailability {
  if (!record) return { planCode, fqn: null, match: 'none', datacenters: [], soonest: null, orderableDatacenters: [] };
  const datacenters = delaysOf(record);
  const orderable = datacenters.filter((d) => d.orderable);
  return { planCode, fqn: record.fqn, match, datacenters, soonest: orderable[0] ?? null, orderableDatacenters: orderable.map((d) => d.datacenter) };
}

/**
 * Delay per datacenter for an offer with a hardware choice (default: the offer's default hardware).
 * The record is chosen by fqn, else by best name match on memory/storage/system storage; a record
 * without hardware detail counts as the plan's (`match: 'plan'`).
 */
export function offerAvailability(offer: Offer, records: readonly AvailabilityRecord[], choice: HardwareChoice = defaultHardware(offer)): OfferAvailability {
  return availabilityAmong(offer.planCode, recordsForPlan(offer.planCode, records), choice);
}

function availabilityAmong(planCode: string, candidates: readonly AvailabilityRecord[], choice: HardwareChoice): OfferAvailability {
  const fqn = fqnOf(planCode, choice);
  const byFqn = candidates.find((r) => r.fqn === fqn);
  if (byFqn) return summarise(planCode, byFqn, 'exact');
  let best: AvailabilityRecord | undefined;
  let bestScore = 0;
  for (const record of candidates) {
    const score = hardwareScore(record, choice);
    if (score > bestScore) {
      best = record;
      bestScore = score;
    }
  }
  if (best) return summarise(planCode, best, 'exact');
  const planWide = candidates.find((r) => !r.memory && !r.storage);
  return summarise(planCode, planWide, planWide ? 'plan' : 'none');
}

/**
 * The stock of any offer (default hardware) among `records`, indexed by plan once: looking each
 * offer's up in the whole list would cost offers × records (400 × 2,000 in a big catalog).
 */
export function stockLookup(records: readonly AvailabilityRecord[]): (offer: Offer | OfferSummary) => OfferAvailability {
  const byPlanCode = groupBy(records, (r) => r.planCode);
  const byServer = groupBy(records, (r) => r.server);
  return (o) => {
    const candidates = byPlanCode.get(o.planCode) ?? byServer.get(o.planCode) ?? [];
    const choice = 'defaultHardware' in o ? o.defaultHardware : defaultHardware(o);
    return availabilityAmong(o.planCode, candidates, choice);
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key == null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The delay in one datacenter (any spelling), or undefined when the record does not list it. */
export function delayIn(availability: OfferAvailability, datacenter: string): DatacenterDelay | undefined {
  const code = normaliseDatacenter(datacenter);
  return availability.datacenters.find((d) => d.datacenter === code);
}

/** Orderable in any of `datacenters` (or anywhere when the list is empty)? */
export function isAvailableIn(availability: OfferAvailability | undefined, datacenters: readonly string[] = []): boolean {
  if (!availability) return false;
  if (datacenters.length === 0) return availability.orderableDatacenters.length > 0;
  const wanted = new Set(datacenters.map(normaliseDatacenter));
  return availability.orderableDatacenters.some((d) => wanted.has(d));
}

/** Sort key for an offer's availability: its soonest orderable delay, else its best code, else last. */
export function availabilityRank(availability: OfferAvailability | undefined): number {
  if (!availability || availability.datacenters.length === 0) return 1e9 + 1;
  return delayRank((availability.soonest ?? availability.datacenters[0]!).availability);
}

/** True when no datacenter can deliver it (known stock, none orderable). */
export function isOutOfStock(availability: Pick<OfferAvailability, 'datacenters' | 'orderableDatacenters'> | undefined): boolean {
  return !!availability && availability.datacenters.length > 0 && availability.orderableDatacenters.length === 0;
}
