// Small authored catalogs for the domain tests: shaped like the API's, with round numbers so the
// expected values can be worked out by hand.
import { PublicCatalogSchema, FormattedDedicatedCatalogSchema, type PublicCatalog, type FormattedDedicatedCatalog } from '../../src/ovh/models/catalog.js';

const EUR = 100_000_000; // micro-cents per euro

type Capacity = 'installation' | 'renew';

export function pricing(mode: string, capacity: Capacity, euros: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const upfront = /^upfront(\d+)$/.exec(mode);
  const degressive = /^degressivity(\d+)$/.exec(mode);
  const months = upfront ? Number(upfront[1]) : 1;
  const commitment = upfront ? Number(upfront[1]) : degressive ? Number(degressive[1]) : 0;
  return {
    capacities: [capacity],
    commitment: capacity === 'renew' ? commitment : 0,
    description: capacity === 'renew' ? `rental for ${months} month` : 'rental (only applicable for 1 time)',
    engagementConfiguration:
      capacity === 'renew' && commitment > 0
        ? { defaultEndAction: 'REACTIVATE_ENGAGEMENT', duration: `P${commitment}M`, type: upfront ? 'upfront' : 'periodic' }
        : null,
    interval: capacity === 'renew' ? months : 0,
    intervalUnit: capacity === 'renew' ? 'month' : 'none',
    mode,
    mustBeCompleted: false,
    phase: capacity === 'renew' ? 1 : 0,
    price: Math.round(euros * EUR),
    promotions: [],
    quantity: { min: 1, max: 3 },
    repeat: { min: 1, max: capacity === 'renew' ? null : 1 },
    strategy: 'tiered',
    tax: Math.round(euros * EUR * 0.2),
    type: 'rental',
    ...extra,
  };
}

/** Setup + renew pricings for each mode: `{ default: [setup, period], upfront12: [0, 108] }`. */
function pricings(modes: Record<string, [number, number]>): Record<string, unknown>[] {
  return Object.entries(modes).flatMap(([mode, [setup, period]]) => [pricing(mode, 'installation', setup), pricing(mode, 'renew', period)]);
}

function addon(planCode: string, product: string, invoiceName: string, modes: Record<string, [number, number]>): Record<string, unknown> {
  return { planCode, product, invoiceName, family: null, pricingType: 'rental', pricings: pricings(modes), configurations: [], addonFamilies: [], blobs: null };
}

const datacenterConfigurations = (datacenters: string[]) => [
  { name: 'dedicated_datacenter', isCustom: false, isMandatory: false, values: datacenters },
  { name: 'dedicated_os', isCustom: false, isMandatory: true, values: ['none_64.en'] },
  { name: 'region', isCustom: false, isMandatory: true, values: ['canada', 'europe'] },
];

export const authoredEcoDocument = {
  catalogId: 1,
  locale: { currencyCode: 'EUR', subsidiary: 'FR', taxRate: 20 },
  planFamilies: [{ name: 'memory' }],
  plans: [
    {
      planCode: 'ks-a',
      invoiceName: 'KS-A | Intel Xeon-D 1520',
      product: 'ks-a',
      family: null,
      pricingType: 'rental',
      pricings: pricings({ default: [10, 10], degressivity12: [0, 9.5], upfront12: [0, 108] }),
      configurations: datacenterConfigurations(['bhs', 'gra', 'rbx']),
      addonFamilies: [
        { name: 'memory', mandatory: true, exclusive: true, default: 'ram-16g-ks-a', addons: ['ram-16g-ks-a', 'ram-32g-ks-a'] },
        { name: 'storage', mandatory: true, exclusive: true, default: 'softraid-2x500ssd-ks-a', addons: ['softraid-2x500ssd-ks-a', 'softraid-2x2000sa-ks-a'] },
        // The catalog names a default it does not define.
        { name: 'bandwidth', mandatory: true, exclusive: true, default: 'bandwidth-100-ks', addons: ['bandwidth-100-ks'] },
        { name: 'application-license', mandatory: false, exclusive: false, default: null, addons: ['plesk-webadmin', 'plesk-webpro'] },
      ],
      blobs: { commercial: { features: [{ name: 'usecases', value: 'email' }] } },
      consumptionConfiguration: null,
    },
    {
      planCode: 'rise-b',
      invoiceName: 'RISE-B | AMD Ryzen 5 5600X',
      product: 'rise-b',
      family: null,
      pricingType: 'rental',
      pricings: [
        pricing('default', 'installation', 50, {
          promotions: [
            {
              name: 'FREE_SETUP',
              description: 'Setup fees offered',
              total: { value: 0, tax: 0 },
              discount: { value: 50 * EUR, tax: 10 * EUR },
              type: 'percentage',
              value: 100,
              duration: null,
              endDate: '2030-01-01T00:00:00+01:00',
            },
          ],
        }),
        pricing('default', 'renew', 50),
        pricing('upfront12', 'installation', 0),
        pricing('upfront12', 'renew', 540),
      ],
      configurations: datacenterConfigurations(['gra', 'waw']),
      addonFamilies: [
        // No default: the cheapest priced option for the chosen mode is picked.
        { name: 'memory', mandatory: true, exclusive: true, default: null, addons: ['ram-64g-rise-b', 'ram-32g-rise-b'] },
        { name: 'storage', mandatory: true, exclusive: true, default: 'softraid-2x512nvme-rise-b', addons: ['softraid-2x512nvme-rise-b'] },
        // Mandatory but empty in the catalog.
        { name: 'vrack', mandatory: true, exclusive: true, default: null, addons: [] },
      ],
      blobs: { commercial: { range: 'rise' } },
      consumptionConfiguration: null,
    },
  ],
  addons: [
    addon('ram-16g-ks-a', 'ram-16g-ecc-2133', '16GB DDR4 ECC', { default: [0, 0], degressivity12: [0, 0], upfront12: [0, 0] }),
    addon('ram-32g-ks-a', 'ram-32g-ecc-2133', '32GB DDR4 ECC', { default: [0, 5], degressivity12: [0, 4], upfront12: [0, 48] }),
    addon('softraid-2x500ssd-ks-a', 'softraid-2x500ssd', '2x 500GB SSD', { default: [0, 0], degressivity12: [0, 0], upfront12: [0, 0] }),
    addon('softraid-2x2000sa-ks-a', 'softraid-2x2000sa', '2x 2TB HDD', { default: [0, 3], degressivity12: [0, 3], upfront12: [0, 36] }),
    addon('ram-64g-rise-b', 'ram-64g-ecc-3200', '64GB DDR4 ECC', { default: [0, 5], upfront12: [0, 60] }),
    addon('ram-32g-rise-b', 'ram-32g-ecc-3200', '32GB DDR4 ECC', { default: [0, 0], upfront12: [0, 0] }),
    addon('softraid-2x512nvme-rise-b', 'softraid-2x512nvme', '2x 512GB NVMe', { default: [0, 0], upfront12: [0, 0] }),
  ],
  products: [
    {
      name: 'ks-a',
      description: 'Intel Xeon-D 1520',
      blobs: {
        technical: { server: { cpu: { brand: 'Intel', model: 'Xeon-D 1520', cores: 4, threads: 8, frequency: 2.2, boost: 2.6, number: 1 }, range: 'kimsufi' } },
      },
      configurations: [{ name: 'extra_reservation', isCustom: true, isMandatory: false, values: null }],
    },
    {
      name: 'rise-b',
      description: 'AMD Ryzen 5 5600X',
      blobs: { technical: { server: { cpu: { brand: 'AMD', model: 'Ryzen 5 5600X', cores: 6, threads: 12, frequency: 3.7, number: 2 }, range: 'eco' } } },
      configurations: [],
    },
    { name: 'ram-16g-ecc-2133', description: '16GB', blobs: { technical: { memory: { size: 16, ramType: 'DDR4', ecc: true, frequency: 2133 } } } },
    { name: 'ram-32g-ecc-2133', description: '32GB', blobs: { technical: { memory: { size: 32, ramType: 'DDR4', ecc: true, frequency: 2133 } } } },
    { name: 'ram-64g-ecc-3200', description: '64GB', blobs: { technical: { memory: { size: 64 } } } },
    { name: 'ram-32g-ecc-3200', description: '32GB', blobs: { technical: { memory: { size: 32 } } } },
    {
      name: 'softraid-2x500ssd',
      description: '2x SSD',
      blobs: { technical: { storage: { raid: 'Soft RAID', disks: [{ capacity: 500, number: 2, technology: 'SSD', interface: 'SATA' }] } } },
    },
    {
      name: 'softraid-2x2000sa',
      description: '2x HDD',
      blobs: { technical: { storage: { raid: 'Soft RAID', disks: [{ capacity: 2000, number: 2, technology: 'HDD', interface: 'SATA' }] } } },
    },
    {
      name: 'softraid-2x512nvme',
      description: '2x NVMe',
      blobs: { technical: { storage: { raid: 'Soft RAID', disks: [{ capacity: 512, number: 2, technology: 'SSD', interface: 'NVMe' }] } } },
    },
  ],
};

export function authoredEcoCatalog(): PublicCatalog {
  return PublicCatalogSchema.parse(structuredClone(authoredEcoDocument));
}

const price = (value: number, currencyCode = 'USD') => ({ currencyCode, value, text: `$${value.toFixed(2)}`, priceInUcents: Math.round(value * EUR) });

export const authoredFormattedDocument = {
  families: [{ name: 'advance', products: ['adv-1'] }],
  metadatas: { catalog: 42, currency: { code: 'USD', symbol: '$', description: 'US dollar' }, datacenters: ['vin', 'hil'], merchant: 'US', timestamp: 1 },
  products: [
    {
      code: 'adv-1',
      family: 'advance',
      invoiceName: 'Advance-1',
      datacenters: ['vin1', 'hil1'],
      prices: { default: { installation: price(0), renew: price(89.99) } },
      specifications: {
        cpu: { brand: 'AMD', model: 'EPYC 4244P', cores: 6, threads: 12, frequency: 3.8, boost: 5.1 },
        disks: [{ number: 2, size: 960, type: 'SSD NVMe', raid: 'soft' }],
        memory: { size: 32, type: 'DDR5', planCode: 'ram-32g-adv' },
        network: { outgoing: 1000, privateBandwidth: 500, failover: 16, internal: 1000, ip: 1, private: 1 },
      },
      addonsFamily: [
        {
          family: 'memory',
          addons: [
            { code: 'ram-32g-adv', name: '32 GB', price: price(0) },
            { code: 'ram-64g-adv', name: '64 GB', price: price(20) },
          ],
        },
      ],
      derivatives: null,
      compatibilities: null,
    },
  ],
  techDetails: [{ type: 'server', plans: [{ code: 'adv-1', specificities: [{ key: 'bandwidth', value: 1000 }] }] }],
};

export function authoredFormattedCatalog(): FormattedDedicatedCatalog {
  return FormattedDedicatedCatalogSchema.parse(structuredClone(authoredFormattedDocument));
}

export const euros = (n: number) => ({ micros: Math.round(n * EUR), currency: 'EUR' });
