// The three OVH APIs the sandbox can play, their subsidiaries, currencies, tax rates and datacenters.
// Subsidiary enums are the APIs' own (`nichandle.OvhSubsidiaryEnum` of each order.json); only the
// subsidiaries in SUBSIDIARIES have authored catalogs: every one the API serves (ovh-api.md §5). Prices are authored in EUR and converted with
// the fixed rates below (no market data: a sandbox must be deterministic).
import type { SandboxRegion } from '../types.js';

export interface Subsidiary {
  code: string;
  region: SandboxRegion;
  currency: 'EUR' | 'GBP' | 'PLN' | 'CAD' | 'USD' | 'CZK' | 'MAD' | 'XOF' | 'TND' | 'AUD' | 'INR' | 'SGD';
  symbol: string;
  /** Percent, as in the catalogs' `locale.taxRate`. */
  taxRate: number;
  /** Units of `currency` per EUR. */
  rate: number;
  /** How `order.Price.text` is written for this subsidiary. */
  pattern: 'suffix' | 'prefix' | 'prefix-space';
  language: 'fr' | 'en';
  locale: string;
  country: string;
  /** Website used in order URLs. */
  site: string;
}

const S = (s: Subsidiary): Subsidiary => s;

export const SUBSIDIARIES: Record<string, Subsidiary> = {
  FR: S({
    code: 'FR',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 20,
    rate: 1,
    pattern: 'suffix',
    language: 'fr',
    locale: 'fr_FR',
    country: 'FR',
    site: 'www.ovh.com',
  }),
  GB: S({
    code: 'GB',
    region: 'eu',
    currency: 'GBP',
    symbol: '£',
    taxRate: 20,
    rate: 0.86,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_GB',
    country: 'GB',
    site: 'www.ovh.co.uk',
  }),
  DE: S({
    code: 'DE',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 19,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'de_DE',
    country: 'DE',
    site: 'www.ovh.de',
  }),
  ES: S({
    code: 'ES',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 21,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'es_ES',
    country: 'ES',
    site: 'www.ovh.es',
  }),
  IE: S({
    code: 'IE',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 23,
    rate: 1,
    pattern: 'prefix-space',
    language: 'en',
    locale: 'en_IE',
    country: 'IE',
    site: 'www.ovh.ie',
  }),
  IT: S({
    code: 'IT',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 22,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'it_IT',
    country: 'IT',
    site: 'www.ovh.it',
  }),
  NL: S({
    code: 'NL',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 21,
    rate: 1,
    pattern: 'prefix-space',
    language: 'en',
    locale: 'nl_NL',
    country: 'NL',
    site: 'www.ovh.nl',
  }),
  PL: S({
    code: 'PL',
    region: 'eu',
    currency: 'PLN',
    symbol: 'zł',
    taxRate: 23,
    rate: 4.3,
    pattern: 'suffix',
    language: 'en',
    locale: 'pl_PL',
    country: 'PL',
    site: 'www.ovh.pl',
  }),
  // The rest of what ovh-eu serves (ovh-api.md §5): national VAT rates and fixed rates, sandbox choices.
  CZ: S({
    code: 'CZ',
    region: 'eu',
    currency: 'CZK',
    symbol: 'Kč',
    taxRate: 21,
    rate: 25,
    pattern: 'suffix',
    language: 'en',
    locale: 'cs_CZ',
    country: 'CZ',
    site: 'www.ovh.cz',
  }),
  FI: S({
    code: 'FI',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 24,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'fi_FI',
    country: 'FI',
    site: 'www.ovh-hosting.fi',
  }),
  LT: S({
    code: 'LT',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 21,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'lt_LT',
    country: 'LT',
    site: 'www.ovh.lt',
  }),
  MA: S({
    code: 'MA',
    region: 'eu',
    currency: 'MAD',
    symbol: 'DH',
    taxRate: 20,
    rate: 10.8,
    pattern: 'suffix',
    language: 'fr',
    locale: 'fr_MA',
    country: 'MA',
    site: 'www.ovh.ma',
  }),
  PT: S({
    code: 'PT',
    region: 'eu',
    currency: 'EUR',
    symbol: '€',
    taxRate: 23,
    rate: 1,
    pattern: 'suffix',
    language: 'en',
    locale: 'pt_PT',
    country: 'PT',
    site: 'www.ovh.pt',
  }),
  SN: S({
    code: 'SN',
    region: 'eu',
    currency: 'XOF',
    symbol: 'FCFA',
    taxRate: 18,
    rate: 655.957,
    pattern: 'suffix',
    language: 'fr',
    locale: 'fr_SN',
    country: 'SN',
    site: 'www.ovh.sn',
  }),
  TN: S({
    code: 'TN',
    region: 'eu',
    currency: 'TND',
    symbol: 'DT',
    taxRate: 19,
    rate: 3.4,
    pattern: 'suffix',
    language: 'fr',
    locale: 'fr_TN',
    country: 'TN',
    site: 'www.ovh.com/tn',
  }),
  // Canada: tax 0 in the catalog (provincial taxes are applied on the invoice, not modelled here).
  CA: S({
    code: 'CA',
    region: 'ca',
    currency: 'CAD',
    symbol: '$',
    taxRate: 0,
    rate: 1.47,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_CA',
    country: 'CA',
    site: 'www.ovh.com/ca/en',
  }),
  QC: S({
    code: 'QC',
    region: 'ca',
    currency: 'CAD',
    symbol: '$',
    taxRate: 0,
    rate: 1.47,
    pattern: 'suffix',
    language: 'fr',
    locale: 'fr_CA',
    country: 'CA',
    site: 'www.ovh.com/ca/fr',
  }),
  WE: S({
    code: 'WE',
    region: 'ca',
    currency: 'USD',
    symbol: '$',
    taxRate: 0,
    rate: 1.08,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_US',
    country: 'US',
    site: 'www.ovh.com/world',
  }),
  WS: S({
    code: 'WS',
    region: 'ca',
    currency: 'USD',
    symbol: '$',
    taxRate: 0,
    rate: 1.08,
    pattern: 'prefix',
    language: 'en',
    locale: 'es_US',
    country: 'US',
    site: 'www.ovh.com/world/es',
  }),
  ASIA: S({
    code: 'ASIA',
    region: 'ca',
    currency: 'USD',
    symbol: '$',
    taxRate: 0,
    rate: 1.08,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_SG',
    country: 'SG',
    site: 'www.ovh.com/asia',
  }),
  AU: S({
    code: 'AU',
    region: 'ca',
    currency: 'AUD',
    symbol: 'A$',
    taxRate: 10,
    rate: 1.65,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_AU',
    country: 'AU',
    site: 'www.ovh.com.au',
  }),
  IN: S({
    code: 'IN',
    region: 'ca',
    currency: 'INR',
    symbol: '₹',
    taxRate: 18,
    rate: 90,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_IN',
    country: 'IN',
    site: 'www.ovh.co.in',
  }),
  SG: S({
    code: 'SG',
    region: 'ca',
    currency: 'SGD',
    symbol: 'S$',
    taxRate: 9,
    rate: 1.45,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_SG',
    country: 'SG',
    site: 'www.ovh.com/sg',
  }),
  US: S({
    code: 'US',
    region: 'us',
    currency: 'USD',
    symbol: '$',
    taxRate: 0,
    rate: 1.08,
    pattern: 'prefix',
    language: 'en',
    locale: 'en_US',
    country: 'US',
    site: 'us.ovhcloud.com',
  }),
};

/** `nichandle.OvhSubsidiaryEnum` as declared by each API's order.json. */
export const SUBSIDIARY_ENUM: Record<SandboxRegion, string[]> = {
  eu: ['CZ', 'DE', 'ES', 'EU', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'SN', 'TN'],
  ca: ['ASIA', 'AU', 'CA', 'IN', 'QC', 'SG', 'WE', 'WS'],
  us: ['ASIA', 'AU', 'CA', 'CZ', 'DE', 'ES', 'EU', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'QC', 'SG', 'SN', 'TN', 'US', 'WE', 'WS'],
};

export interface RegionInfo {
  name: SandboxRegion;
  /** Prefix of X-Ovh-Queryid. */
  queryIdPrefix: string;
  /** The account's subsidiary. */
  defaultSubsidiary: string;
  /** Datacenters of most ranges, then of the high-grade (HGR) range. */
  datacenters: string[];
  hgrDatacenters: string[];
  /** Allowed values of the `region` configuration label. */
  regionValues: string[];
  /** Domain suffix of delivered servers (`ns1234567.ip-51-68-1.eu`). */
  serverDomain: string;
  serverIpPrefix: string;
}

export const REGIONS: Record<SandboxRegion, RegionInfo> = {
  eu: {
    name: 'eu',
    queryIdPrefix: 'EU',
    defaultSubsidiary: 'FR',
    datacenters: ['bhs', 'fra', 'gra', 'lon', 'rbx', 'sbg', 'waw'],
    hgrDatacenters: ['bhs', 'gra', 'rbx', 'sbg'],
    // The EU API offers both (real catalog values); bhs is the Canadian datacenter.
    regionValues: ['canada', 'europe'],
    serverDomain: 'eu',
    serverIpPrefix: '51-68',
  },
  ca: {
    name: 'ca',
    queryIdPrefix: 'CA',
    defaultSubsidiary: 'CA',
    datacenters: ['bhs', 'sgp', 'syd'],
    hgrDatacenters: ['bhs'],
    regionValues: ['apac', 'canada'],
    serverDomain: 'net',
    serverIpPrefix: '158-69',
  },
  us: {
    name: 'us',
    queryIdPrefix: 'US',
    defaultSubsidiary: 'US',
    datacenters: ['hil', 'vin'],
    hgrDatacenters: ['hil', 'vin'],
    regionValues: ['united-states'],
    serverDomain: 'us',
    serverIpPrefix: '51-81',
  },
};

export function subsidiariesOf(region: SandboxRegion): Subsidiary[] {
  return Object.values(SUBSIDIARIES).filter((s) => s.region === region);
}
