// Pieces every failure message shares: the error built for one call, the warning that a write may
// have taken effect, and the query id to quote to OVH support.
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

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

export function callOf(ctx: Pick<FailureContext, 'method' | 'route'>): string {
  return `${ctx.method.toUpperCase()} ${ctx.route}`;
}

export function mayHaveTakenEffect(method: string): string {
  return WRITE_METHODS.has(method.toUpperCase())
    ? " This call changes things on OVH's side and may have taken effect anyway: check (e.g. `ovh-order status`, `ovh-order cart show`) before trying again."
    : '';
}

export function queryIdNote(queryId: string | undefined): string {
  return queryId ? ` OVH query id: ${queryId} (quote it to OVH support).` : '';
}

export function failureOf(ctx: FailureContext, init: Omit<OvhApiErrorInit, 'call'>): OvhApiError {
  return new OvhApiError({ ...init, call: callOf(ctx), queryId: init.queryId ?? ctx.queryId });
}
