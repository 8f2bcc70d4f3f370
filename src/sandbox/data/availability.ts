// `dedicated.DatacenterAvailability` records: one per plan and hardware combination (memory ×
// storage × system storage), with a delivery delay per datacenter. Delays are derived from a hash
// of the fqn, so they are stable across runs; a few facts are pinned for tests and demos:
//   - every plan's default hardware is `1H-high` in its first datacenter (gra on the EU API);
//   - RISE-1 default hardware is `unavailable` in lon and `1H-low` in rbx;
//   - KS-A (24ska01) is out of stock everywhere.
import type { AvailabilityQuery as ClientAvailabilityQuery } from '../../ovh/models/availability.js';
import type { OfferIndex, ResolvedPlan } from './offer-index.js';

export const DELAY_CODES = [
  '1H-high',
  '1H-low',
  '24H',
  '72H',
  '120H',
  '240H',
  '480H',
  '720H',
  '1440H',
  '2160H',
  'comingSoon',
  'unavailable',
  'unknown',
] as const;

const WEIGHTED: string[] = ['1H-high', '1H-high', '1H-low', '24H', '72H', '72H', '120H', '240H', 'unavailable', 'unavailable', '480H', 'comingSoon'];

const PINNED: Record<string, Record<string, string>> = {
  '24rise01.ram-32g-ecc-3200.softraid-2x512nvme': { gra: '1H-high', rbx: '1H-low', lon: 'unavailable', sbg: '72H' },
};

export interface AvailabilityRecord {
  fqn: string;
  memory: string;
  planCode: string;
  server: string;
  storage: string;
  systemStorage?: string;
  datacenters: Array<{ availability: string; datacenter: string }>;
}

/** Delivery delays that mean "can be ordered there" (`1H-high` … `2160H`). */
export function isAvailable(code: string | undefined): boolean {
  return code !== undefined && /^\d+H(-high|-low)?$/.test(code);
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function fqnOf(planCode: string, memory: string, storage: string): string {
  return `${planCode}.${memory}.${storage}`;
}

function delay(plan: ResolvedPlan, fqn: string, dc: string, isDefault: boolean): string {
  if (plan.spec?.outOfStock) return 'unavailable';
  const pinned = PINNED[fqn]?.[dc];
  if (pinned) return pinned;
  const first = plan.datacenters.includes('gra') ? 'gra' : plan.datacenters[0];
  if (isDefault && dc === first) return '1H-high';
  return WEIGHTED[hash(`${fqn}|${dc}`) % WEIGHTED.length]!;
}

const cache = new WeakMap<OfferIndex, AvailabilityRecord[]>();

function availabilityRecords(index: OfferIndex): AvailabilityRecord[] {
  const known = cache.get(index);
  if (known) return known;
  // Recorded records (data pack) are served as recorded; plans without any get derived ones.
  const records: AvailabilityRecord[] = index.recordedAvailabilities.map((r) => ({ ...r, datacenters: r.datacenters.map((d) => ({ ...d })) }));
  const recordedPlans = new Set(records.map((r) => r.planCode));
  for (const plan of index.allPlans()) {
    if (recordedPlans.has(plan.planCode)) continue;
    const family = (name: string) => plan.families.find((x) => x.name === name);
    // Availabilities name hardware by the addon's product (ram-32g-ecc-3200), never by its plan code.
    const products = (name: string) => [...new Set((family(name)?.addons ?? []).map((code) => index.addon(code)!.product.name))];
    const defaultProduct = (name: string) => {
      const code = family(name)?.default;
      return code ? index.addon(code)?.product.name : undefined;
    };
    const memories = products('memory');
    const storages = products('storage');
    const systems = products('system-storage');
    const defaultMemory = defaultProduct('memory') ?? memories[0];
    const defaultStorage = defaultProduct('storage') ?? storages[0];
    for (const memory of memories) {
      for (const storage of storages) {
        for (const system of systems.length > 0 ? systems : [undefined]) {
          const fqn = fqnOf(plan.planCode, memory, storage);
          const isDefault = memory === defaultMemory && storage === defaultStorage;
          const record: AvailabilityRecord = { fqn, memory, planCode: plan.planCode, server: plan.server, storage, datacenters: [] };
          if (system) record.systemStorage = system;
          record.datacenters = plan.datacenters.map((dc) => ({ availability: delay(plan, fqn, dc, isDefault), datacenter: dc }));
          records.push(record);
        }
      }
    }
  }
  cache.set(index, records);
  return records;
}

/** The call's query (the client's model), datacenters already split from their comma-separated form. */
export type AvailabilityQuery = Omit<ClientAvailabilityQuery, 'datacenters'> & { datacenters?: string[] };

export function queryAvailabilities(index: OfferIndex, q: AvailabilityQuery): AvailabilityRecord[] {
  const out: AvailabilityRecord[] = [];
  for (const r of availabilityRecords(index)) {
    if (q.planCode !== undefined && r.planCode !== q.planCode) continue;
    if (q.server !== undefined && r.server !== q.server) continue;
    if (q.memory !== undefined && r.memory !== q.memory) continue;
    if (q.storage !== undefined && r.storage !== q.storage) continue;
    if (q.systemStorage !== undefined && r.systemStorage !== q.systemStorage) continue;
    if (q.gpu !== undefined) continue; // no authored plan has a GPU
    let datacenters = r.datacenters;
    if (q.datacenters && q.datacenters.length > 0) {
      const wanted = new Set(q.datacenters);
      datacenters = datacenters.filter((d) => wanted.has(d.datacenter) !== (q.excludeDatacenters === true));
      if (datacenters.length === 0) continue;
    }
    out.push({ ...r, datacenters: datacenters.map((d) => ({ ...d })) });
  }
  return out;
}

/** The delay of one hardware combination in one datacenter (undefined when it is not sold there). */
export function availabilityIn(index: OfferIndex, fqn: string, systemStorage: string | undefined, datacenter: string): string | undefined {
  const record = availabilityRecords(index).find((r) => r.fqn === fqn && (systemStorage === undefined || r.systemStorage === systemStorage));
  return record?.datacenters.find((d) => d.datacenter === datacenter)?.availability;
}
