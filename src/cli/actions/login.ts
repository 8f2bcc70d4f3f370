// `ovh-order login`: flags and prompts in, a validated and minimally-scoped key stored 0600 out.
// Interactive by default; with every value given (or no terminal), it never asks.
import type { Context } from '../../runtime/context.js';
import { DEFAULT_TIMEOUT_MS } from '../../runtime/context.js';
import type { Prompter } from '../../ui/prompter.js';
import type { Output } from '../../ui/output.js';
import type { Credentials } from '../../ovh/client.js';
import type { Endpoint } from '../../ovh/endpoints.js';
import { UsageError } from '../../domain/errors.js';
import { ProfileStore, checkProfileName, type StoredProfile } from '../../config/profiles.js';
import { displayPath } from '../../config/paths.js';
import { secretsOf } from '../../config/credentials.js';
import { runLogin, type LoginApi, type LoginInput } from '../../flows/login.js';
import { clientOptions, debugWriter, explicitEndpoint, loginCommand, sandboxFor, sameEndpointInput } from '../session.js';

export const DEFAULT_POLL_INTERVAL_MS = 2_500;
const CREDENTIAL_ENV = ['OVH_APPLICATION_KEY', 'OVH_APPLICATION_SECRET', 'OVH_CONSUMER_KEY', 'OVH_CLIENT_ID', 'OVH_CLIENT_SECRET'];

export interface LoginOverrides {
  /** A Prompter (tests pass a scripted one); null forbids asking. Default: inquirer on a terminal. */
  prompter?: Prompter | null;
  output?: Output;
  pollIntervalMs?: number;
  openBrowser?: (url: string) => Promise<void>;
}

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  return login(ctx, options);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export async function login(ctx: Context, options: Record<string, unknown>, overrides: LoginOverrides = {}): Promise<number> {
  const profileName = checkProfileName(ctx.globals.profile);
  const input: LoginInput = {
    endpoint: explicitEndpoint(ctx)?.value,
    appKey: text(options.appKey),
    appSecret: text(options.appSecret),
    consumerKey: text(options.consumerKey),
    clientId: text(options.clientId),
    clientSecret: text(options.clientSecret),
  };
  const timeoutSeconds = typeof options.timeout === 'number' ? options.timeout : 600;
  const output = overrides.output ?? (await import('../../ui/terminal-output.js')).createOutput(ctx);
  const store = ctx.globals.sandbox ? undefined : new ProfileStore(ctx.env);
  for (const warning of store?.warnings ?? []) output.warn(warning);

  if ((input.appKey || input.appSecret || input.consumerKey) && (input.clientId || input.clientSecret)) {
    throw new UsageError(
      'Give either an application key (--app-key, --app-secret, --consumer-key) or an OAuth2 service account (--client-id, --client-secret), not both.',
      {
        code: 'conflicting_options',
      },
    );
  }

  // --sandbox: the built-in API with its own application; nothing is stored (every run starts it afresh).
  let trustCaPem: string | undefined;
  if (ctx.globals.sandbox) {
    const sandbox = await sandboxFor(ctx);
    trustCaPem = sandbox.caPem;
    input.endpoint = sandbox.url;
    if (!input.clientId && !input.appKey) {
      input.appKey = sandbox.credentials.appKey;
      input.appSecret = sandbox.credentials.appSecret;
    }
  }

  // A key requested earlier that still waits for validation: finish that login rather than start
  // over, also when the same command line (same application key and secret) is run again.
  const otherCredentials = Boolean(input.consumerKey || input.clientId || input.clientSecret);
  const stored = store && !otherCredentials ? store.getPending(profileName) : undefined;
  const sameApplication = (p: NonNullable<typeof stored>) =>
    (!input.appKey || input.appKey === p.appKey) && (!input.appSecret || input.appSecret === p.appSecret);
  const pending = stored && sameApplication(stored) ? stored : undefined;
  const canAsk = overrides.prompter !== undefined ? overrides.prompter !== null : ctx.canPrompt();
  const prompter = canAsk ? (overrides.prompter ?? (await import('../../ui/inquirer-prompter.js')).createInquirerPrompter(ctx)) : null;
  if (pending && (!input.endpoint || sameEndpointInput(input.endpoint, pending.endpoint))) {
    const resume = prompter
      ? await prompter.confirm({
          id: 'resume',
          message: `A consumer key requested on ${pending.requestedAt.slice(0, 10)} for ${pending.endpoint} is waiting for validation. Wait for it?`,
          default: true,
        })
      : true;
    if (resume) input.resume = pending;
  }

  if (!prompter && !input.resume) {
    const missing: string[] = [];
    if (!input.endpoint) missing.push('--endpoint (or OVH_ENDPOINT)');
    if (!input.clientId && !input.clientSecret) {
      if (!input.appKey) missing.push('--app-key');
      if (!input.appSecret) missing.push('--app-secret');
    }
    if (missing.length) {
      throw new UsageError(`ovh-order login cannot ask for ${missing.join(', ')} without a terminal.`, {
        code: 'missing_option',
        hint:
          'Give them as flags: `ovh-order login --endpoint ovh-eu --app-key KEY --app-secret SECRET [--consumer-key KEY]`, ' +
          'or for a service account `ovh-order login --endpoint ovh-eu --client-id ID --client-secret SECRET`.',
      });
    }
  }

  const { OvhApi } = await import('../../ovh/api.js');
  const warn = (t: string) => output.warn(t);
  const createApi = (endpoint: Endpoint, credentials: Credentials): LoginApi =>
    new OvhApi(
      clientOptions(ctx, endpoint, credentials, {
        trustCaPem,
        debug: debugWriter(ctx, [...secretsOf(credentials), ...[input.appSecret, input.clientSecret].filter((s): s is string => Boolean(s))]),
        cacheOffset: !ctx.globals.sandbox,
        warn,
        // login's --timeout is the validation wait; one call keeps the usual limit.
        timeoutMs: Math.min(ctx.globals.timeoutMs, DEFAULT_TIMEOUT_MS),
      }),
    );

  const result = await runLogin(input, {
    prompter,
    output,
    createApi,
    openBrowser: shouldOpenBrowser(ctx, options) ? (overrides.openBrowser ?? openInBrowser) : overrides.openBrowser,
    onPending: (p) => store?.setPending(profileName, p),
    signal: ctx.interrupt.signal,
    now: () => ctx.now(),
    waitTimeoutMs: Math.round(timeoutSeconds * 1000),
    pollIntervalMs: overrides.pollIntervalMs ?? pollIntervalFromEnv(ctx.env) ?? DEFAULT_POLL_INTERVAL_MS,
    finishCommand: loginCommand(ctx),
  });

  const { nichandle, ovhSubsidiary } = result.account;
  const where = result.endpoint.isPreset ? result.endpoint.name : result.endpoint.apiUrl;
  if (!store) {
    output.success(`Logged in as ${nichandle} (subsidiary ${ovhSubsidiary}) on the sandbox.`);
    output.info('Nothing is stored for the sandbox: add --sandbox to any command to use it.');
    output.result(`Logged in as ${nichandle} (${ovhSubsidiary}) on the sandbox; nothing stored.`);
    return 0;
  }
  const profile: StoredProfile =
    result.credentials.kind === 'oauth2'
      ? {
          kind: 'oauth2',
          endpoint: result.endpointInput,
          clientId: result.credentials.clientId,
          clientSecret: result.credentials.clientSecret,
          nichandle,
          defaultSubsidiary: ovhSubsidiary,
          createdAt: ctx.now().toISOString(),
        }
      : {
          kind: 'app',
          endpoint: result.endpointInput,
          appKey: result.credentials.appKey,
          appSecret: result.credentials.appSecret,
          consumerKey: result.credentials.consumerKey!,
          nichandle,
          defaultSubsidiary: ovhSubsidiary,
          createdAt: ctx.now().toISOString(),
        };
  await store.set(profileName, profile);
  output.success(`Logged in as ${nichandle} (subsidiary ${ovhSubsidiary}) on ${where}.`);
  output.info(`Saved as profile "${profileName}" in ${displayPath(store.path, ctx.env)} (readable by you only). Default subsidiary: ${ovhSubsidiary}.`);
  const shadowing = CREDENTIAL_ENV.filter((name) => ctx.env[name]);
  if (shadowing.length) {
    output.warn(
      `${shadowing.join(', ')} ${shadowing.length === 1 ? 'is' : 'are'} set in this environment and take${shadowing.length === 1 ? 's' : ''} precedence over the stored profile; unset ${shadowing.length === 1 ? 'it' : 'them'} to use the profile.`,
    );
  }
  output.result(`Logged in as ${nichandle} (${ovhSubsidiary}) on ${where}, profile ${profileName}.`);
  return 0;
}

function pollIntervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  // For tests of the built binary; not documented for people.
  const value = Number(env.OVH_ORDER_LOGIN_POLL_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Not with --no-browser, not in tests (OVH_ORDER_NO_BROWSER), not without a terminal or a display. */
function shouldOpenBrowser(ctx: Context, options: Record<string, unknown>): boolean {
  if (options.browser === false || ctx.env.OVH_ORDER_NO_BROWSER) return false;
  if (!ctx.stderr.isTTY || !ctx.stdin.isTTY) return false;
  if (process.platform === 'linux' && !ctx.env.DISPLAY && !ctx.env.WAYLAND_DISPLAY) return false;
  return true;
}

async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url, { wait: false });
  // A missing xdg-open must not crash: the URL is already on screen.
  child.on('error', () => {});
  child.unref();
}
