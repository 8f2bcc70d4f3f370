// `watch`: what is watched (targets), what one stock answer says about each (an observation), and
// which events a new observation makes against the last one kept (transitions only). Pure: the flow
// fetches, stores and notifies.
import { delayHours, delayLabel, isOrderable, offerAvailability, type AvailabilityRecord } from './availability.js';
import type { Money } from './money.js';
import type { HardwareChoice, Offer, Range } from './offer-model.js';
import { normaliseDatacenter } from './places.js';

/** One offer with one hardware choice, watched for stock. */
export interface WatchTarget {
  /** Stable across runs: `<planCode>` or `<planCode>.<memory>.<storage>` for a chosen hardware. */
  key: string;
  planCode: string;
  range: Range;
  name: string;
  hardware: HardwareChoice;
  monthly: Money;
  setup: Money;
  /** The offer itself (kept in memory only, for ordering). */
  offer: Offer;
  /** Order spec fields fixed by a spec file (options, duration…); none for --plan and requirements. */
  specOptions?: readonly string[];
}

/** Which answers count as "in stock". */
export interface StockRule {
  /** Ordered preference; empty = anywhere. */
  datacenters: readonly string[];
  /** Longest delivery delay that still counts, in hours; undefined = anything orderable. */
  maxDelayHours?: number;
}

interface DatacenterStock {
  datacenter: string;
  availability: string;
  /** `1 h`, `72 h (low stock)`… */
  delay: string;
}

export interface TargetObservation {
  key: string;
  /** Orderable datacenters under the rule, in preference order (then soonest first). */
  inStock: DatacenterStock[];
  fqn: string | null;
}

/** `72h`, `3d`, `1h` → hours. Null when the text is not such a duration. */
export function parseMaxDelay(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(h|d)\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return match[2]!.toLowerCase() === 'd' ? value * 24 : value;
}

export function targetKey(planCode: string, hardware: HardwareChoice, explicitHardware: boolean): string {
  if (!explicitHardware) return planCode;
  return [planCode, hardware.memory?.product, hardware.storage?.product, hardware.systemStorage?.product].filter(Boolean).join('.');
}

/** What the stock answer says of each target, under the rule. */
export function observe(targets: readonly WatchTarget[], records: readonly AvailabilityRecord[], rule: StockRule): TargetObservation[] {
  const preference = rule.datacenters.map(normaliseDatacenter);
  const rank = (dc: string) => {
    const i = preference.indexOf(dc);
    return i < 0 ? preference.length : i;
  };
  return targets.map((target) => {
    const availability = offerAvailability(target.offer, records, target.hardware);
    const inStock = availability.datacenters
      .filter((d) => d.orderable && isOrderable(d.availability))
      .filter((d) => preference.length === 0 || preference.includes(d.datacenter))
      .filter((d) => rule.maxDelayHours === undefined || (delayHours(d.availability) ?? Infinity) <= rule.maxDelayHours)
      // Stable sort: the soonest-first order of the join stays within one preference rank.
      .sort((a, b) => rank(a.datacenter) - rank(b.datacenter))
      .map((d) => ({ datacenter: d.datacenter, availability: d.availability, delay: delayLabel(d.availability) }));
    return { key: target.key, inStock, fqn: availability.fqn };
  });
}

/** What the state file keeps per target between checks (and runs). */
interface TargetMemory {
  available: boolean;
  /** When it last changed (ISO). */
  since: string;
  datacenters: string[];
}

export type WatchMemory = Record<string, TargetMemory>;

/** The watch state as kept between runs (src/config/watch-state.ts writes it). */
export interface WatchStateDocument {
  version: number;
  /** What the watch is about, in words (for a person opening the file). */
  watching: string;
  targets: WatchMemory;
  lastCheck: string | null;
}

export interface StockEvent {
  event: 'available' | 'unavailable';
  at: string;
  key: string;
  planCode: string;
  range: Range;
  name: string;
  fqn: string | null;
  hardware: { memory: string | null; storage: string | null; systemStorage: string | null };
  /** available: the preferred datacenter that has it; unavailable: null. */
  datacenter: string | null;
  /** available: its delivery delay (`1 h`); unavailable: null. */
  delivery: string | null;
  /** Every datacenter in stock under the rule, preferred first (empty when unavailable). */
  datacenters: DatacenterStock[];
  monthly: Money;
  setup: Money;
  /** unavailable: since when it had been available. */
  availableSince?: string;
}

/**
 * Events for the transitions between `memory` and `observations`, and the memory to keep. A target
 * never seen before counts as unavailable: stock at the first check is an `available` event, no
 * stock is silence. A target no longer watched is forgotten.
 */
export function transitions(
  targets: readonly WatchTarget[],
  memory: WatchMemory,
  observations: readonly TargetObservation[],
  at: Date,
): { events: StockEvent[]; memory: WatchMemory } {
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const events: StockEvent[] = [];
  const next: WatchMemory = {};
  for (const observation of observations) {
    const target = byKey.get(observation.key)!;
    const before = memory[observation.key];
    const available = observation.inStock.length > 0;
    const changed = (before?.available ?? false) !== available;
    next[observation.key] = {
      available,
      since: changed || !before ? at.toISOString() : before.since,
      datacenters: observation.inStock.map((d) => d.datacenter),
    };
    if (!changed) continue;
    const first = observation.inStock[0];
    events.push({
      event: available ? 'available' : 'unavailable',
      at: at.toISOString(),
      key: target.key,
      planCode: target.planCode,
      range: target.range,
      name: target.name,
      fqn: observation.fqn,
      hardware: {
        memory: target.hardware.memory?.product ?? null,
        storage: target.hardware.storage?.product ?? null,
        systemStorage: target.hardware.systemStorage?.product ?? null,
      },
      datacenter: first?.datacenter ?? null,
      delivery: first?.delay ?? null,
      datacenters: observation.inStock,
      monthly: target.monthly,
      setup: target.setup,
      ...(!available && before ? { availableSince: before.since } : {}),
    });
  }
  return { events, memory: next };
}

/**
 * The availability endpoint's own filters that cut the answer: `planCode` when one plan is watched
 * (the filter takes one value), `datacenters` when a preference list is given.
 */
export function stockQuery(targets: readonly WatchTarget[], rule: StockRule): { planCode?: string; datacenters?: string } {
  const plans = new Set(targets.map((t) => t.planCode));
  const query: { planCode?: string; datacenters?: string } = {};
  if (plans.size === 1) query.planCode = [...plans][0]!;
  if (rule.datacenters.length > 0) query.datacenters = rule.datacenters.map(normaliseDatacenter).join(',');
  return query;
}

/** What a watch remembers between runs, as its state file holds it (src/config/watch-state.ts). */
export interface WatchStateDocument {
  version: number;
  /** What the watch is about, in words (for a person opening the file). */
  watching: string;
  targets: WatchMemory;
  lastCheck: string | null;
}

/** The watch's state file, as the flow uses it (src/config/watch-state.ts opens one). */
export interface WatchStateFile {
  readonly path: string;
  load(): WatchStateDocument;
  save(document: WatchStateDocument): void;
}
