// OVH subsidiaries (`nichandle.OvhSubsidiaryEnum`): which currency a catalog of that subsidiary is
// priced in and which locale its texts follow. The catalog's own `locale.currencyCode` stays the
// authority for prices; this table is for formatting, defaults and early validation.
import { UsageError, listAllowed } from './errors.js';

export type ApiRegion = 'eu' | 'ca' | 'us';

export interface SubsidiaryInfo {
  /** `FR`, `GB`, `QC`… */
  readonly code: string;
  /** Who it serves, for a person. */
  readonly name: string;
  readonly currency: string;
  /** BCP 47 locale for Intl formatting. */
  readonly locale: string;
  /** The OVH API that serves it (ovh-eu, ovh-ca, ovh-us). */
  readonly api: ApiRegion;
}

const table: readonly SubsidiaryInfo[] = [
  // ovh-eu
  { code: 'CZ', name: 'Czech Republic', currency: 'CZK', locale: 'cs-CZ', api: 'eu' },
  { code: 'DE', name: 'Germany', currency: 'EUR', locale: 'de-DE', api: 'eu' },
  { code: 'ES', name: 'Spain', currency: 'EUR', locale: 'es-ES', api: 'eu' },
  { code: 'EU', name: 'Europe (other countries)', currency: 'EUR', locale: 'en-IE', api: 'eu' },
  { code: 'FI', name: 'Finland', currency: 'EUR', locale: 'fi-FI', api: 'eu' },
  { code: 'FR', name: 'France', currency: 'EUR', locale: 'fr-FR', api: 'eu' },
  { code: 'GB', name: 'United Kingdom', currency: 'GBP', locale: 'en-GB', api: 'eu' },
  { code: 'IE', name: 'Ireland', currency: 'EUR', locale: 'en-IE', api: 'eu' },
  { code: 'IT', name: 'Italy', currency: 'EUR', locale: 'it-IT', api: 'eu' },
  { code: 'LT', name: 'Lithuania', currency: 'EUR', locale: 'lt-LT', api: 'eu' },
  { code: 'MA', name: 'Morocco', currency: 'MAD', locale: 'fr-MA', api: 'eu' },
  { code: 'NL', name: 'Netherlands', currency: 'EUR', locale: 'nl-NL', api: 'eu' },
  { code: 'PL', name: 'Poland', currency: 'PLN', locale: 'pl-PL', api: 'eu' },
  { code: 'PT', name: 'Portugal', currency: 'EUR', locale: 'pt-PT', api: 'eu' },
  { code: 'SN', name: 'Senegal', currency: 'XOF', locale: 'fr-SN', api: 'eu' },
  { code: 'TN', name: 'Tunisia', currency: 'TND', locale: 'fr-TN', api: 'eu' },
  // ovh-ca
  { code: 'ASIA', name: 'Asia', currency: 'USD', locale: 'en-SG', api: 'ca' },
  { code: 'AU', name: 'Australia', currency: 'AUD', locale: 'en-AU', api: 'ca' },
  { code: 'CA', name: 'Canada (English)', currency: 'CAD', locale: 'en-CA', api: 'ca' },
  { code: 'IN', name: 'India', currency: 'INR', locale: 'en-IN', api: 'ca' },
  { code: 'QC', name: 'Canada (French, Quebec)', currency: 'CAD', locale: 'fr-CA', api: 'ca' },
  { code: 'SG', name: 'Singapore', currency: 'SGD', locale: 'en-SG', api: 'ca' },
  { code: 'WE', name: 'World (English)', currency: 'USD', locale: 'en-US', api: 'ca' },
  { code: 'WS', name: 'World (Spanish)', currency: 'USD', locale: 'es-US', api: 'ca' },
  // ovh-us
  { code: 'US', name: 'United States', currency: 'USD', locale: 'en-US', api: 'us' },
];

const SUBSIDIARIES: ReadonlyMap<string, SubsidiaryInfo> = new Map(table.map((s) => [s.code, s]));

/** Facts for a subsidiary code (any case), or undefined when unknown. */
export function subsidiaryInfo(code: string): SubsidiaryInfo | undefined {
  return SUBSIDIARIES.get(code.trim().toUpperCase());
}

/** The currency a subsidiary is billed in; `EUR` when the code is unknown. */
export function currencyOfSubsidiary(code: string): string {
  return subsidiaryInfo(code)?.currency ?? 'EUR';
}

/** The locale used to format a subsidiary's amounts; `en-GB` when the code is unknown. */
export function localeOfSubsidiary(code: string): string {
  return subsidiaryInfo(code)?.locale ?? 'en-GB';
}

/** Subsidiaries an API region serves. */
export function subsidiariesOfApi(api: ApiRegion): string[] {
  return table.filter((s) => s.api === api).map((s) => s.code);
}

/**
 * Checks a subsidiary against what the endpoint accepts (`Endpoint.subsidiaries`) and returns it in
 * upper case. UsageError naming the value and listing the allowed ones otherwise.
 */
export function validateSubsidiary(code: string, endpointSubsidiaries: readonly string[]): string {
  const normalised = code.trim().toUpperCase();
  const allowed = endpointSubsidiaries.map((s) => s.toUpperCase());
  if (normalised !== '' && allowed.includes(normalised)) return normalised;
  const known = subsidiaryInfo(normalised);
  // Another API's subsidiary is named as such; one of this API that the endpoint does not serve
  // (a sandbox data pack records only some) is just not served.
  const sameApi = allowed.some((a) => subsidiaryInfo(a)?.api === known?.api);
  const why = known
    ? `Subsidiary "${code}" (${known.name}) is not served by this endpoint${sameApi ? '' : ` (it is on the ovh-${known.api} API)`}.`
    : `Unknown subsidiary "${code}".`;
  return reject(why, allowed);
}

function reject(message: string, allowed: readonly string[]): never {
  throw new UsageError(`${message} Allowed: ${listAllowed(allowed, 30)}.`, {
    code: 'invalid_subsidiary',
    hint: 'Use --subsidiary with one of the allowed codes, or omit it to use your account’s.',
  });
}

/**
 * The datacenter region a subsidiary's customers are closest to (`europe` for FR, `canada` for QC):
 * among equal delivery delays its datacenters come first. Undefined for the world-wide ones.
 */
export function homeRegionOfSubsidiary(code: string | undefined): string | undefined {
  const info = code ? subsidiaryInfo(code) : undefined;
  if (!info) return undefined;
  if (info.api === 'eu') return 'europe';
  if (info.api === 'us') return 'northAmerica';
  if (info.code === 'CA' || info.code === 'QC') return 'canada';
  if (['ASIA', 'AU', 'IN', 'SG'].includes(info.code)) return 'apac';
  return undefined;
}
