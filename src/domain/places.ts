// Places: each endpoint spells a datacenter its own way.
//   - availability records and requiredConfiguration `dedicated_datacenter`: `gra`, `rbx`, `bhs`…
//   - catalog `configurations[dedicated_datacenter].values`: the same short codes (2022–2025 data)
//   - availability zones (newer API enums): `eu-west-gra-a`, `ca-east-bhs-a`, `eu-west-par-b`…
//   - delivered servers and some older listings: a room number, `gra1`, `rbx8`, `gra11`
// and the `region` configuration label takes a region word (`europe`, `canada` on the EU API).
// Everything here maps those spellings to one short code and back.

export interface DatacenterInfo {
  /** Short code used by availabilities and the cart: `gra`. */
  readonly code: string;
  /** Town, for a person: `Gravelines`. */
  readonly city: string;
  /** ISO 3166 alpha-2 country code. */
  readonly country: string;
  readonly countryName: string;
  /** Value of the `region` configuration label for a server there. */
  readonly region: string;
}

// `europe` and `canada` are the values the EU API offers (requiredConfiguration allowedValues,
// catalog configurations). `northAmerica` and `apac` are inferred from the API's
// `dedicated.AvailabilityRegionEnum` (apac, canada, europe, northAmerica); the US/CA APIs' order-time
// values were not verified.
const table: readonly DatacenterInfo[] = [
  { code: 'gra', city: 'Gravelines', country: 'FR', countryName: 'France', region: 'europe' },
  { code: 'rbx', city: 'Roubaix', country: 'FR', countryName: 'France', region: 'europe' },
  { code: 'rbx-hz', city: 'Roubaix (HDS zone)', country: 'FR', countryName: 'France', region: 'europe' },
  { code: 'sbg', city: 'Strasbourg', country: 'FR', countryName: 'France', region: 'europe' },
  { code: 'par', city: 'Paris', country: 'FR', countryName: 'France', region: 'europe' },
  { code: 'fra', city: 'Frankfurt', country: 'DE', countryName: 'Germany', region: 'europe' },
  { code: 'lim', city: 'Limburg', country: 'DE', countryName: 'Germany', region: 'europe' },
  { code: 'lon', city: 'London', country: 'GB', countryName: 'United Kingdom', region: 'europe' },
  { code: 'eri', city: 'Erith (London)', country: 'GB', countryName: 'United Kingdom', region: 'europe' },
  { code: 'waw', city: 'Warsaw', country: 'PL', countryName: 'Poland', region: 'europe' },
  { code: 'mil', city: 'Milan', country: 'IT', countryName: 'Italy', region: 'europe' },
  { code: 'bhs', city: 'Beauharnois', country: 'CA', countryName: 'Canada', region: 'canada' },
  { code: 'tor', city: 'Toronto', country: 'CA', countryName: 'Canada', region: 'canada' },
  { code: 'hil', city: 'Hillsboro', country: 'US', countryName: 'United States', region: 'northAmerica' },
  { code: 'vin', city: 'Vint Hill', country: 'US', countryName: 'United States', region: 'northAmerica' },
  { code: 'sgp', city: 'Singapore', country: 'SG', countryName: 'Singapore', region: 'apac' },
  { code: 'syd', city: 'Sydney', country: 'AU', countryName: 'Australia', region: 'apac' },
  { code: 'ynm', city: 'Mumbai', country: 'IN', countryName: 'India', region: 'apac' },
  { code: 'mum', city: 'Mumbai', country: 'IN', countryName: 'India', region: 'apac' },
];

const byCode = new Map(table.map((d) => [d.code, d]));

/** Every datacenter this table knows, short codes (shell completion offers them). */
export const KNOWN_DATACENTERS: readonly string[] = [...byCode.keys()];

/**
 * One short code for any spelling: `GRA` → `gra`, `gra1`/`gra11` → `gra`, `eu-west-gra-a` → `gra`,
 * `ca-east-bhs-a` → `bhs`, `eu-west-par-b` → `par`. Unknown spellings come back lower-cased and trimmed.
 */
export function normaliseDatacenter(value: string): string {
  const v = value.trim().toLowerCase();
  if (byCode.has(v)) return v;
  // Availability-zone form: <area>-<direction>-<code>-<letter>, e.g. eu-west-gra-a, ap-southeast-sgp-a.
  const zone = /^[a-z]{2}-[a-z]+-([a-z]{3})-[a-z]$/.exec(v);
  if (zone?.[1] && byCode.has(zone[1])) return zone[1];
  // Room-number form: gra1, rbx8, gra11.
  const room = /^([a-z]{3})\d+$/.exec(v);
  if (room?.[1] && byCode.has(room[1])) return room[1];
  return v;
}

/** True when two spellings name the same datacenter (`gra`, `GRA1`, `eu-west-gra-a`). */
export function sameDatacenter(a: string, b: string): boolean {
  return normaliseDatacenter(a) === normaliseDatacenter(b);
}

export function datacenterInfo(value: string): DatacenterInfo | undefined {
  return byCode.get(normaliseDatacenter(value));
}

/** `gra (Gravelines, France)`; the bare code when unknown. */
export function describeDatacenter(value: string): string {
  const info = datacenterInfo(value);
  return info ? `${info.code} (${info.city}, ${info.countryName})` : normaliseDatacenter(value);
}

/**
 * The `region` configuration value for a datacenter. With `allowedRegions` (the label's
 * allowedValues), only a value the API offers is returned.
 */
export function regionForDatacenter(value: string, allowedRegions?: readonly string[] | null): string | undefined {
  const region = datacenterInfo(value)?.region;
  if (region === undefined) return undefined;
  if (allowedRegions && allowedRegions.length > 0) return allowedRegions.find((r) => r.toLowerCase() === region.toLowerCase());
  return region;
}

/** Short codes of the known datacenters whose region is `region`. */
export function datacentersInRegion(region: string): string[] {
  return table.filter((d) => d.region.toLowerCase() === region.toLowerCase()).map((d) => d.code);
}

/**
 * The spelling of `value` an endpoint accepts: among `allowedValues` (e.g. a requiredConfiguration
 * list or a catalog's configuration values), the one naming the same place. Without a list, the
 * short code. Undefined when the list has no spelling of that place.
 */
export function toConfigurationValue(value: string, allowedValues?: readonly string[] | null): string | undefined {
  const code = normaliseDatacenter(value);
  if (!allowedValues || allowedValues.length === 0) return code;
  return allowedValues.find((allowed) => allowed === value) ?? allowedValues.find((allowed) => normaliseDatacenter(allowed) === code);
}

/** Short codes for a list of spellings, de-duplicated, order kept. */
export function normaliseDatacenters(values: readonly string[]): string[] {
  return [...new Set(values.map(normaliseDatacenter))];
}

/** Parses a `--datacenter gra,rbx` flag into short codes. */
export function parseDatacenterList(text: string): string[] {
  return normaliseDatacenters(
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}
