// The authored offer: one row per server plan. Everything the API serves about a plan (public and
// formatted catalogs, cart offers and options, required configuration, availability, checkout lines)
// is generated from this table. Prices are EUR cents; other currencies are converted at fixed rates.
import type { SandboxRegion } from '../types.js';
import type { AuthoredPromotion, ModeSetName } from './pricing.js';

/** Which catalog (and cart product) sells the plan. */
export type Range = 'eco' | 'baremetalServers' | 'dedicated';

export interface CpuSpec {
  brand: 'Intel' | 'AMD';
  model: string;
  cores: number;
  threads: number;
  frequency: number;
  boost: number;
  number: number;
  score: number;
}

interface FamilySpec {
  name: 'memory' | 'storage' | 'system-storage' | 'bandwidth' | 'vrack' | 'distribution-license' | 'application-license';
  mandatory: boolean;
  /** Addon product names with their monthly price in EUR cents; the first one is the default of a mandatory family. */
  addons: Array<[product: string, monthlyCents: number]>;
}

export interface PlanSpec {
  planCode: string;
  /** Product / server name (`server` in availabilities, `product` in catalogs). */
  server: string;
  range: Range;
  line: 'kimsufi' | 'soyoustart' | 'rise' | 'advance' | 'scale' | 'hgr' | 'game';
  name: string;
  cpu: CpuSpec;
  frameSize: string;
  /** EUR cents per month (`default` mode) and setup fee (`default` mode). */
  monthly: number;
  setup: number;
  modes: ModeSetName;
  /** Suffix of the plan's addon plan codes (`ram-32g-ecc-3200-24rise`). */
  addonSuffix: string;
  families: FamilySpec[];
  useCases: string;
  /** Datacenters per API when they differ from the region's default list. */
  datacenters?: Partial<Record<SandboxRegion, string[]>>;
  /** Dated promotions, as in the real catalogs: some ended long ago, one is running. */
  promotions?: AuthoredPromotion[];
  /** Adds the optional `enable-backup` label to the required configuration (ADVANCE, like the real 24adv01). */
  enableBackup?: boolean;
  /** No stock anywhere (every datacenter `unavailable`). */
  outOfStock?: boolean;
}

// Licences are shared by every plan (no plan suffix in their plan codes), so one price each.
/** RISE-1 and RISE-2 are sold with the same memory choices. */
const riseMemory: FamilySpec = {
  name: 'memory',
  mandatory: true,
  addons: [
    ['ram-32g-ecc-3200', 0],
    ['ram-64g-ecc-3200', 800],
    ['ram-128g-ecc-2933', 3000],
  ],
};

const licences: FamilySpec = {
  name: 'distribution-license',
  mandatory: false,
  addons: [
    ['windows-server-2022-license-standard-edition-8-cores', 2500],
    ['windows-server-2022-license-datacenter-edition-8-cores', 9900],
  ],
};
const cpanel: FamilySpec = {
  name: 'application-license',
  mandatory: false,
  addons: [
    ['cpanel-license-premier-metal-100-accounts', 4999],
    ['cpanel-license-premier-metal-200-accounts', 7999],
  ],
};

const NO_RBX: Partial<Record<SandboxRegion, string[]>> = { eu: ['bhs', 'fra', 'gra', 'lon', 'sbg', 'waw'] };

export const PLANS: PlanSpec[] = [
  // ---- eco: Kimsufi, So you Start, Rise -------------------------------------------------------
  {
    planCode: '24ska01',
    server: '24ska01',
    range: 'eco',
    line: 'kimsufi',
    name: 'KS-A',
    cpu: { brand: 'Intel', model: 'Core i7-6700K', cores: 4, threads: 8, frequency: 4, boost: 4.2, number: 1, score: 8000 },
    frameSize: '1U',
    monthly: 1199,
    setup: 1199,
    modes: 'kimsufi',
    addonSuffix: '24ska01',
    useCases: 'hosting',
    families: [
      { name: 'memory', mandatory: true, addons: [['ram-64g-noecc-2133', 0]] },
      { name: 'storage', mandatory: true, addons: [['softraid-1x480ssd', 0]] },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-300', 0]] },
    ],
    outOfStock: true,
  },
  {
    planCode: '24sk10',
    server: '24sk10',
    range: 'eco',
    line: 'kimsufi',
    name: 'KS-1',
    cpu: { brand: 'Intel', model: 'Xeon-D 1520', cores: 4, threads: 8, frequency: 2.2, boost: 2.6, number: 1, score: 3324 },
    frameSize: '1U',
    monthly: 1699,
    setup: 1699,
    modes: 'kimsufi',
    addonSuffix: '24sk10',
    useCases: 'email',
    families: [
      { name: 'memory', mandatory: true, addons: [['ram-32g-ecc-2133', 0]] },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x480ssd', 0],
          ['softraid-2x2000sa', 0],
        ],
      },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-300', 0]] },
      licences,
    ],
  },
  {
    planCode: '24sk30',
    server: '24sk30',
    range: 'eco',
    line: 'kimsufi',
    name: 'KS-3',
    cpu: { brand: 'Intel', model: 'Xeon-E3 1245 v5', cores: 4, threads: 8, frequency: 3.5, boost: 3.9, number: 1, score: 5820 },
    frameSize: '1U',
    monthly: 1899,
    setup: 1899,
    modes: 'kimsufi',
    addonSuffix: '24sk30',
    useCases: 'hosting,email',
    families: [
      { name: 'memory', mandatory: true, addons: [['ram-32g-ecc-2133', 0]] },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x480ssd', 0],
          ['softraid-2x2000sa', 0],
        ],
      },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-300', 0]] },
    ],
  },
  {
    planCode: '24skstor01',
    server: '24skstor01',
    range: 'eco',
    line: 'kimsufi',
    name: 'KS-STOR',
    cpu: { brand: 'Intel', model: 'Xeon-D 1521', cores: 4, threads: 8, frequency: 2.4, boost: 2.7, number: 1, score: 3400 },
    frameSize: '1U',
    monthly: 3999,
    setup: 3999,
    modes: 'kimsufi',
    addonSuffix: '24skstor',
    useCases: 'bdd',
    families: [
      { name: 'memory', mandatory: true, addons: [['ram-16g-ecc-2133', 0]] },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['hybridsoftraid-4x4000sa-1x500nvme', 0],
          ['hybridsoftraid-4x6000sa-1x500nvme', 1000],
        ],
      },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-300', 0]] },
    ],
  },
  {
    planCode: '24sys01',
    server: '24sys01',
    range: 'eco',
    line: 'soyoustart',
    name: 'SYS-1',
    cpu: { brand: 'Intel', model: 'Xeon-E 2136', cores: 6, threads: 12, frequency: 3.3, boost: 4.5, number: 1, score: 11500 },
    frameSize: '1U',
    monthly: 2999,
    setup: 2999,
    modes: 'kimsufi',
    addonSuffix: '24sys',
    useCases: 'hosting,email,dev-env',
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-32g-ecc-2666', 0],
          ['ram-64g-ecc-2666', 1000],
          ['ram-128g-ecc-2666', 3000],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x512nvme', 0],
          ['softraid-2x4000sa', 500],
          ['softraid-2x1920nvme', 2000],
          ['hybridsoftraid-2x4000sa-2x512nvme', 1500],
        ],
      },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-500', 0],
          ['bandwidth-1000', 1000],
        ],
      },
      {
        name: 'vrack',
        mandatory: true,
        addons: [
          ['vrack-bandwidth-500', 0],
          ['vrack-bandwidth-1000', 500],
        ],
      },
      licences,
    ],
  },
  {
    planCode: '24rise01',
    server: '24rise01',
    range: 'eco',
    line: 'rise',
    name: 'RISE-1',
    cpu: { brand: 'Intel', model: 'Xeon-E 2386G', cores: 6, threads: 12, frequency: 3.5, boost: 4.7, number: 1, score: 13976 },
    frameSize: '0.5U',
    monthly: 5699,
    setup: 5699,
    modes: 'rise',
    addonSuffix: '24rise',
    useCases: 'hosting,confidential-computing,dev-env,email,bdd',
    promotions: [
      // Running now (dates counted from today): the setup fee of the monthly mode is waived.
      {
        name: 'FLASHSALE_WW_RISE_1_3_AND_GAME_T1',
        description: 'Flash sale: setup fees offered on RISE-1',
        capacity: 'installation',
        modes: ['default'],
        percent: 100,
        window: 'current',
      },
      // Ended (like the real 2022 winter sale still listed in the recorded catalog): never applied.
      {
        name: 'WS22_Rise_12M',
        description: 'Winter sale offer: 15% off for 12 months commitment',
        capacity: 'renew',
        modes: ['degressivity12'],
        percent: 15,
        window: { startDate: '2022-01-12T00:00:00+01:00', endDate: '2022-02-08T15:00:00+01:00' },
      },
    ],
    families: [
      riseMemory,
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x512nvme', 0],
          ['softraid-2x960nvme', 1000],
          ['softraid-2x1920nvme', 2500],
          ['softraid-2x4000sa', 1000],
          ['hybridsoftraid-2x6000sa-2x512nvme', 3000],
        ],
      },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-1000-unguaranteed', 0]] },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-1000', 0]] },
      licences,
      cpanel,
    ],
  },
  {
    planCode: '24rise02',
    server: '24rise02',
    range: 'eco',
    line: 'rise',
    name: 'RISE-2',
    cpu: { brand: 'Intel', model: 'Xeon-E 2388G', cores: 8, threads: 16, frequency: 3.2, boost: 5.1, number: 1, score: 16290 },
    frameSize: '0.5U',
    monthly: 6499,
    setup: 6499,
    modes: 'rise',
    addonSuffix: '24rise',
    useCases: 'hosting,dev-env,bdd',
    families: [
      riseMemory,
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x512nvme', 0],
          ['softraid-2x960nvme', 1000],
          ['softraid-2x1920nvme', 2500],
          ['softraid-2x4000sa', 1000],
        ],
      },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-1000-unguaranteed', 0],
          ['bandwidth-2000', 5000],
        ],
      },
      {
        name: 'vrack',
        mandatory: true,
        addons: [
          ['vrack-bandwidth-1000', 0],
          ['vrack-bandwidth-2000', 2000],
        ],
      },
      licences,
    ],
  },
  {
    planCode: '24risegame01',
    server: '24risegame01',
    range: 'eco',
    line: 'game',
    name: 'RISE-GAME-1',
    cpu: { brand: 'AMD', model: 'Ryzen 5 5600X', cores: 6, threads: 12, frequency: 3.7, boost: 4.6, number: 1, score: 21900 },
    frameSize: '0.5U',
    monthly: 6499,
    setup: 6499,
    modes: 'rise',
    addonSuffix: '24risegame',
    useCases: 'gaming',
    datacenters: NO_RBX,
    // Ended, as the real GAME-1's in the recorded 2022 catalog: the setup fee is charged.
    promotions: [
      {
        name: 'WS22_Game_Setup_fees',
        description: 'Winter sale offer : Setup fees offered on Game servers',
        capacity: 'installation',
        modes: ['default'],
        percent: 100,
        window: { startDate: '2022-01-12T00:00:00+01:00', endDate: '2022-02-08T15:00:00+01:00' },
      },
    ],
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-32g-ecc-2400', 0],
          ['ram-64g-ecc-2400', 1000],
        ],
      },
      { name: 'storage', mandatory: true, addons: [['softraid-2x512nvme', 0]] },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-1000', 0]] },
    ],
  },
  // ---- baremetalServers: Advance, Scale --------------------------------------------------------
  {
    planCode: '24adv01',
    server: '24adv01',
    range: 'baremetalServers',
    line: 'advance',
    name: 'ADVANCE-1',
    cpu: { brand: 'AMD', model: 'EPYC 4244P', cores: 6, threads: 12, frequency: 3.8, boost: 5.1, number: 1, score: 25000 },
    frameSize: '1U',
    monthly: 8999,
    setup: 8999,
    modes: 'advance',
    addonSuffix: 'adv01-24',
    useCases: 'hosting,dev-env,bdd',
    enableBackup: true,
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-32g-ecc-5200', 0],
          ['ram-64g-ecc-5200', 1500],
          ['ram-128g-ecc-5200', 4500],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x960nvme', 0],
          ['softraid-2x1920nvme', 1500],
          ['softraid-2x4000sa', 1000],
          ['hybridsoftraid-2x6000sa-2x960nvme', 3500],
        ],
      },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-1000', 0],
          ['bandwidth-5000', 9000],
        ],
      },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-25000', 0]] },
      licences,
      cpanel,
    ],
  },
  {
    planCode: '24adv02',
    server: '24adv02',
    range: 'baremetalServers',
    line: 'advance',
    name: 'ADVANCE-2',
    cpu: { brand: 'AMD', model: 'EPYC 4344P', cores: 8, threads: 16, frequency: 3.8, boost: 5.3, number: 1, score: 32000 },
    frameSize: '1U',
    monthly: 11999,
    setup: 11999,
    modes: 'advance',
    addonSuffix: 'adv02-24',
    useCases: 'hosting,virtualization,bdd',
    enableBackup: true,
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-64g-ecc-5200', 0],
          ['ram-128g-ecc-5200', 3000],
          ['ram-192g-ecc-5200', 6000],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x960nvme', 0],
          ['softraid-2x1920nvme', 1500],
          ['softraid-3x1920nvme', 3000],
        ],
      },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-1000', 0],
          ['bandwidth-5000', 9000],
        ],
      },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-25000', 0]] },
      licences,
    ],
  },
  {
    planCode: '24scale01',
    server: '24scale01',
    range: 'baremetalServers',
    line: 'scale',
    name: 'SCALE-a1',
    cpu: { brand: 'AMD', model: 'EPYC GENOA 9124', cores: 16, threads: 32, frequency: 3, boost: 3.7, number: 1, score: 45000 },
    frameSize: '1U',
    monthly: 32999,
    setup: 19999,
    modes: 'scale',
    addonSuffix: 'scale01-24',
    useCases: 'virtualization,bdd,big-data',
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-128g-ecc-4800', 0],
          ['ram-256g-ecc-4800', 9000],
          ['ram-512g-ecc-4800', 27000],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x960nvme', 0],
          ['softraid-2x1920nvme', 3000],
          ['softraid-4x1920nvme', 9000],
        ],
      },
      { name: 'system-storage', mandatory: true, addons: [['softraid-2x480ssd', 0]] },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-1000-upto-2000', 0],
          ['bandwidth-5000-upto-10000', 20000],
        ],
      },
      {
        name: 'vrack',
        mandatory: true,
        addons: [
          ['vrack-bandwidth-6000-upto-12000', 0],
          ['vrack-bandwidth-12000-upto-24000', 15000],
        ],
      },
      licences,
    ],
  },
  {
    planCode: '24scale02',
    server: '24scale02',
    range: 'baremetalServers',
    line: 'scale',
    name: 'SCALE-a2',
    cpu: { brand: 'AMD', model: 'EPYC GENOA 9254', cores: 24, threads: 48, frequency: 2.9, boost: 4.15, number: 1, score: 60000 },
    frameSize: '1U',
    monthly: 42999,
    setup: 19999,
    modes: 'scale',
    addonSuffix: 'scale02-24',
    useCases: 'virtualization,bdd,big-data',
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-128g-ecc-4800', 0],
          ['ram-256g-ecc-4800', 9000],
          ['ram-512g-ecc-4800', 27000],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-2x1920nvme', 0],
          ['softraid-4x1920nvme', 6000],
        ],
      },
      { name: 'system-storage', mandatory: true, addons: [['softraid-2x480ssd', 0]] },
      {
        name: 'bandwidth',
        mandatory: true,
        addons: [
          ['bandwidth-1000-upto-2000', 0],
          ['bandwidth-5000-upto-10000', 20000],
        ],
      },
      {
        name: 'vrack',
        mandatory: true,
        addons: [
          ['vrack-bandwidth-6000-upto-12000', 0],
          ['vrack-bandwidth-12000-upto-24000', 15000],
        ],
      },
    ],
  },
  // ---- dedicated (formatted catalog): High Grade ------------------------------------------------
  {
    planCode: '24hgrhci01',
    server: '24hgrhci01',
    range: 'dedicated',
    line: 'hgr',
    name: 'HGR-HCI-i1',
    cpu: { brand: 'Intel', model: 'Xeon Gold 6526Y', cores: 32, threads: 64, frequency: 2.8, boost: 3.9, number: 2, score: 70000 },
    frameSize: '2U',
    monthly: 59999,
    setup: 49999,
    modes: 'advance',
    addonSuffix: 'hgr-24',
    useCases: 'virtualization,hci',
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-256g-ecc-5600', 0],
          ['ram-512g-ecc-5600', 18000],
        ],
      },
      {
        name: 'storage',
        mandatory: true,
        addons: [
          ['softraid-4x3840nvme', 0],
          ['softraid-6x3840nvme', 12000],
        ],
      },
      { name: 'system-storage', mandatory: true, addons: [['softraid-2x480ssd', 0]] },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-1000-upto-2000', 0]] },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-25000', 0]] },
    ],
  },
  {
    planCode: '24hgrsds01',
    server: '24hgrsds01',
    range: 'dedicated',
    line: 'hgr',
    name: 'HGR-SDS-1',
    cpu: { brand: 'Intel', model: 'Xeon Gold 6542Y', cores: 48, threads: 96, frequency: 2.9, boost: 4.1, number: 2, score: 90000 },
    frameSize: '2U',
    monthly: 74999,
    setup: 49999,
    modes: 'advance',
    addonSuffix: 'hgr-24',
    useCases: 'storage,sds',
    families: [
      {
        name: 'memory',
        mandatory: true,
        addons: [
          ['ram-256g-ecc-5600', 0],
          ['ram-512g-ecc-5600', 18000],
        ],
      },
      { name: 'storage', mandatory: true, addons: [['softraid-12x7680nvme', 0]] },
      { name: 'system-storage', mandatory: true, addons: [['softraid-2x480ssd', 0]] },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-1000-upto-2000', 0]] },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-25000', 0]] },
    ],
  },
  {
    planCode: '24hgrstor01',
    server: '24hgrstor01',
    range: 'dedicated',
    line: 'hgr',
    name: 'HGR-STOR-1',
    cpu: { brand: 'AMD', model: 'EPYC 9124', cores: 16, threads: 32, frequency: 3, boost: 3.7, number: 1, score: 45000 },
    frameSize: '4U',
    monthly: 54999,
    setup: 29999,
    modes: 'advance',
    addonSuffix: 'hgr-24',
    useCases: 'storage,backup',
    families: [
      { name: 'memory', mandatory: true, addons: [['ram-128g-ecc-4800', 0]] },
      { name: 'storage', mandatory: true, addons: [['hybridsoftraid-24x22000sa-2x960nvme', 0]] },
      { name: 'system-storage', mandatory: true, addons: [['softraid-2x480ssd', 0]] },
      { name: 'bandwidth', mandatory: true, addons: [['bandwidth-1000-upto-2000', 0]] },
      { name: 'vrack', mandatory: true, addons: [['vrack-bandwidth-25000', 0]] },
    ],
  },
];

/**
 * An addon's plan code, named as OVH names them. Eco (2025 catalog): the product and the range,
 * `ram-32g-ecc-3200-24rise`. Bare metal (2022 catalog): memory by size and range only, `-inc` for
 * the included default, so the code is NOT the stock name: `ram-32g-adv-gen2-inc` is the product
 * `ram-32g-ecc-3200`; only the public catalog's `addons[].product` joins one to the other.
 */
export function addonPlanCode(plan: PlanSpec, product: string, includedDefault: boolean): string {
  if (product.includes('license')) return product;
  const memory = plan.range === 'eco' ? null : /^ram-(\d+)g-/.exec(product);
  if (memory) return `ram-${memory[1]}g-${plan.addonSuffix}${includedDefault ? '-inc' : ''}`;
  return `${product}-${plan.addonSuffix}`;
}

/** `RISE-1 | Intel Xeon-E 2386G`, `HGR-SDS-1 | 2x Intel Xeon Gold 6542Y`. */
export function cpuText(cpu: CpuSpec): string {
  return `${cpu.number > 1 ? `${cpu.number}x ` : ''}${cpu.brand} ${cpu.model}`;
}

export function invoiceNameOf(plan: PlanSpec): string {
  return `${plan.name} | ${cpuText(plan.cpu)}`;
}
