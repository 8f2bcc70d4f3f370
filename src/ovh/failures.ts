// Turns a failed call into an OvhApiError. node-ovh rejects with very little:
// `{error: statusCode | errno | Error | string, message}`. The client adds what it saw on the wire
// (status, X-Ovh-Queryid, Retry-After, the socket error, whether the deadline fired) and
// `describeFailure` turns it all into a kind, a message and a hint for a person.
import { getSystemErrorName } from 'node:util';
import { OvhApiError, type OvhApiErrorInit } from './errors.js';

/** What the client knows about a failed call, beyond node-ovh's rejection. */
export interface FailureContext {
  /** HTTP method, upper case. */
  method: string;
  /** Route pattern, e.g. `/order/cart/{cartId}/checkout`. */
  route: string;
  /** `host[:port]` the call went to, for network messages. */
  host: string;
  /** Where to create an application key (`https://<host>/createApp/`). */
  createAppUrl: string;
  timeoutMs: number;
  /** HTTP status seen on the wire (node-ovh hides it when the body is not JSON). */
  status?: number;
  queryId?: string;
  retryAfterSeconds?: number;
  /** The socket/TLS error seen on the wire, when node-ovh only passed on an errno. */
  networkError?: unknown;
  /** The per-call deadline (or node-ovh's socket timeout) fired. */
  timedOut?: boolean;
  /** The connection closed while the answer was still arriving. */
  droppedMidAnswer?: boolean;
  /** Credentials were OAuth2 client credentials (changes the wording of auth failures). */
  oauth2?: boolean;
  /** The failure happened while fetching the OAuth2 token (status/cause of that request). */
  tokenFailure?: { status?: number; cause?: unknown; tokenHost: string };
  /** Current clock offset to OVH in seconds, when known (helps explain "Invalid signature"). */
  timeOffsetSeconds?: number;
}

export const NODE_OVH_TIME_FAILURE = '[OVH] Unable to fetch OVH API time';
export const NODE_OVH_JSON_FAILURE = '[OVH] Unable to parse JSON reponse';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

/** Error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`…) of whatever node-ovh or the socket gave. */
export function errorCodeOf(value: unknown): string | undefined {
  if (typeof value === 'number' && value < 0) {
    try {
      return getSystemErrorName(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && 'code' in value && typeof (value as { code: unknown }).code === 'string') {
    return (value as { code: string }).code;
  }
  return undefined;
}

/**
 * The access rule a consumer key needs for a call: `POST /order/cart/{cartId}/checkout` →
 * `POST /order/*`; a one-segment route needs itself (`/me/*` does not cover `GET /me`).
 */
export function accessRuleFor(method: string, route: string): string {
  const segments = route.split('/').filter(Boolean);
  const rule = segments.length === 0 ? '/*' : segments.length === 1 ? `/${segments[0]}` : `/${segments[0]}/*`;
  return `${method.toUpperCase()} ${rule}`;
}

function mayHaveTakenEffect(method: string): string {
  return WRITE_METHODS.has(method.toUpperCase())
    ? ' This call changes things on OVH\'s side and may have taken effect anyway: check (e.g. `ovh-order status`, `ovh-order cart show`) before trying again.'
    : '';
}

function queryIdNote(queryId: string | undefined): string {
  return queryId ? ` OVH query id: ${queryId} (quote it to OVH support).` : '';
}

interface Unwrapped {
  /** HTTP status node-ovh reported. */
  status?: number;
  message?: string;
  code?: string;
  text?: string;
  oauthTokenError?: { statusCode?: number; error?: string; message?: unknown };
  raw: unknown;
}

function unwrap(rejection: unknown): Unwrapped {
  // requestPromised wraps as {error, message}; the callback API passes (error, message) apart.
  let error: unknown = rejection;
  let message: unknown;
  if (rejection && typeof rejection === 'object' && 'error' in rejection && !(rejection instanceof Error)) {
    error = (rejection as { error: unknown }).error;
    message = (rejection as { message?: unknown }).message;
  }
  const out: Unwrapped = { raw: error };
  if (typeof message === 'string') out.message = message;
  if (typeof error === 'number') {
    if (error >= 100) out.status = error;
    else out.code = errorCodeOf(error);
  } else if (typeof error === 'string') {
    out.text = error;
  } else if (error instanceof Error) {
    out.code = errorCodeOf(error);
    out.text = error.message;
  } else if (error && typeof error === 'object' && 'statusCode' in error) {
    out.oauthTokenError = error as Unwrapped['oauthTokenError'];
  }
  return out;
}

function build(ctx: FailureContext, init: Omit<OvhApiErrorInit, 'call'>): OvhApiError {
  return new OvhApiError({
    ...init,
    call: `${ctx.method.toUpperCase()} ${ctx.route}`,
    queryId: init.queryId ?? ctx.queryId,
  });
}

function networkFailure(ctx: FailureContext, code: string | undefined, detail: string | undefined, cause: unknown, host = ctx.host): OvhApiError {
  const call = `${ctx.method.toUpperCase()} ${ctx.route}`;
  const effect = mayHaveTakenEffect(ctx.method);
  if (code && TLS_CODES.has(code)) {
    const what =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? 'it presented a self-signed certificate'
        : code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code.startsWith('UNABLE_TO_GET_ISSUER')
          ? 'its certificate is signed by an unknown authority'
          : code === 'CERT_HAS_EXPIRED'
            ? 'its certificate has expired'
            : code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
              ? 'its certificate is for another host name'
              : `the TLS handshake failed (${code})`;
    return build(ctx, {
      kind: 'tls',
      message: `Could not establish a secure connection to ${host} for ${call}: ${what}.`,
      hint:
        'If a proxy or a private certificate authority sits between you and OVH, add its CA certificate with ' +
        'NODE_EXTRA_CA_CERTS=/path/to/ca.pem. If you target the sandbox from another process, use the ca.pem it prints.',
      cause,
    });
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return build(ctx, {
        kind: 'network',
        message: `Could not resolve the host name ${host.replace(/:\d+$/, '')} (DNS lookup failed) for ${call}.`,
        hint: 'Check your internet connection and the endpoint (--endpoint / OVH_ENDPOINT).',
        cause,
      });
    case 'ECONNREFUSED':
      return build(ctx, {
        kind: 'network',
        message: `${host} refused the connection for ${call} (nothing is listening there).`,
        hint: 'Check the endpoint (--endpoint / OVH_ENDPOINT); if it is a local sandbox, is it still running?',
        cause,
      });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return build(ctx, {
        kind: 'network',
        message: `The connection to ${host} was reset before ${call} got an answer.`,
        hint: `A network or proxy problem, or OVH closed the connection; try again.${effect}`,
        cause,
      });
    case 'ETIMEDOUT':
      return build(ctx, {
        kind: 'network',
        message: `Connecting to ${host} timed out for ${call}.`,
        hint: 'Check your internet connection, firewall or proxy.',
        cause,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return build(ctx, {
        kind: 'network',
        message: `${host} is unreachable from this machine (${code}) for ${call}.`,
        hint: 'Check your internet connection and routes.',
        cause,
      });
    default:
      return build(ctx, {
        kind: 'network',
        message: `Network error talking to ${host} for ${call}${code ? ` (${code})` : ''}${detail ? `: ${detail}` : ''}.`,
        hint: `Check your internet connection and try again.${effect}`,
        cause,
      });
  }
}

/** Kind, message and hint for an answer with an HTTP error status. */
function httpFailure(ctx: FailureContext, status: number, ovhMessage: string | undefined, cause: unknown): OvhApiError {
  const method = ctx.method.toUpperCase();
  const call = `${method} ${ctx.route}`;
  const said = ovhMessage ? `: ${ovhMessage}` : '';
  const m = (ovhMessage ?? '').toLowerCase();
  const q = queryIdNote(ctx.queryId);
  const base = { status, ovhMessage, cause };

  if (/query out of time/.test(m)) {
    return build(ctx, {
      ...base,
      kind: 'invalid-signature',
      message: `OVH refused the timestamp of ${call} (Query out of time): this computer's clock and OVH's disagree.`,
      hint: 'Set the system clock right (NTP), then try again; ovh-order corrects for the offset it measures at start.',
    });
  }
  if (/invalid signature/.test(m)) {
    const clock =
      ctx.timeOffsetSeconds !== undefined && Math.abs(ctx.timeOffsetSeconds) > 30
        ? ` This computer's clock is ${Math.abs(ctx.timeOffsetSeconds)} s ${ctx.timeOffsetSeconds > 0 ? 'behind' : 'ahead of'} OVH's.`
        : '';
    return build(ctx, {
      ...base,
      kind: 'invalid-signature',
      message: `OVH rejected the signature of ${call} (Invalid signature).${clock}`,
      hint: 'The application secret does not match the application key, or the consumer key belongs to another application, or the system clock is off. Check the secret, then run `ovh-order login`.',
    });
  }
  if (/pending\s*validation/.test(m)) {
    return build(ctx, {
      ...base,
      kind: 'pending-validation',
      message: `The consumer key has not been validated yet (${call})${said}.`,
      hint: 'Open the validation URL that `ovh-order login` printed and log in with your OVH account to validate it (or run `ovh-order login` again for a new one).',
    });
  }
  if (status === 401) {
    return build(ctx, {
      ...base,
      kind: 'unauthenticated',
      message: `${call} needs you to be logged in${said}.`,
      hint: ctx.oauth2
        ? 'The OAuth2 access token was refused; check the client id and secret of the service account, then run `ovh-order login`.'
        : 'Run `ovh-order login` to create a consumer key for this application.',
    });
  }
  if (status === 403) {
    if (/application key/.test(m) || /invalid.?key/.test(m)) {
      return build(ctx, {
        ...base,
        kind: 'invalid-app-key',
        message: `OVH does not know this application key (${call})${said}.`,
        hint: `Create an application at ${ctx.createAppUrl} and run \`ovh-order login\` with its key and secret.`,
      });
    }
    if (/credential (does not exist|is not valid)|invalid.?credential|not.?credential|credential.*(expired|revoked)/.test(m)) {
      return build(ctx, {
        ...base,
        kind: 'invalid-credential',
        message: `The consumer key is unknown, expired or revoked (${call})${said}.`,
        hint: 'Run `ovh-order login` to create and validate a new consumer key.',
      });
    }
    if (/not been granted|not.?granted/.test(m)) {
      const rule = accessRuleFor(method, ctx.route);
      return build(ctx, {
        ...base,
        kind: 'not-granted',
        message: `The consumer key is not allowed to call ${call}${said}; it lacks the access rule ${rule}.`,
        hint: `Run \`ovh-order login\` again: it asks for the rights ovh-order needs (including ${rule}).`,
      });
    }
    if (/already been validated|read-only/.test(m)) {
      return build(ctx, {
        ...base,
        kind: 'not-allowed',
        message: `${call}: this cart has already been checked out and can no longer change${said}.`,
        hint: 'Look at the order it became with `ovh-order status`, or start a new order.',
      });
    }
    if (/not allowed|not been assigned|hasn't been assigned|not assigned/.test(m)) {
      return build(ctx, {
        ...base,
        kind: 'not-allowed',
        message: `OVH refused ${call}${said}. The cart is not assigned to this account.`,
        hint: 'A cart must be assigned (POST /order/cart/{cartId}/assign) by the account that checks it out; use a cart created with this account, or create a new one.',
      });
    }
    return build(ctx, {
      ...base,
      kind: 'not-allowed',
      message: `OVH refused ${call} (403)${said}.`,
      hint: `This account or consumer key may not do this; run \`ovh-order login\` if its rights changed.${q}`,
    });
  }
  if (status === 460 || /\bexpired\b/.test(m)) {
    return build(ctx, {
      ...base,
      kind: 'expired',
      message: `${call}: the resource has expired${said}.`,
      hint: ctx.route.startsWith('/order/cart') ? 'The cart has expired; start a new order.' : `It can no longer be used.${q}`,
    });
  }
  if (status === 404) {
    const cart = ctx.route.startsWith('/order/cart/{cartId}');
    return build(ctx, {
      ...base,
      kind: 'not-found',
      message: `Not found: ${call}${said}.`,
      hint: cart
        ? 'Carts expire (one day by default) and are deleted after checkout; list yours with `ovh-order cart list`, or start a new order.'
        : ctx.route.startsWith('/me/order')
          ? 'No such order on this account; list recent orders with `ovh-order status`.'
          : `Check the value you gave.${q}`,
    });
  }
  if (status === 409) {
    return build(ctx, {
      ...base,
      kind: 'conflict',
      message: `OVH reported a conflict for ${call}${said}.`,
      hint: `Something changed meanwhile (or it already exists); look at the current state and try again.${q}`,
    });
  }
  if (status === 429) {
    const wait = ctx.retryAfterSeconds !== undefined ? ` OVH asks to wait ${ctx.retryAfterSeconds} s.` : '';
    return build(ctx, {
      ...base,
      kind: 'rate-limited',
      retryAfterSeconds: ctx.retryAfterSeconds,
      message: `OVH is limiting the request rate (429) for ${call}${said}.${wait}`,
      hint: `Wait a little and try again${ctx.retryAfterSeconds !== undefined ? ` (after ${ctx.retryAfterSeconds} s)` : ''}.`,
    });
  }
  if (status >= 500) {
    return build(ctx, {
      ...base,
      kind: 'server',
      message: `OVH had a problem answering ${call} (HTTP ${status})${said}.`,
      hint: `This is on OVH's side; try again in a few minutes.${mayHaveTakenEffect(method)}${q}`,
    });
  }
  return build(ctx, {
    ...base,
    kind: 'bad-request',
    message: `OVH refused ${call} (HTTP ${status})${said}.`,
    hint: badRequestHint(m) + q,
  });
}

function badRequestHint(m: string): string {
  if (/custom field|customfields|configuration/.test(m)) return 'A server configuration (datacenter, OS, region…) is missing, duplicated or not accepted; check the item\'s configuration.';
  if (/payment method|payment mean/.test(m)) return 'Register a valid default payment method in the OVH control panel, or check out without automatic payment and pay the order there.';
  if (/plan code not found/.test(m)) return 'This plan code does not exist for this subsidiary; pick one from `ovh-order catalog`.';
  if (/is not available in/.test(m)) return 'This hardware is out of stock in that datacenter; pick another datacenter or configuration.';
  return 'Check the values given; OVH\'s message above says what it did not accept.';
}

/**
 * Turns what node-ovh rejected with (plus what the client saw on the wire) into an OvhApiError.
 * Never puts secrets in the message: only the call pattern, the host, statuses and OVH's own text.
 */
export function describeFailure(rejection: unknown, ctx: FailureContext): OvhApiError {
  if (rejection instanceof OvhApiError) return rejection;
  const u = unwrap(rejection);
  const call = `${ctx.method.toUpperCase()} ${ctx.route}`;

  if (ctx.timedOut) {
    return build(ctx, {
      kind: 'timeout',
      message: `${call} got no complete answer from ${ctx.host} within ${formatSeconds(ctx.timeoutMs)}.`,
      hint: `OVH or the network is slow; try again, or allow more time with --timeout.${mayHaveTakenEffect(ctx.method)}`,
      cause: rejection,
    });
  }
  if (ctx.droppedMidAnswer) {
    return build(ctx, {
      kind: 'network',
      status: ctx.status,
      message: `The connection to ${ctx.host} closed while the answer to ${call} was still arriving.`,
      hint: `A network or proxy problem; try again.${mayHaveTakenEffect(ctx.method)}`,
      cause: rejection,
    });
  }
  if (ctx.tokenFailure || u.oauthTokenError) {
    const tokenStatus = ctx.tokenFailure?.status ?? u.oauthTokenError?.statusCode;
    const tokenHost = ctx.tokenFailure?.tokenHost ?? ctx.host;
    const cause = ctx.tokenFailure?.cause;
    const code = errorCodeOf(cause);
    if (code) return networkFailure(ctx, code, undefined, rejection, tokenHost);
    if (tokenStatus === 400 || tokenStatus === 401 || tokenStatus === 403) {
      return build(ctx, {
        kind: 'invalid-credential',
        status: tokenStatus,
        message: `The OAuth2 token server ${tokenHost} refused the client id/secret (HTTP ${tokenStatus}) before ${call}.`,
        hint: 'Check the service account\'s client id and secret (`ovh-order login --client-id … --client-secret …`).',
        cause: rejection,
      });
    }
    return build(ctx, {
      kind: tokenStatus && tokenStatus >= 500 && tokenStatus !== 502 ? 'server' : 'network',
      status: tokenStatus,
      message: `Could not get an OAuth2 access token from ${tokenHost} for ${call}${tokenStatus ? ` (HTTP ${tokenStatus})` : ''}.`,
      hint: 'Check your connection and the endpoint; try again in a moment.',
      cause: rejection,
    });
  }

  const status = u.status ?? ctx.status;
  if (u.text === NODE_OVH_TIME_FAILURE) {
    const inner = errorCodeOf(ctx.networkError);
    if (inner) return networkFailure({ ...ctx, route: '/auth/time', method: 'GET' }, inner, undefined, rejection);
    return build(ctx, {
      kind: 'network',
      message: `Could not read OVH's clock (GET /auth/time on ${ctx.host}) before ${call}.`,
      hint: 'Check your connection and the endpoint (--endpoint / OVH_ENDPOINT).',
      cause: rejection,
    });
  }
  if (u.text === NODE_OVH_JSON_FAILURE) {
    if (status !== undefined && (status < 200 || status > 299)) return httpFailure(ctx, status, undefined, rejection);
    return build(ctx, {
      kind: 'malformed',
      status,
      message: `The answer to ${call} is not valid JSON (truncated or garbled).`,
      hint: `Try again; if it persists, OVH or a proxy is corrupting answers.${mayHaveTakenEffect(ctx.method)}${queryIdNote(ctx.queryId)}`,
      cause: rejection,
    });
  }
  if (u.status !== undefined) return httpFailure(ctx, u.status, u.message, rejection);

  const code = u.code ?? errorCodeOf(ctx.networkError);
  if (code || rejection instanceof Error || typeof u.raw === 'number') {
    return networkFailure(ctx, code, u.text, rejection);
  }
  return build(ctx, {
    kind: 'network',
    message: `${call} failed: ${u.text ?? 'no answer'}.`,
    hint: `Try again.${mayHaveTakenEffect(ctx.method)}`,
    cause: rejection,
  });
}

/** A 2xx answer that does not have the shape the program relies on. */
export function malformedAnswer(ctx: Pick<FailureContext, 'method' | 'route' | 'queryId'>, problems: string, cause?: unknown): OvhApiError {
  const call = `${ctx.method.toUpperCase()} ${ctx.route}`;
  return new OvhApiError({
    kind: 'malformed',
    call,
    queryId: ctx.queryId,
    message: `The answer to ${call} does not have the expected shape: ${problems}.`,
    hint: `OVH may have changed this call; please report it with the output of --debug.${mayHaveTakenEffect(ctx.method)}`,
    cause,
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
