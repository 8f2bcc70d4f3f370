// `ovh-order login`, the steps: choose the endpoint, take the application key and secret, request
// a consumer key with the ordering rules, have the person validate it, wait until it works, read
// who the account is. Written against Prompter and Output only; the command stores the result.
import { setTimeout as delay } from 'node:timers/promises';
import type { Credentials } from '../ovh/client.js';
import { parseEndpoint, type Endpoint } from '../ovh/endpoints.js';
import { CredentialsError, InterruptedError, UsageError } from '../domain/errors.js';
import type { Output } from '../ui/output.js';
import type { Prompter } from '../ui/prompter.js';
import { ORDERING_ACCESS_RULES, formatRules, type AccessRule } from './login-rules.js';
import { explainCredentialError, isWaitingForValidation } from './login-errors.js';

/** What login needs from the API (OvhApi provides it). */
export interface LoginApi {
  requestCredential(rules: readonly AccessRule[], redirection?: string): Promise<{ validationUrl: string; consumerKey: string; state?: string }>;
  getMe(): Promise<{ nichandle: string; ovhSubsidiary: string }>;
}

type AccountCredentials = Exclude<Credentials, { kind: 'none' }>;

export interface LoginInput {
  /** Preset name or URL; asked when missing. */
  endpoint?: string;
  appKey?: string;
  appSecret?: string;
  consumerKey?: string;
  clientId?: string;
  clientSecret?: string;
  /** A key requested earlier and still waiting for validation: wait for it instead of asking again. */
  resume?: PendingLogin;
}

export interface PendingLogin {
  endpoint: string;
  appKey: string;
  appSecret: string;
  consumerKey: string;
  validationUrl: string;
  requestedAt: string;
}

export interface LoginDeps {
  /** null when nobody can answer: every value must then be in the input. */
  prompter: Prompter | null;
  output: Output;
  createApi(endpoint: Endpoint, credentials: Credentials): LoginApi;
  /** Opens the validation page; absent when no browser should be opened. */
  openBrowser?(url: string): Promise<void>;
  /** Called once a consumer key was requested, so the command can keep it while it waits. */
  onPending?(pending: PendingLogin): Promise<void> | void;
  /** Ctrl-C. */
  signal: AbortSignal;
  now: () => Date;
  /** How long to wait for the validation (`--timeout`). */
  waitTimeoutMs: number;
  /** Pause between two `GET /me` checks while waiting. */
  pollIntervalMs: number;
  /** The command that finishes a login left waiting, e.g. `ovh-order login --profile ci`. */
  finishCommand: string;
  /** Where the redirection after validation goes (optional; OVH shows its own page otherwise). */
  redirection?: string;
}

export interface LoginResult {
  /** The endpoint as the person gave it (preset name or URL), for storing. */
  endpointInput: string;
  endpoint: Endpoint;
  credentials: AccountCredentials;
  account: { nichandle: string; ovhSubsidiary: string };
  /** True when a new consumer key was requested and validated during this login. */
  requestedKey: boolean;
}

const ENDPOINT_CHOICES = [
  { value: 'ovh-eu', name: 'OVHcloud Europe (ovh-eu)', description: 'eu.api.ovh.com — FR, GB, DE, ES, IE, IT, NL, PL, PT…' },
  { value: 'ovh-ca', name: 'OVHcloud Canada (ovh-ca)', description: 'ca.api.ovh.com — CA, QC, WE, ASIA, AU, SG…' },
  { value: 'ovh-us', name: 'OVHcloud US (ovh-us)', description: 'api.us.ovhcloud.com — US' },
  { value: 'custom', name: 'Another API URL…', description: 'an https URL, e.g. a proxy or the ovh-order sandbox' },
] as const;

export async function runLogin(input: LoginInput, deps: LoginDeps): Promise<LoginResult> {
  if (input.resume) return resumeLogin(input.resume, deps);
  const { endpointInput, endpoint } = await chooseEndpoint(input.endpoint, deps);
  const explainAs = { endpoint, source: 'flags' as const, finishCommand: deps.finishCommand };

  if (input.clientId || input.clientSecret) {
    if (!input.clientId || !input.clientSecret) {
      throw new UsageError('An OAuth2 service account needs both --client-id and --client-secret.', { code: 'missing_option' });
    }
    if (!endpoint.tokenUrl) {
      throw new UsageError(`${endpoint.name} has no OAuth2 service accounts.`, {
        code: 'oauth2_unsupported',
        hint: 'Use an application key (--app-key, --app-secret) with this endpoint.',
      });
    }
    const credentials: AccountCredentials = { kind: 'oauth2', clientId: input.clientId, clientSecret: input.clientSecret };
    const account = await checkAccount(deps, endpoint, credentials, { ...explainAs, secretOrigin: '--client-secret on the command line', oauth2: true });
    return { endpointInput, endpoint, credentials, account, requestedKey: false };
  }

  const { appKey, appSecret } = await askApplication(input, endpoint, deps);
  const secretOrigin = input.appSecret ? '--app-secret on the command line' : 'what you typed';

  if (input.consumerKey) {
    const credentials: AccountCredentials = { kind: 'app', appKey, appSecret, consumerKey: input.consumerKey };
    const account = await checkAccount(deps, endpoint, credentials, { ...explainAs, secretOrigin });
    return { endpointInput, endpoint, credentials, account, requestedKey: false };
  }

  const rules = [...ORDERING_ACCESS_RULES];
  deps.output.info(
    `Requesting a consumer key with the rights ordering needs, and nothing more:\n${formatRules(rules)
      .map((line) => `  ${line}`)
      .join('\n')}`,
  );
  const unsigned = deps.createApi(endpoint, { kind: 'app', appKey, appSecret });
  let request: { validationUrl: string; consumerKey: string };
  try {
    request = await unsigned.requestCredential(rules, deps.redirection);
  } catch (error) {
    throw explainCredentialError(error, { ...explainAs, secretOrigin });
  }
  const pending: PendingLogin = {
    endpoint: endpointInput,
    appKey,
    appSecret,
    consumerKey: request.consumerKey,
    validationUrl: request.validationUrl,
    requestedAt: deps.now().toISOString(),
  };
  await deps.onPending?.(pending);
  await showValidationUrl(pending.validationUrl, deps);
  const credentials: AccountCredentials = { kind: 'app', appKey, appSecret, consumerKey: request.consumerKey };
  const account = await waitForValidation(deps, endpoint, credentials, pending, secretOrigin);
  return { endpointInput, endpoint, credentials, account, requestedKey: true };
}

/** `requested by ovh-order login at 2026-12-03 06:30 UTC`: the consumer key's origin while login waits for it. */
function requestedOrigin(pending: PendingLogin): string {
  return `requested by ovh-order login at ${pending.requestedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

async function resumeLogin(pending: PendingLogin, deps: LoginDeps): Promise<LoginResult> {
  const endpoint = parseEndpoint(pending.endpoint);
  deps.output.info(`The consumer key requested on ${pending.requestedAt.slice(0, 16).replace('T', ' ')} UTC is waiting for your validation.`);
  await showValidationUrl(pending.validationUrl, deps);
  const credentials: AccountCredentials = { kind: 'app', appKey: pending.appKey, appSecret: pending.appSecret, consumerKey: pending.consumerKey };
  const account = await waitForValidation(deps, endpoint, credentials, pending, 'the key waiting in the stored profile');
  return { endpointInput: pending.endpoint, endpoint, credentials, account, requestedKey: true };
}

async function chooseEndpoint(given: string | undefined, deps: LoginDeps): Promise<{ endpointInput: string; endpoint: Endpoint }> {
  if (given) return { endpointInput: given, endpoint: parseEndpoint(given) };
  const prompter = needPrompter(deps, '--endpoint');
  const choice = await prompter.select<string>({
    id: 'endpoint',
    message: 'Which OVHcloud API is your account on?',
    choices: ENDPOINT_CHOICES.map((c) => ({ ...c })),
    default: 'ovh-eu',
  });
  if (typeof choice !== 'string') throw new InterruptedError('Login cancelled.');
  if (choice !== 'custom') return { endpointInput: choice, endpoint: parseEndpoint(choice) };
  const url = await prompter.input({
    id: 'endpoint-url',
    message: 'API URL (https://host[:port]/1.0):',
    validate: (value) => {
      try {
        parseEndpoint(value);
        return true;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return { endpointInput: url.trim(), endpoint: parseEndpoint(url) };
}

async function askApplication(input: LoginInput, endpoint: Endpoint, deps: LoginDeps): Promise<{ appKey: string; appSecret: string }> {
  if (input.appKey && input.appSecret) return { appKey: input.appKey, appSecret: input.appSecret };
  const prompter = needPrompter(deps, input.appKey ? '--app-secret' : '--app-key');
  deps.output.info(
    `An application key and secret identify ovh-order to the ${endpoint.name} API. If you have none yet, create one (any name and description) at:\n  ${endpoint.createAppUrl}`,
  );
  const appKey =
    input.appKey ?? (await prompter.input({ id: 'app-key', message: 'Application key:', validate: (v) => checkKeyText(v, 'The application key') })).trim();
  const appSecret =
    input.appSecret ??
    (await prompter.password({ id: 'app-secret', message: 'Application secret:', validate: (v) => checkKeyText(v, 'The application secret') })).trim();
  return { appKey, appSecret };
}

function checkKeyText(value: string, what: string): true | string {
  const v = value.trim();
  if (v === '') return `${what} is required.`;
  if (/\s/.test(v)) return `${what} has no spaces; paste it again.`;
  return true;
}

function needPrompter(deps: LoginDeps, flag: string): Prompter {
  if (deps.prompter) return deps.prompter;
  throw new UsageError(`Missing ${flag}: it cannot be asked without a terminal.`, { code: 'missing_option' });
}

async function showValidationUrl(url: string, deps: LoginDeps): Promise<void> {
  deps.output.info(`Open this page, log in with your OVHcloud account and allow access:\n  ${url}`);
  if (deps.openBrowser) {
    try {
      await deps.openBrowser(url);
    } catch {
      // No browser is fine: the URL is on screen.
    }
  }
}

async function checkAccount(
  deps: LoginDeps,
  endpoint: Endpoint,
  credentials: AccountCredentials,
  explainAs: Parameters<typeof explainCredentialError>[1],
): Promise<{ nichandle: string; ovhSubsidiary: string }> {
  try {
    const me = await deps.output.spin('Checking the credentials', () => deps.createApi(endpoint, credentials).getMe());
    return { nichandle: me.nichandle, ovhSubsidiary: me.ovhSubsidiary };
  } catch (error) {
    throw explainCredentialError(error, explainAs);
  }
}

/**
 * Checks `GET /me` every `pollIntervalMs` until the key works, the time is up, or Ctrl-C. OVH answers
 * a key not validated yet as any invalid one (403 "This credential is not valid"): for the key this
 * login requested, that answer means "not validated yet", so the wait goes on.
 */
async function waitForValidation(
  deps: LoginDeps,
  endpoint: Endpoint,
  credentials: AccountCredentials,
  pending: PendingLogin,
  secretOrigin: string,
): Promise<{ nichandle: string; ovhSubsidiary: string }> {
  const api = deps.createApi(endpoint, credentials);
  const deadline = deps.now().getTime() + deps.waitTimeoutMs;
  const startOver = deps.finishCommand.replace('ovh-order login', 'ovh-order logout');
  const later =
    `Once you have allowed access at ${pending.validationUrl}, run \`${deps.finishCommand}\` to finish (the key is kept, waiting). ` +
    `To request a new key instead, run \`${startOver}\` first.`;
  const minutes = formatWait(deps.waitTimeoutMs);
  return deps.output.spin(`Waiting for you to allow access in the browser (up to ${minutes}; Ctrl-C to stop)`, async () => {
    for (;;) {
      if (deps.signal.aborted) throw new InterruptedError('Stopped waiting for the validation.', { hint: later });
      try {
        const me = await api.getMe();
        return { nichandle: me.nichandle, ovhSubsidiary: me.ovhSubsidiary };
      } catch (error) {
        if (!isWaitingForValidation(error)) {
          throw explainCredentialError(error, {
            endpoint,
            source: 'flags',
            secretOrigin,
            consumerKeyOrigin: requestedOrigin(pending),
            finishCommand: deps.finishCommand,
            validationUrl: pending.validationUrl,
          });
        }
      }
      const left = deadline - deps.now().getTime();
      if (left <= 0) {
        throw new CredentialsError(`The consumer key (${requestedOrigin(pending)}) was not validated within ${minutes}.`, {
          code: 'validation_timeout',
          hint: later,
        });
      }
      await pause(Math.min(deps.pollIntervalMs, left), deps.signal);
    }
  });
}

function formatWait(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

/** Resolves after `ms`, or at once when `signal` aborts (the loop then sees it). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
