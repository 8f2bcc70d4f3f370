// THE way a command gets an API client: credentials resolved by precedence (or the in-process
// sandbox with --sandbox), the cached clock offset, --debug lines with secrets redacted, and
// credential failures turned into precise hints (which key, from where, what to run).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../runtime/context.js';
import type { Output } from '../ui/output.js';
import { OvhApi } from '../ovh/api.js';
import type { Credentials, ClientOptions } from '../ovh/client.js';
import type { RetryPolicy } from '../ovh/retry.js';
import { parseEndpoint, type Endpoint } from '../ovh/endpoints.js';
import { redactSecrets } from '../ovh/redact.js';
import type { SandboxServer } from '../sandbox/index.js';
import { CredentialsError, UsageError } from '../domain/errors.js';
import { configDir } from '../config/paths.js';
import { ensurePrivateDir } from '../config/store.js';
import {
  describeCredentials,
  sameEndpoint,
  noCredentialsError,
  resolveCredentials,
  secretsOf,
  type CredentialFlags,
  type CredentialSource,
  type EndpointSource,
} from '../config/credentials.js';
import type { StoredProfile } from '../config/profiles.js';
import { readTimeOffset, saveTimeOffset } from '../config/time-offset.js';
import { explainCredentialError, originOf } from '../flows/login-errors.js';
import { refuseStockScheduleWithoutSandbox, stockScheduleFromFlag } from './stock-schedule-flag.js';

export interface OpenSessionOptions {
  /** true: no credentials is an error (exit 3) listing every place looked at. false: an unsigned client is fine. */
  needAccount: boolean;
  /** Credential flags (only `login` has them). */
  flags?: CredentialFlags;
  /** Where warnings go; plain stderr lines when absent. */
  output?: Pick<Output, 'warn'>;
  /** The client's retries of reads (default: the client's policy); `watch` backs off itself. */
  retry?: RetryPolicy;
}

export interface Session {
  api: OvhApi;
  endpoint: Endpoint;
  endpointSource: EndpointSource;
  /**
   * Which API the catalog cache files an entry under: the endpoint's name, or for the sandbox the API it
   * plays (and its data pack), since its URL has a new port each run and would never be found again.
   */
  catalogCacheKey: string;
  source: CredentialSource;
  credentials: Credentials;
  credentialsKind: Credentials['kind'];
  profile: string;
  /** The subsidiary stored by `login` (or the sandbox account's). */
  defaultSubsidiary?: string;
  nichandle?: string;
  storedProfile?: StoredProfile;
  /** Where the secret came from, in words (for messages). */
  secretOrigin?: string;
  looked: string[];
  sandbox?: SandboxServer;
  /** Rewrites a credential failure (OvhApiError, exit 3) with which key, from where, and what to run; `api` already does this for its calls. */
  explain(error: unknown): unknown;
}

const sandboxes = new WeakMap<Context, Promise<SandboxServer>>();

/** `ovh-order login` with `--profile NAME` when not the default one. */
export function loginCommand(ctx: Pick<Context, 'globals'>): string {
  return ctx.globals.profile === 'default' ? 'ovh-order login' : `ovh-order login --profile ${ctx.globals.profile}`;
}

/** Which of --endpoint / OVH_ENDPOINT set ctx.globals.endpoint (commander merges them). */
export function explicitEndpoint(ctx: Pick<Context, 'globals' | 'env'>): { value: string; source: 'flags' | 'environment' } | undefined {
  const value = ctx.globals.endpoint;
  if (!value) return undefined;
  return { value, source: ctx.env.OVH_ENDPOINT === value ? 'environment' : 'flags' };
}

/** True when two spellings (`ovh-eu`, `https://eu.api.ovh.com/1.0`) name the same API. */
export function sameEndpointInput(a: string, b: string): boolean {
  try {
    return sameEndpoint(parseEndpoint(a), parseEndpoint(b));
  } catch {
    return false;
  }
}

/** A data pack the sandbox cannot serve is bad input (exit 2), said with the pack's reason. */
export function asDataPackUsageError(error: unknown, DataPackError: new (...args: never[]) => Error): unknown {
  if (!(error instanceof DataPackError)) return error;
  return new UsageError(error.message, {
    hint: 'A data pack is a folder of recorded OVH answers: catalog-public-{eco,baremetalServers}-<SUBSIDIARY>*.json and dedicated-datacenter-availabilities*.json (README, "Sandbox").',
  });
}

type SandboxApi = 'ovh-eu' | 'ovh-ca' | 'ovh-us';
const SANDBOX_APIS: Record<SandboxApi, 'eu' | 'ca' | 'us'> = { 'ovh-eu': 'eu', 'ovh-ca': 'ca', 'ovh-us': 'us' };

/**
 * Which OVH API `--sandbox` plays: the one --endpoint (or OVH_ENDPOINT) names, ovh-eu by default.
 * On the command line anything else is refused (the sandbox is its own endpoint); from the
 * environment another value is left for runs without --sandbox.
 */
export function sandboxApiFor(ctx: Pick<Context, 'globals' | 'env'>): SandboxApi {
  const given = explicitEndpoint(ctx);
  if (!given) return 'ovh-eu';
  let name: string;
  try {
    name = parseEndpoint(given.value).name;
  } catch (error) {
    if (given.source === 'environment') return 'ovh-eu';
    throw error;
  }
  if (name in SANDBOX_APIS) return name as SandboxApi;
  if (given.source === 'environment') return 'ovh-eu';
  throw new UsageError(`--sandbox plays ovh-eu, ovh-ca or ovh-us; --endpoint "${given.value}" is none of them.`, {
    code: 'invalid_endpoint',
    hint: 'Use --sandbox alone (ovh-eu), with --endpoint ovh-ca or ovh-us, or drop --sandbox to use that endpoint.',
  });
}

/** `sandbox:ovh-eu`, or `sandbox:ovh-eu:/abs/pack` when a data pack is served: never a real endpoint's name. */
function sandboxCatalogCacheKey(api: SandboxApi, dataPackDir: string | undefined): string {
  return dataPackDir === undefined ? `sandbox:${api}` : `sandbox:${api}:${path.resolve(dataPackDir)}`;
}

/** Starts (once per command) the in-process sandbox that `--sandbox` uses; closed when the command ends. */
export function sandboxFor(ctx: Context): Promise<SandboxServer> {
  let started = sandboxes.get(ctx);
  if (!started) {
    started = (async () => {
      const dir = path.join(configDir(ctx.env), 'sandbox');
      ensurePrivateDir(configDir(ctx.env), ctx.env);
      ensurePrivateDir(dir, ctx.env);
      const stockSchedule = await stockScheduleFromFlag(ctx);
      const { startSandbox, DataPackError } = await import('../sandbox/index.js');
      const dataPack = ctx.globals.dataPack;
      const region = SANDBOX_APIS[sandboxApiFor(ctx)];
      // One state file per API played, and for a pack (its carts name plans the authored offer lacks).
      const name = ['state', ...(region === 'eu' ? [] : [region]), ...(dataPack === undefined ? [] : ['data-pack'])].join('-');
      const statePath = path.join(dir, `${name}.json`);
      const server = await startSandbox({
        statePath,
        certDir: dir,
        region,
        autoValidateCredentials: true,
        stockSchedule,
        ...(dataPack === undefined ? {} : { dataPack }),
      }).catch((error: unknown) => {
        throw asDataPackUsageError(error, DataPackError);
      });
      ctx.cleanups.push(() => server.close());
      return server;
    })();
    sandboxes.set(ctx, started);
  }
  return started;
}

/** Writes `[debug] …` lines on stderr with every known secret replaced, when --debug is on. */
export function debugWriter(ctx: Context, secrets: string[]): ((line: string) => void) | undefined {
  if (!ctx.globals.debug) return undefined;
  // The client redacts its own lines; this also covers lines written here, and any secret it did not know.
  return (line: string) => ctx.stderr.write(`[debug] ${redactSecrets(line, secrets)}\n`);
}

export async function openSession(ctx: Context, options: OpenSessionOptions): Promise<Session> {
  const warn = (text: string) => (options.output ? options.output.warn(text) : ctx.stderr.write(`! ${text}\n`));
  const profile = ctx.globals.profile;
  const finishCommand = loginCommand(ctx);

  if (ctx.globals.sandbox) {
    const sandbox = await sandboxFor(ctx);
    // The sandbox's URL, serving what the API it plays serves (with a data pack: what it recorded of
    // those): the same subsidiary checks, before any call, as for the real endpoints.
    const served = parseEndpoint(sandboxApiFor(ctx)).subsidiaries;
    const recorded = sandbox.dataPack?.subsidiaries;
    const endpoint: Endpoint = { ...parseEndpoint(sandbox.url), subsidiaries: recorded ? served.filter((s) => recorded.includes(s)) : served };
    const credentials: Credentials = { kind: 'app', ...sandbox.credentials };
    const debug = debugWriter(ctx, secretsOf(credentials));
    debug?.(`credentials: sandbox (${describeCredentials(credentials)}), endpoint ${endpoint.apiUrl}`);
    const explain = (error: unknown) => explainCredentialError(error, { endpoint, source: 'sandbox', secretOrigin: 'the sandbox', finishCommand });
    const api = explaining(
      new OvhApi(clientOptions(ctx, endpoint, credentials, { trustCaPem: sandbox.caPem, debug, cacheOffset: false, warn, retry: options.retry })),
      explain,
    );
    return {
      api,
      endpoint,
      endpointSource: 'sandbox',
      catalogCacheKey: sandboxCatalogCacheKey(sandboxApiFor(ctx), sandbox.dataPack?.dir),
      source: 'sandbox',
      credentials,
      credentialsKind: 'app',
      profile,
      defaultSubsidiary: sandbox.account.ovhSubsidiary,
      nichandle: sandbox.account.nichandle,
      secretOrigin: 'the sandbox',
      looked: ['--sandbox: the built-in sandbox'],
      sandbox,
      explain,
    };
  }

  refuseStockScheduleWithoutSandbox(ctx);
  const resolved = await resolveCredentials({ env: ctx.env, cwd: ctx.cwd, endpoint: explicitEndpoint(ctx), flags: options.flags, profile });
  for (const warning of resolved.warnings) warn(warning);
  const debug = debugWriter(ctx, secretsOf(resolved.credentials));
  debug?.(`credentials: ${resolved.source} (${describeCredentials(resolved.credentials)}); endpoint ${resolved.endpoint.name} (${resolved.endpointSource})`);
  for (const line of resolved.looked) debug?.(`  looked at ${line}`);

  let credentials = resolved.credentials;
  if (options.needAccount) {
    if (credentials.kind === 'none') throw noCredentialsError(resolved, profile);
    if (credentials.kind === 'app' && !credentials.consumerKey) {
      throw new CredentialsError(
        `The application key from ${resolved.secretOrigin ? originOf(resolved.secretOrigin, 'appKey') : resolved.source} has no consumer key, and this command needs your account.`,
        {
          code: 'no_consumer_key',
          hint: `Run \`${finishCommand}\` to request one (it uses your application key and secret), or set OVH_CONSUMER_KEY.`,
        },
      );
    }
  } else if (credentials.kind === 'app' && !credentials.consumerKey) {
    // An application key alone signs nothing; public calls go unsigned.
    credentials = { kind: 'app', appKey: credentials.appKey, appSecret: credentials.appSecret };
  }

  const explain = (error: unknown) =>
    explainCredentialError(error, {
      endpoint: resolved.endpoint,
      source: resolved.source,
      secretOrigin: resolved.secretOrigin,
      finishCommand,
      validationUrl: resolved.pending?.validationUrl,
      oauth2: credentials.kind === 'oauth2',
    });
  const api = explaining(new OvhApi(clientOptions(ctx, resolved.endpoint, credentials, { debug, cacheOffset: true, warn, retry: options.retry })), explain);
  return {
    api,
    endpoint: resolved.endpoint,
    endpointSource: resolved.endpointSource,
    catalogCacheKey: resolved.endpoint.name,
    source: resolved.source,
    credentials,
    credentialsKind: credentials.kind,
    profile,
    defaultSubsidiary: resolved.storedProfile?.defaultSubsidiary,
    nichandle: resolved.storedProfile?.nichandle,
    storedProfile: resolved.storedProfile,
    secretOrigin: resolved.secretOrigin,
    looked: resolved.looked,
    explain,
  };
}

/**
 * Client options shared by sessions and login: timeout, redacted debug, the cached clock offset
 * (saved back when measured) and a clock-skew warning naming the offset.
 */
export function clientOptions(
  ctx: Context,
  endpoint: Endpoint,
  credentials: Credentials,
  extra: { trustCaPem?: string; debug?: (line: string) => void; cacheOffset: boolean; warn: (text: string) => void; timeoutMs?: number; retry?: RetryPolicy },
): ClientOptions {
  const cached = extra.cacheOffset ? readTimeOffset(ctx.env, endpoint.apiUrl, ctx.now()) : undefined;
  if (cached !== undefined) extra.debug?.(`clock: reusing the cached offset of ${cached} s with ${endpoint.name}`);
  let warned = false;
  return {
    endpoint,
    credentials,
    timeoutMs: extra.timeoutMs ?? ctx.globals.timeoutMs,
    timeOffsetSeconds: cached,
    ...(extra.retry ? { retry: extra.retry } : {}),
    onTimeOffset(offsetSeconds) {
      extra.debug?.(`clock: offset with ${endpoint.name} is ${offsetSeconds} s`);
      if (extra.cacheOffset) saveTimeOffset(ctx.env, endpoint.apiUrl, offsetSeconds, ctx.now());
    },
    onClockSkew(offsetSeconds) {
      if (warned) return;
      warned = true;
      const direction = offsetSeconds > 0 ? 'behind' : 'ahead of';
      extra.warn(
        `This machine's clock is ${Math.abs(Math.round(offsetSeconds))} s ${direction} the OVH API's. ovh-order corrects its requests by that offset, but consider syncing the clock (NTP).`,
      );
    },
    debug: extra.debug,
    trustCaPem: extra.trustCaPem ?? trustFromEnv(ctx),
  };
}

/**
 * Node reads NODE_EXTRA_CA_CERTS once, from the real environment, at start-up. A command run
 * in-process with its own env (tests) gets the same trust by passing that file to the client,
 * which adds it to the public roots.
 */
function trustFromEnv(ctx: Context): string | undefined {
  const file = ctx.env.NODE_EXTRA_CA_CERTS;
  if (!file || ctx.env === process.env) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Wraps every API method so credential failures come out explained. */
function explaining<T extends object>(api: T, explain: (error: unknown) => unknown): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(explain(error))) : result;
        } catch (error) {
          throw explain(error);
        }
      };
    },
  });
}
