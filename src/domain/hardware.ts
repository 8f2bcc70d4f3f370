// Hardware descriptions shared by the catalog normalisers: CPU, disks, storage summaries.
import type { Cpu, Disk, Storage } from './offer-model.js';

interface CpuLike {
  brand?: string | null;
  model?: string | null;
  cores?: number | null;
  threads?: number | null;
  frequency?: number | null;
  boost?: number | null;
  number?: number | null;
}

/** A Cpu from a catalog blob; null when it names neither brand nor model. */
export function cpuFromBlob(cpu: CpuLike | null | undefined): Cpu | null {
  if (!cpu || (!cpu.brand && !cpu.model)) return null;
  return {
    brand: cpu.brand ?? '',
    model: cpu.model ?? '',
    cores: cpu.cores ?? null,
    threads: cpu.threads ?? null,
    frequencyGhz: cpu.frequency ?? null,
    boostGhz: cpu.boost ?? null,
    count: cpu.number && cpu.number > 0 ? cpu.number : 1,
  };
}

/** Total cores of the machine (cores × sockets), 0 when unknown: for sorting. */
export function totalCores(cpu: Cpu | null): number {
  return cpu?.cores ? cpu.cores * cpu.count : 0;
}

/** `NVMe` for an NVMe interface, else `SSD`/`HDD` from the technology, else the catalog's word. */
export function diskKind(technology: string | null | undefined, diskInterface: string | null | undefined): string {
  const tech = (technology ?? '').toLowerCase();
  const itf = (diskInterface ?? '').toLowerCase();
  if (itf === 'nvme' || tech.includes('nvme')) return 'NVMe';
  if (tech.includes('ssd')) return 'SSD';
  if (tech.includes('hdd')) return 'HDD';
  return technology || diskInterface || 'disk';
}

/** 512 → `512 GB`, 2000 → `2 TB`, 1920 → `1.92 TB`. */
function formatCapacity(gb: number): string {
  if (gb >= 1000) return `${Number((gb / 1000).toFixed(2))} TB`;
  return `${gb} GB`;
}

/** `2× 512 GB NVMe + 2× 6 TB HDD`. */
function describeDisks(disks: readonly Disk[]): string {
  return disks.map((d) => `${d.count}× ${formatCapacity(d.capacityGb)} ${d.kind}`).join(' + ');
}

interface DiskBlobLike {
  capacity: number;
  number?: number | null;
  technology?: string | null;
  interface?: string | null;
}

/** Storage from a catalog storage blob; null when it has no disks. */
export function storageFromBlob(storage: { raid?: string | null; disks?: readonly DiskBlobLike[] | null } | null | undefined): Storage | null {
  const disks: Disk[] = (storage?.disks ?? []).map((d) => ({
    count: d.number && d.number > 0 ? d.number : 1,
    capacityGb: d.capacity,
    kind: diskKind(d.technology, d.interface),
  }));
  return storageFromDisks(disks, storage?.raid ?? null);
}

export function storageFromDisks(disks: readonly Disk[], raid: string | null): Storage | null {
  if (disks.length === 0) return null;
  return {
    summary: describeDisks(disks),
    totalGb: disks.reduce((sum, d) => sum + d.count * d.capacityGb, 0),
    raid,
    disks: [...disks],
  };
}

/** Data storage plus system storage (SCALE/HGR servers have a separate system pair). */
export function combineStorage(data: Storage | null, system: Storage | null): Storage | null {
  if (!system) return data;
  if (!data) return { ...system, summary: `${system.summary} (system)` };
  return {
    summary: `${data.summary} + ${system.summary} (system)`,
    totalGb: data.totalGb + system.totalGb,
    raid: data.raid,
    disks: [...data.disks, ...system.disks],
  };
}

/** RAM size read from a memory plan code when no blob says it: `ram-32g-ecc-2133-24sk10` → 32. */
export function ramGbFromCode(code: string): number | null {
  const match = /(?:^|-)ram-(\d+)g/.exec(`-${code}`);
  return match?.[1] ? Number(match[1]) : null;
}
