// Which OVH API a command talks to: a preset name (as @ovhcloud/node-ovh knows them) or any
// https://host[:port]/basePath URL (the sandbox, a proxy). The client is always built from
// host/port/basePath, never from the preset name: node-ovh lets a preset's host overwrite ours.
import { UsageError, listAllowed } from '../domain/errors.js';

export interface Endpoint {
  /** Canonical preset name (`ovh-eu`…), or the normalised URL for a custom endpoint. */
  name: string;
  host: string;
  port: number;
  /** `/1.0` for every OVH API; no trailing slash. */
  basePath: string;
  /** `https://host[:port]/basePath` — the same string for a preset and its URL spelling. */
  apiUrl: string;
  /** OAuth2 token host for node-ovh (it appends `oauth2/token`); null where OVH has no OAuth2. */
  tokenUrl: string | null;
  /** Where a person creates an application key for this API. */
  createAppUrl: string;
  /** OVH subsidiaries this API serves (cart `ovhSubsidiary`, catalog `?ovhSubsidiary=`). */
  subsidiaries: string[];
  isPreset: boolean;
}

const EU = ['CZ', 'DE', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'SN', 'TN'];
const CA = ['ASIA', 'AU', 'CA', 'IN', 'QC', 'SG', 'WE', 'WS'];
/** Every `nichandle.OvhSubsidiaryEnum` value any endpoint declares (the EU enum also has `EU`). */
export const ALL_SUBSIDIARIES: readonly string[] = [...EU, 'EU', ...CA, 'US'].sort();

interface Preset {
  host: string;
  tokenUrl: string | null;
  subsidiaries: readonly string[];
}

// Subsidiaries: for ovh-eu/ca/us, those the API actually serves catalogs for (a superset is
// declared in each schema's enum: ovh-us declares 24 but serves only US). Kimsufi and So you Start
// APIs publish no such list; their declared enums are used as they are (ovh-api.md §5).
const PRESETS: Record<string, Preset> = {
  'ovh-eu': { host: 'eu.api.ovh.com', tokenUrl: 'https://www.ovh.com/auth/', subsidiaries: EU },
  'ovh-ca': { host: 'ca.api.ovh.com', tokenUrl: 'https://ca.ovh.com/auth/', subsidiaries: CA },
  'ovh-us': { host: 'api.us.ovhcloud.com', tokenUrl: 'https://us.ovhcloud.com/auth/', subsidiaries: ['US'] },
  'kimsufi-eu': { host: 'eu.api.kimsufi.com', tokenUrl: null, subsidiaries: ALL_SUBSIDIARIES },
  'kimsufi-ca': { host: 'ca.api.kimsufi.com', tokenUrl: null, subsidiaries: ALL_SUBSIDIARIES },
  'soyoustart-eu': { host: 'eu.api.soyoustart.com', tokenUrl: null, subsidiaries: [...EU, 'EU'].sort() },
  'soyoustart-ca': { host: 'ca.api.soyoustart.com', tokenUrl: null, subsidiaries: ALL_SUBSIDIARIES },
};

const ALIASES: Record<string, string> = {
  'ks-eu': 'kimsufi-eu',
  'ks-ca': 'kimsufi-ca',
  'sys-eu': 'soyoustart-eu',
  'sys-ca': 'soyoustart-ca',
};

/** Hosts that serve a preset's API under another name (`api.ovh.com` is the EU API). */
const HOST_ALIASES: Record<string, string> = { 'api.ovh.com': 'ovh-eu' };

/** Every accepted preset spelling, canonical names first. */
export const ENDPOINT_PRESETS: readonly string[] = [...Object.keys(PRESETS), ...Object.keys(ALIASES)];

const DEFAULT_BASE_PATH = '/1.0';

function hostPort(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === 443 ? h : `${h}:${port}`;
}

function presetEndpoint(name: string, preset: Preset): Endpoint {
  return {
    name,
    host: preset.host,
    port: 443,
    basePath: DEFAULT_BASE_PATH,
    apiUrl: `https://${preset.host}${DEFAULT_BASE_PATH}`,
    tokenUrl: preset.tokenUrl,
    createAppUrl: `https://${preset.host}/createApp/`,
    subsidiaries: [...preset.subsidiaries],
    isPreset: true,
  };
}

function badEndpoint(input: string, why: string): UsageError {
  return new UsageError(`Invalid endpoint "${input}": ${why}.`, {
    code: 'invalid_endpoint',
    hint: `Use a preset (${listAllowed(ENDPOINT_PRESETS, 20)}) or an https URL such as https://eu.api.ovh.com/1.0.`,
  });
}

/**
 * Parses `--endpoint` / `OVH_ENDPOINT`. A URL without a path gets `/1.0` (node-ovh's default);
 * its token URL is `https://host[:port]/auth/` and it may serve any subsidiary. A URL whose host is
 * a preset's (or `api.ovh.com`) on port 443 keeps that preset's token URL and subsidiaries.
 */
export function parseEndpoint(input: string): Endpoint {
  const raw = input.trim();
  if (raw === '') throw badEndpoint(input, 'it is empty');
  const lower = raw.toLowerCase();
  const canonical = ALIASES[lower] ?? lower;
  const preset = PRESETS[canonical];
  if (preset) return presetEndpoint(canonical, preset);

  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw badEndpoint(input, 'not a known preset and not a URL');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badEndpoint(input, 'not a valid URL');
  }
  if (url.protocol !== 'https:') throw badEndpoint(input, `the OVH client only speaks HTTPS, not ${url.protocol.replace(':', '')}`);
  if (url.username || url.password) throw badEndpoint(input, 'a URL with a user name or password is not accepted');
  if (url.search || url.hash) throw badEndpoint(input, 'a query string or fragment is not accepted');

  // URL keeps IPv6 hosts bracketed; node's https.request wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 443 : Number(url.port);
  const path = url.pathname.replace(/\/+$/, '');
  const basePath = path === '' ? DEFAULT_BASE_PATH : path;
  const known = port === 443 ? (Object.entries(PRESETS).find(([, p]) => p.host === host)?.[0] ?? HOST_ALIASES[host]) : undefined;
  const knownPreset = known ? PRESETS[known] : undefined;
  const origin = `https://${hostPort(host, port)}`;
  const apiUrl = `${origin}${basePath}`;
  return {
    name: known && basePath === DEFAULT_BASE_PATH && knownPreset?.host === host ? known : apiUrl,
    host,
    port,
    basePath,
    apiUrl,
    tokenUrl: knownPreset ? knownPreset.tokenUrl : `${origin}/auth/`,
    createAppUrl: `${origin}/createApp/`,
    subsidiaries: knownPreset ? [...knownPreset.subsidiaries] : [...ALL_SUBSIDIARIES],
    isPreset: false,
  };
}
