// Turns a failed call into an OvhApiError. node-ovh rejects with very little:
// `{error: statusCode | errno | Error | string, message}`. The client adds what it saw on the wire
// (status, X-Ovh-Queryid, Retry-After, the socket error, whether the deadline fired). Below HTTP,
// failures-network.ts tells them by error code; an HTTP status goes through the rule table of
// failures-http.ts.
import { OvhApiError } from './errors.js';
import { callOf, failureOf, mayHaveTakenEffect, queryIdNote, type FailureContext } from './failures-common.js';
import { httpFailure } from './failures-http.js';
import { errorCodeOf, networkFailure } from './failures-network.js';
import { NODE_OVH_JSON_FAILURE, NODE_OVH_TIME_FAILURE } from './node-ovh.js';

export type { FailureContext } from './failures-common.js';
export { errorCodeOf } from './failures-network.js';
export { accessRuleFor, isNotAssignedRefusal } from './failures-http.js';

/** A classified failure, and the HTTP rule that decided it (none below HTTP). */
export interface Classified {
  error: OvhApiError;
  httpRule?: string;
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
    error = rejection.error;
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

function tokenFailure(ctx: FailureContext, u: Unwrapped, rejection: unknown): OvhApiError {
  const call = callOf(ctx);
  const tokenStatus = ctx.tokenFailure?.status ?? u.oauthTokenError?.statusCode;
  const tokenHost = ctx.tokenFailure?.tokenHost ?? ctx.host;
  const code = errorCodeOf(ctx.tokenFailure?.cause);
  if (code) return networkFailure(ctx, code, undefined, rejection, tokenHost);
  if (tokenStatus === 400 || tokenStatus === 401 || tokenStatus === 403) {
    return failureOf(ctx, {
      kind: 'invalid-credential',
      status: tokenStatus,
      message: `The OAuth2 token server ${tokenHost} refused the client id/secret (HTTP ${tokenStatus}) before ${call}.`,
      hint: "Check the service account's client id and secret (`ovh-order login --client-id … --client-secret …`).",
      cause: rejection,
    });
  }
  return failureOf(ctx, {
    kind: tokenStatus && tokenStatus >= 500 && tokenStatus !== 502 ? 'server' : 'network',
    status: tokenStatus,
    message: `Could not get an OAuth2 access token from ${tokenHost} for ${call}${tokenStatus ? ` (HTTP ${tokenStatus})` : ''}.`,
    hint: 'Check your connection and the endpoint; try again in a moment.',
    cause: rejection,
  });
}

/**
 * Turns what node-ovh rejected with (plus what the client saw on the wire) into an OvhApiError,
 * with the HTTP rule that decided it. Never puts secrets in the message: only the call pattern,
 * the host, statuses and OVH's own text.
 */
export function classifyFailure(rejection: unknown, ctx: FailureContext): Classified {
  if (rejection instanceof OvhApiError) return { error: rejection };
  const u = unwrap(rejection);
  const call = callOf(ctx);
  const effect = mayHaveTakenEffect(ctx.method);

  if (ctx.timedOut) {
    return {
      error: failureOf(ctx, {
        kind: 'timeout',
        message: `${call} got no complete answer from ${ctx.host} within ${formatSeconds(ctx.timeoutMs)}.`,
        hint: `OVH or the network is slow; try again, or allow more time with --timeout.${effect}`,
        cause: rejection,
      }),
    };
  }
  if (ctx.droppedMidAnswer) {
    return {
      error: failureOf(ctx, {
        kind: 'network',
        status: ctx.status,
        message: `The connection to ${ctx.host} closed while the answer to ${call} was still arriving.`,
        hint: `A network or proxy problem; try again.${effect}`,
        cause: rejection,
      }),
    };
  }
  if (ctx.tokenFailure || u.oauthTokenError) return { error: tokenFailure(ctx, u, rejection) };

  const status = u.status ?? ctx.status;
  if (u.text === NODE_OVH_TIME_FAILURE) {
    const inner = errorCodeOf(ctx.networkError);
    if (inner) return { error: networkFailure({ ...ctx, route: '/auth/time', method: 'GET' }, inner, undefined, rejection) };
    return {
      error: failureOf(ctx, {
        kind: 'network',
        message: `Could not read OVH's clock (GET /auth/time on ${ctx.host}) before ${call}.`,
        hint: 'Check your connection and the endpoint (--endpoint / OVH_ENDPOINT).',
        cause: rejection,
      }),
    };
  }
  if (u.text === NODE_OVH_JSON_FAILURE) {
    if (status !== undefined && (status < 200 || status > 299)) return fromHttp(ctx, status, undefined, rejection);
    return {
      error: failureOf(ctx, {
        kind: 'malformed',
        status,
        message: `The answer to ${call} is not valid JSON (truncated or garbled).`,
        hint: `Try again; if it persists, OVH or a proxy is corrupting answers.${effect}${queryIdNote(ctx.queryId)}`,
        cause: rejection,
      }),
    };
  }
  if (u.status !== undefined) return fromHttp(ctx, u.status, u.message, rejection);

  const code = u.code ?? errorCodeOf(ctx.networkError);
  if (code || rejection instanceof Error || typeof u.raw === 'number') return { error: networkFailure(ctx, code, u.text, rejection) };
  return {
    error: failureOf(ctx, { kind: 'network', message: `${call} failed: ${u.text ?? 'no answer'}.`, hint: `Try again.${effect}`, cause: rejection }),
  };
}

function fromHttp(ctx: FailureContext, status: number, ovhMessage: string | undefined, cause: unknown): Classified {
  const { error, rule } = httpFailure(ctx, status, ovhMessage, cause);
  return { error, httpRule: rule.id };
}

/** `classifyFailure` without the rule: the error alone. */
export function describeFailure(rejection: unknown, ctx: FailureContext): OvhApiError {
  return classifyFailure(rejection, ctx).error;
}

/** A 2xx answer that does not have the shape the program relies on. */
export function malformedAnswer(ctx: Pick<FailureContext, 'method' | 'route' | 'queryId'>, problems: string, cause?: unknown): OvhApiError {
  const call = callOf(ctx);
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
