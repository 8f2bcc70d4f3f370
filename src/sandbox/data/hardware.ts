// Addon products (memory, disks, bandwidth, vRack, licences) are described by their names, the way
// OVH names them (`ram-64g-ecc-3200`, `hybridsoftraid-2x6000sa-2x512nvme`, `vrack-bandwidth-1000`).
// Parsing the name gives the catalog's description and `blobs.technical`, so the plan table only
// lists names.

export interface AddonProduct {
  name: string;
  description: string;
  /** `family` of the addon plan in public catalogs (`public-bandwidth`…), or null. */
  catalogFamily: string | null;
  blobs: Record<string, unknown> | null;
  kind: 'memory' | 'storage' | 'bandwidth' | 'vrack' | 'license';
  /** For the formatted catalog's specifications. */
  memory?: { size: number; ramType: string; frequency: number; ecc: boolean };
  disks?: Array<{ number: number; capacity: number; technology: 'SSD' | 'HDD'; interface: 'NVMe' | 'SATA' }>;
  raid?: string;
  level?: number;
}

export function describeAddonProduct(name: string): AddonProduct {
  if (name.startsWith('ram-')) return memoryProduct(name);
  if (/^(soft|hybridsoft|no|hard)raid-/.test(name)) return storageProduct(name);
  if (name.startsWith('vrack-bandwidth-')) return bandwidthProduct(name, 'vrack');
  if (name.startsWith('bandwidth-')) return bandwidthProduct(name, 'bandwidth');
  if (name.includes('license')) return licenseProduct(name);
  throw new Error(`Sandbox data: cannot describe addon product "${name}"`);
}

function memoryProduct(name: string): AddonProduct {
  const m = /^ram-(\d+)g-(ecc|noecc|on-die-ecc)-(\d+)$/.exec(name);
  if (!m) throw new Error(`Sandbox data: bad memory product name "${name}"`);
  const size = Number(m[1]);
  const frequency = Number(m[3]);
  const ecc = m[2] !== 'noecc';
  const ramType = frequency > 3200 ? 'DDR5' : 'DDR4';
  const memory = { ecc, frequency, ramType, size };
  return {
    name,
    description: `${size}GB ${ramType}${ecc ? ' ECC' : ''} ${frequency}MHz`,
    catalogFamily: null,
    blobs: { technical: { memory } },
    kind: 'memory',
    memory,
  };
}

function capacityText(gb: number): string {
  return gb >= 1000 ? `${Number((gb / 1000).toFixed(2))}TB` : `${gb}GB`;
}

function storageProduct(name: string): AddonProduct {
  const [raidPart, ...rest] = name.split('-');
  const diskParts = rest.filter((part) => /^\d+x\d+(nvme|ssd|sa|hdd)$/.test(part));
  if (diskParts.length === 0) throw new Error(`Sandbox data: bad storage product name "${name}"`);
  const disks = diskParts
    .map((part) => {
      const m = /^(\d+)x(\d+)(nvme|ssd|sa|hdd)$/.exec(part)!;
      const tech = m[3]!;
      const diskInterface: 'NVMe' | 'SATA' = tech === 'nvme' ? 'NVMe' : 'SATA';
      const technology: 'SSD' | 'HDD' = tech === 'nvme' || tech === 'ssd' ? 'SSD' : 'HDD';
      return {
        capacity: Number(m[2]),
        interface: diskInterface,
        number: Number(m[1]),
        specs: tech === 'nvme' ? 'M.2 80' : tech === 'ssd' ? '2.5in' : '3.5in',
        technology,
        usage: 'data',
      };
    })
    // SSDs first, as OVH lists hybrid arrays.
    .sort((a, b) => (a.technology === b.technology ? 0 : a.technology === 'SSD' ? -1 : 1));
  const raid = raidPart === 'noraid' ? 'No RAID' : raidPart === 'hardraid' ? 'Hard RAID' : 'Soft RAID';
  const text = disks.map((d) => `${d.number}x ${d.technology} ${d.interface} ${capacityText(d.capacity)} Enterprise Class`).join(' + ');
  return {
    name,
    description: `${text} ${raid}`,
    catalogFamily: null,
    blobs: { technical: { storage: { disks, hotSwap: false, raid, raidDetails: { type: raid } } } },
    kind: 'storage',
    disks: disks.map(({ number, capacity, technology, interface: iface }) => ({ number, capacity, technology, interface: iface })),
    raid,
  };
}

function speed(level: number): string {
  return level >= 1000 ? `${level / 1000}Gbps` : `${level}Mbps`;
}

function bandwidthProduct(name: string, kind: 'bandwidth' | 'vrack'): AddonProduct {
  const upto = /-upto-(\d+)$/.exec(name);
  const m = /(\d+)(-unguaranteed)?$/.exec(name.replace(/-upto-\d+$/, ''));
  if (!m) throw new Error(`Sandbox data: bad bandwidth product name "${name}"`);
  const level = Number(m[1]);
  const guaranteed = !m[2];
  const scope = kind === 'vrack' ? 'private' : 'public';
  const burst = upto ? `, up to ${speed(Number(upto[1]))}` : '';
  return {
    name,
    description: `${speed(level)} unmetered${guaranteed ? ' and guaranteed' : ''} ${scope} bandwidth${burst}`,
    catalogFamily: kind === 'vrack' ? 'private-bandwidth' : 'public-bandwidth',
    blobs: { technical: { [kind]: { burst: 0, guaranteed, level, limit: 0 } } },
    kind,
    level,
  };
}

function licenseProduct(name: string): AddonProduct {
  const windows = /^windows-server-(\d{4})-license-(standard|datacenter)-edition-(\d+)-cores$/.exec(name);
  if (windows) {
    const edition = windows[2] === 'standard' ? 'Standard' : 'Datacenter';
    return {
      name,
      description: `Windows Server ${windows[1]} ${edition} Edition - ${windows[3]} cores`,
      catalogFamily: `windows-${windows[3]}-cores`,
      blobs: null,
      kind: 'license',
    };
  }
  const cpanel = /^cpanel-license-premier-metal-(\d+)-accounts$/.exec(name);
  if (cpanel) {
    return { name, description: `cPanel Premier Metal - ${cpanel[1]} accounts`, catalogFamily: 'cpanel-metal', blobs: null, kind: 'license' };
  }
  throw new Error(`Sandbox data: unknown licence "${name}"`);
}
