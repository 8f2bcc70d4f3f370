// Which credentials a command uses, and why. Sources, in order (the first that holds credentials wins):
//   1. command-line flags (login's --app-key/--app-secret/--consumer-key, --client-id/--client-secret)
//   2. environment: OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY, OVH_CLIENT_ID, OVH_CLIENT_SECRET
//   3. the profile stored by `ovh-order login` (--profile, default "default")
//   4. ovh.conf: ./ovh.conf, then ~/.ovh.conf, then /etc/ovh.conf
// A source is taken whole or not at all: keys are never combined across sources (a consumer key from
// the environment with a secret from a profile would sign with a pair nobody chose). A source that
// holds only part of a set is an error naming what is missing, not a silent fall-through.
// The endpoint: --endpoint, else OVH_ENDPOINT, else the one the winning source was made for
// (profile's endpoint, ovh.conf's [default] endpoint), else ovh-eu. A profile made for another
// endpoint than an explicit one is skipped (its keys would not work there).
import { parseEndpoint, type Endpoint } from '../ovh/endpoints.js';
import type { Credentials } from '../ovh/client.js';
import { CredentialsError, UsageError } from '../domain/errors.js';
import { displayPath, ovhConfPaths } from './paths.js';
import { readOvhConf, type OvhConfFile, type OvhConfSection } from './ovh-conf.js';
import type { PendingLogin, ProfileStore, StoredProfile } from './profiles.js';

const DEFAULT_ENDPOINT = 'ovh-eu';

export type CredentialSource = 'flags' | 'environment' | `profile:${string}` | `ovh.conf:${string}` | 'sandbox' | 'none';
export type EndpointSource = 'flags' | 'environment' | 'credentials' | 'default' | 'sandbox';

export interface CredentialFlags {
  appKey?: string;
  appSecret?: string;
  consumerKey?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface ResolveInput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The endpoint given explicitly, and how (--endpoint or OVH_ENDPOINT). */
  endpoint?: { value: string; source: 'flags' | 'environment' };
  flags?: CredentialFlags;
  /** Profile name (--profile). */
  profile: string;
  /** Defaults to ./ovh.conf, ~/.ovh.conf, /etc/ovh.conf. */
  ovhConfPaths?: string[];
  /** Reuse an open store (else one is opened on env). */
  store?: ProfileStore;
}

export interface ResolvedCredentials {
  endpoint: Endpoint;
  endpointSource: EndpointSource;
  credentials: Credentials;
  source: CredentialSource;
  /** For messages: where the secret was read, e.g. `OVH_APPLICATION_SECRET in the environment`. */
  secretOrigin?: string;
  /** The stored profile, when the credentials came from it. */
  storedProfile?: StoredProfile;
  /** The key `login` requested and that waits for validation, when the credentials are that key. */
  pending?: PendingLogin;
  /** Every place looked at, with what was found there, in order. */
  looked: string[];
  /** Things the person should know (permissions fixed, ovh.conf readable by others). */
  warnings: string[];
}

const ENV = {
  appKey: 'OVH_APPLICATION_KEY',
  appSecret: 'OVH_APPLICATION_SECRET',
  consumerKey: 'OVH_CONSUMER_KEY',
  clientId: 'OVH_CLIENT_ID',
  clientSecret: 'OVH_CLIENT_SECRET',
} as const;

const FLAG = {
  appKey: '--app-key',
  appSecret: '--app-secret',
  consumerKey: '--consumer-key',
  clientId: '--client-id',
  clientSecret: '--client-secret',
} as const;

const INI = {
  appKey: 'application_key',
  appSecret: 'application_secret',
  consumerKey: 'consumer_key',
  clientId: 'client_id',
  clientSecret: 'client_secret',
} as const;

type Field = keyof CredentialFlags;

/** Same API, whatever spelling (`ovh-eu` and `https://eu.api.ovh.com/1.0` are one endpoint). */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.apiUrl.replace(/\/+$/, '') === b.apiUrl.replace(/\/+$/, '');
}

/**
 * Turns one source's fields into credentials. `names` says how the source spells each field, for errors.
 * Returns undefined when the source holds no credential field at all.
 */
function credentialsFromFields(
  fields: CredentialFlags,
  names: Record<Field, string>,
  where: string,
  errorKind: 'usage' | 'credentials',
): Credentials | undefined {
  const has = (f: Field) => typeof fields[f] === 'string' && fields[f] !== '';
  const app = has('appKey') || has('appSecret') || has('consumerKey');
  const oauth = has('clientId') || has('clientSecret');
  const fail = (message: string, hint: string) =>
    errorKind === 'usage'
      ? new UsageError(message, { code: 'incomplete_credentials', hint })
      : new CredentialsError(message, { code: 'incomplete_credentials', hint });
  if (!app && !oauth) return undefined;
  for (const f of Object.keys(names) as Field[]) {
    // A key with a control character fails later as a "network error" (it goes into a header).
    // eslint-disable-next-line no-control-regex
    const at = has(f) ? fields[f]!.search(/[\u0000-\u001f\u007f-\u009f]/) : -1;
    if (at >= 0) {
      const code = fields[f]!.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
      throw new UsageError(`${where}: ${names[f]} contains a control character (U+${code}) at position ${at + 1}; keys are printable text.`, {
        code: 'control_character',
        hint: 'Copy the key again without the invisible character (a pasted tab or newline, for instance).',
      });
    }
  }
  if (app && oauth) {
    const given = (Object.keys(names) as Field[]).filter(has).map((f) => names[f]);
    throw fail(
      `${where} holds both application keys and OAuth2 client credentials (${given.join(', ')}).`,
      `Keep one kind: ${names.appKey} + ${names.appSecret} (+ ${names.consumerKey}), or ${names.clientId} + ${names.clientSecret}.`,
    );
  }
  if (oauth) {
    const missing = (['clientId', 'clientSecret'] as const).filter((f) => !has(f));
    if (missing.length) {
      throw fail(
        `${where} has ${names[missing[0] === 'clientId' ? 'clientSecret' : 'clientId']} but not ${missing.map((f) => names[f]).join(', ')}.`,
        `Give both ${names.clientId} and ${names.clientSecret}.`,
      );
    }
    return { kind: 'oauth2', clientId: fields.clientId!, clientSecret: fields.clientSecret! };
  }
  const missing = (['appKey', 'appSecret'] as const).filter((f) => !has(f));
  if (missing.length) {
    const present = (['appKey', 'appSecret', 'consumerKey'] as const).filter(has).map((f) => names[f]);
    throw fail(
      `${where} has ${present.join(' and ')} but not ${missing.map((f) => names[f]).join(' and ')}.`,
      `Keys are never mixed across sources: give ${names.appKey}, ${names.appSecret} and ${names.consumerKey} together there, or remove ${present.join(', ')} to use the next source.`,
    );
  }
  return has('consumerKey')
    ? { kind: 'app', appKey: fields.appKey!, appSecret: fields.appSecret!, consumerKey: fields.consumerKey! }
    : { kind: 'app', appKey: fields.appKey!, appSecret: fields.appSecret! };
}

function fieldsFromEnv(env: NodeJS.ProcessEnv): CredentialFlags {
  const out: CredentialFlags = {};
  for (const f of Object.keys(ENV) as Field[]) {
    const v = env[ENV[f]]?.trim();
    if (v) out[f] = v;
  }
  return out;
}

function fieldsFromSection(section: OvhConfSection): CredentialFlags {
  const out: CredentialFlags = {};
  for (const f of Object.keys(INI) as Field[]) {
    const v = section[INI[f]];
    if (v) out[f] = v;
  }
  return out;
}

function profileCredentials(profile: StoredProfile): Credentials {
  return profile.kind === 'oauth2'
    ? { kind: 'oauth2', clientId: profile.clientId, clientSecret: profile.clientSecret }
    : { kind: 'app', appKey: profile.appKey, appSecret: profile.appSecret, consumerKey: profile.consumerKey };
}

function tryParseEndpoint(value: string): Endpoint | undefined {
  try {
    return parseEndpoint(value);
  } catch {
    return undefined;
  }
}

/** Finds the section of an ovh.conf for an endpoint, by name or by URL. */
function sectionFor(file: OvhConfFile, endpoint: Endpoint): [string, OvhConfSection] | undefined {
  const direct = file.sections[endpoint.name];
  if (direct) return [endpoint.name, direct];
  for (const [name, section] of Object.entries(file.sections)) {
    if (name === 'default') continue;
    const parsed = tryParseEndpoint(name);
    if (parsed && sameEndpoint(parsed, endpoint)) return [name, section];
  }
  return undefined;
}

export async function resolveCredentials(input: ResolveInput): Promise<ResolvedCredentials> {
  const { env } = input;
  const looked: string[] = [];
  const warnings: string[] = [];
  const explicit = input.endpoint ? parseEndpoint(input.endpoint.value) : undefined;
  const explicitSource: EndpointSource | undefined = input.endpoint?.source;
  const endpointOr = (fallback: Endpoint, fallbackSource: EndpointSource) =>
    explicit ? { endpoint: explicit, endpointSource: explicitSource! } : { endpoint: fallback, endpointSource: fallbackSource };

  // 1. Flags.
  const fromFlags = credentialsFromFields(input.flags ?? {}, FLAG, 'The command line', 'usage');
  if (fromFlags) {
    return {
      ...endpointOr(parseEndpoint(DEFAULT_ENDPOINT), 'default'),
      credentials: fromFlags,
      source: 'flags',
      secretOrigin: `${fromFlags.kind === 'oauth2' ? FLAG.clientSecret : FLAG.appSecret} on the command line`,
      looked: ['flags: credentials given'],
      warnings,
    };
  }
  looked.push(`flags: none given (${FLAG.appKey}/${FLAG.appSecret}/${FLAG.consumerKey} or ${FLAG.clientId}/${FLAG.clientSecret}, on \`ovh-order login\`)`);

  // 2. Environment.
  const fromEnv = credentialsFromFields(fieldsFromEnv(env), ENV, 'The environment', 'credentials');
  if (fromEnv) {
    return {
      ...endpointOr(parseEndpoint(DEFAULT_ENDPOINT), 'default'),
      credentials: fromEnv,
      source: 'environment',
      secretOrigin: `${fromEnv.kind === 'oauth2' ? ENV.clientSecret : ENV.appSecret} in the environment`,
      looked: [...looked, 'environment: credentials set'],
      warnings,
    };
  }
  looked.push(`environment: none of ${Object.values(ENV).join(', ')} is set`);

  // 3. Stored profile.
  // Loaded only when flags and environment gave nothing: it validates profiles with zod (~20 ms).
  const store = input.store ?? new (await import('./profiles.js')).ProfileStore(env);
  warnings.push(...store.warnings);
  const where = `profile "${input.profile}" in ${displayPath(store.path, env)}`;
  const profile = store.get(input.profile);
  const pending = store.getPending(input.profile);
  if (!profile && !pending) {
    looked.push(`${where}: not found`);
  } else if (profile) {
    const profileEndpoint = parseEndpoint(profile.endpoint);
    if (explicit && !sameEndpoint(explicit, profileEndpoint)) {
      looked.push(`${where}: made for ${profile.endpoint}, not ${input.endpoint!.value}`);
    } else {
      return {
        ...endpointOr(profileEndpoint, 'credentials'),
        credentials: profileCredentials(profile),
        source: `profile:${input.profile}`,
        secretOrigin: where,
        storedProfile: profile,
        looked: [...looked, `${where}: found`],
        warnings,
      };
    }
  } else if (pending) {
    // Only a key waiting for validation: use it, so the API's answer can point to the validation page.
    const pendingEndpoint = parseEndpoint(pending.endpoint);
    if (explicit && !sameEndpoint(explicit, pendingEndpoint)) {
      looked.push(`${where}: only a key waiting for validation, made for ${pending.endpoint}, not ${input.endpoint!.value}`);
    } else {
      return {
        ...endpointOr(pendingEndpoint, 'credentials'),
        credentials: { kind: 'app', appKey: pending.appKey, appSecret: pending.appSecret, consumerKey: pending.consumerKey },
        source: `profile:${input.profile}`,
        secretOrigin: where,
        pending,
        looked: [...looked, `${where}: a key waiting for validation`],
        warnings,
      };
    }
  }

  // 4. ovh.conf files, most specific first.
  const paths = input.ovhConfPaths ?? ovhConfPaths(env, input.cwd);
  const files: OvhConfFile[] = [];
  for (const path of paths) {
    const read = readOvhConf(path);
    if (read.status === 'missing') looked.push(`${displayPath(path, env)}: not found`);
    else if (read.status === 'unreadable') looked.push(`${displayPath(path, env)}: not readable (${read.reason})`);
    else files.push(read.file);
  }
  const confDefault = files.find((f) => f.defaultEndpoint)?.defaultEndpoint;
  const target = explicit ?? (confDefault ? parseEndpoint(confDefault) : parseEndpoint(DEFAULT_ENDPOINT));
  for (const file of files) {
    const shown = displayPath(file.path, env);
    const found = sectionFor(file, target);
    const fields = found ? fieldsFromSection(found[1]) : {};
    const credentials = found ? credentialsFromFields(fields, INI, `The [${found[0]}] section of ${shown}`, 'credentials') : undefined;
    if (!found || !credentials) {
      looked.push(`${shown}: no credentials in a [${target.name}] section`);
      continue;
    }
    if (file.openMode !== 0) {
      warnings.push(`${shown} can be read by other users of this machine; protect it with: chmod 600 ${file.path}`);
    }
    return {
      endpoint: target,
      endpointSource: explicit ? explicitSource! : confDefault ? 'credentials' : 'default',
      credentials,
      source: `ovh.conf:${file.path}`,
      secretOrigin: shown,
      looked: [...looked, `${shown}: [${found[0]}] section`],
      warnings,
    };
  }

  return {
    endpoint: target,
    endpointSource: explicit ? explicitSource! : confDefault ? 'credentials' : 'default',
    credentials: { kind: 'none' },
    source: 'none',
    looked,
    warnings,
  };
}

/** The error for "this command needs an account and no credentials were found", listing every place looked at. */
export function noCredentialsError(resolved: Pick<ResolvedCredentials, 'looked'>, profile: string): CredentialsError {
  const profileFlag = profile === 'default' ? '' : ` --profile ${profile}`;
  return new CredentialsError(`No OVH API credentials found. Looked at:\n${resolved.looked.map((l) => `  - ${l}`).join('\n')}`, {
    code: 'no_credentials',
    hint: `Run \`ovh-order login${profileFlag}\` to create them, or set OVH_ENDPOINT, OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY. Catalog browsing and cart building work without an account; try \`--sandbox\` to see the whole flow.`,
  });
}

/** `abcd…` — at most the first 4 characters of a key, never the rest. */
export function maskKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.length <= 4 ? '…' : `${value.slice(0, 4)}…`;
}

/** The secrets inside credentials, for redaction. */
export function secretsOf(credentials: Credentials): string[] {
  if (credentials.kind === 'app') return [credentials.appSecret, credentials.consumerKey].filter((s): s is string => Boolean(s));
  if (credentials.kind === 'oauth2') return [credentials.clientSecret];
  return [];
}

/** One line describing credentials without revealing them: `app key abcd…, consumer key wxyz…`. */
export function describeCredentials(credentials: Credentials): string {
  if (credentials.kind === 'app') {
    const parts = [`application key ${maskKey(credentials.appKey)}`, `consumer key ${credentials.consumerKey ? maskKey(credentials.consumerKey) : 'none'}`];
    return parts.join(', ');
  }
  if (credentials.kind === 'oauth2') return `OAuth2 client ${maskKey(credentials.clientId)}`;
  return 'no credentials';
}
