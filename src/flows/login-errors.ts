// Credential failures, told so a person can act: which key is wrong, where it came from, what to
// run. Used by login and by every command's session (src/cli/session.ts). Never quotes a secret.
import { CREDENTIAL_KINDS, OvhApiError } from '../ovh/errors.js';
import type { Endpoint } from '../ovh/endpoints.js';
import { ruleForCall } from './login-rules.js';

export interface ExplainContext {
  endpoint: Endpoint;
  /** Which source the credentials came from (`flags`, `environment`, `profile:NAME`, `ovh.conf:PATH`…). */
  source: string;
  /** Where the secret was read, in words: `OVH_APPLICATION_SECRET in the environment`, `profile "default" in …`. */
  secretOrigin?: string;
  /** `ovh-order login` (with `--profile NAME` when not the default). */
  finishCommand: string;
  /** Where the consumer key came from when not from where the secret came (login's own request). */
  consumerKeyOrigin?: string;
  /** The stored validation page, when the key is known to wait for validation. */
  validationUrl?: string;
  /** OAuth2 client credentials rather than application keys. */
  oauth2?: boolean;
}

export type KeyName = 'appKey' | 'appSecret' | 'consumerKey' | 'clientId' | 'clientSecret';

const NAMES: Record<KeyName, [flag: string, env: string]> = {
  appKey: ['--app-key', 'OVH_APPLICATION_KEY'],
  appSecret: ['--app-secret', 'OVH_APPLICATION_SECRET'],
  consumerKey: ['--consumer-key', 'OVH_CONSUMER_KEY'],
  clientId: ['--client-id', 'OVH_CLIENT_ID'],
  clientSecret: ['--client-secret', 'OVH_CLIENT_SECRET'],
};

/** Where one key came from, given where the secret came from: `OVH_APPLICATION_SECRET in the environment` → `OVH_CONSUMER_KEY in the environment`. */
export function originOf(secretOrigin: string, key: KeyName): string {
  for (const [flag, env] of Object.values(NAMES)) {
    if (secretOrigin.startsWith(`${flag} `)) return secretOrigin.replace(flag, NAMES[key][0]);
    if (secretOrigin.startsWith(`${env} `)) return secretOrigin.replace(env, NAMES[key][1]);
  }
  // A profile or an ovh.conf holds every key: the same place.
  return secretOrigin;
}

/**
 * True while a freshly requested key is not validated yet (or the network hiccups): keep waiting.
 * OVH answers a key waiting for validation exactly as an unknown or revoked one (403 "This
 * credential is not valid", docs/ovh-api.md §2.2), so for the key login has just requested an
 * invalid credential means "not validated yet".
 */
export function isWaitingForValidation(error: unknown): boolean {
  return error instanceof OvhApiError && ['invalid-credential', 'pending-validation', 'network', 'timeout', 'server', 'rate-limited'].includes(error.kind);
}

/**
 * Rewrites a credential failure from the API (exit 3) with a precise message and hint; returns any
 * other error unchanged. The result is still an OvhApiError of the same kind, call and status.
 */
export function explainCredentialError(error: unknown, context: ExplainContext): unknown {
  if (!(error instanceof OvhApiError) || !CREDENTIAL_KINDS.has(error.kind)) return error;
  if (error.cause instanceof OvhApiError && CREDENTIAL_KINDS.has(error.cause.kind)) return error; // already explained
  const said = error.ovhMessage ? ` (OVH said: "${error.ovhMessage}")` : '';
  const where = context.endpoint.name;
  const login = context.finishCommand;
  const from = (key: KeyName) => {
    if (key === 'consumerKey' && context.consumerKeyOrigin) return ` (${context.consumerKeyOrigin})`;
    return context.secretOrigin ? ` (from ${originOf(context.secretOrigin, key)})` : '';
  };
  // A stored key known to wait for validation: its "invalid credential" means "not validated yet".
  const kind = error.kind === 'invalid-credential' && context.validationUrl && !context.oauth2 ? 'pending-validation' : error.kind;
  const make = (message: string, hint: string) =>
    new OvhApiError({
      kind,
      call: error.call,
      status: error.status,
      ovhMessage: error.ovhMessage,
      queryId: error.queryId,
      retryAfterSeconds: error.retryAfterSeconds,
      message,
      hint,
      cause: error,
    });

  switch (kind) {
    case 'invalid-app-key':
      return make(
        `The application key${from('appKey')} is not valid on ${where}${said}.`,
        `Create an application at ${context.endpoint.createAppUrl}, then run \`${login}\` with its key and secret.`,
      );
    case 'pending-validation':
      return make(
        `The consumer key${from('consumerKey')} is waiting for validation${said}.`,
        context.validationUrl
          ? `Open ${context.validationUrl}, log in and allow access, then run the command again (or \`${login}\` to wait for it).`
          : `Open the validation page given when the key was requested, or run \`${login}\` to request a new key.`,
      );
    case 'invalid-credential':
      if (context.oauth2) {
        return make(
          `The OAuth2 client id or secret${from('clientSecret')} was refused on ${where}${said}.`,
          `Check the service account's id and secret, then run \`${login} --client-id … --client-secret …\`.`,
        );
      }
      return make(
        `The consumer key${from('consumerKey')} is not valid on ${where}${said}: it does not exist, has expired or was revoked.`,
        `Run \`${login}\` to get a new one.`,
      );
    case 'not-granted': {
      const rule = ruleForCall(error.call);
      const needs = rule ? `the access rule ${rule.method} ${rule.path}` : `an access rule covering ${error.call}`;
      return make(
        `The consumer key${from('consumerKey')} is not allowed to call ${error.call}${said}; it lacks ${needs}.`,
        `Run \`${login}\` again: it asks for every rule ordering needs${rule ? ` (including ${rule.method} ${rule.path})` : ''}.`,
      );
    }
    case 'invalid-signature':
      return make(
        `OVH rejected the request signature for ${error.call} on ${where}${said}.`,
        `Either the application secret is wrong (it came from ${context.secretOrigin ?? context.source}), or this machine's clock is far off (ovh-order corrects it from /auth/time; --debug shows the offset). Check the secret, or run \`${login}\` again.`,
      );
    default:
      return make(
        `${error.call} needs credentials that work on ${where}${said}.`,
        `Run \`${login}\`, or set OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY.`,
      );
  }
}
