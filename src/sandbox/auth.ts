// Authentication as the OVH API v1 does it:
//   - `Authorization: Bearer <token>` (OAuth2 client credentials) → full rights, no X-Ovh signature;
//   - signed calls (X-Ovh-Consumer): application key, consumer key, timestamp window, `$1$` SHA-1
//     signature over AS+CK+METHOD+URL+BODY+TS with URL = https://<host without port><basePath><path>[?query],
//     credential state, then the credential's access rules (checked on every signed call, noAuth
//     routes included: a key that a minimal-rights client relies on must really cover its calls);
//   - unsigned calls reach `noAuthentication` routes only (401 "You must login first" otherwise).
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';
import type { ApiRequest, Caller, RouteDef } from './router.js';
import { stateOf, type SandboxRuntime } from './runtime.js';
import type { AccessRule, CredentialRecord } from './state.js';

/** Accepted distance between X-Ovh-Timestamp and the sandbox clock. */
const TIMESTAMP_WINDOW_SECONDS = 300;

export function signatureOf(appSecret: string, consumerKey: string, method: string, url: string, body: string, timestamp: string): string {
  return `$1$${createHash('sha1').update([appSecret, consumerKey, method, url, body, timestamp].join('+')).digest('hex')}`;
}

function header(req: ApiRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function isSigned(req: Pick<ApiRequest, 'headers'>): boolean {
  return req.headers['x-ovh-consumer'] !== undefined || req.headers['x-ovh-signature'] !== undefined;
}

export function bearerOf(req: Pick<ApiRequest, 'headers'>): string | undefined {
  const value = req.headers.authorization;
  const m = typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return m?.[1];
}

/** `*` matches any run of characters (slashes included), as in `/order/*` or `/sms/*\/jobs`. */
function ruleMatches(rule: AccessRule, method: string, path: string): boolean {
  if (rule.method !== method) return false;
  const pattern = rule.path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}

/**
 * Who is calling; throws the OVH error when the call must be refused. A key may always read its own
 * rules (GET /auth/currentCredential): the 2017 recording shows a key granted only /domain/zone/*
 * reading them.
 */
export function authenticate(req: ApiRequest, route: RouteDef, sb: SandboxRuntime, fullUrlPath: string): Caller | null {
  const state = stateOf(sb);
  const bearer = bearerOf(req);
  if (bearer !== undefined) {
    const token = state.tokens.find((t) => t.accessToken === bearer);
    if (!token || token.expiresAtMs <= sb.clock.nowMs()) {
      throw new ApiError(401, 'Invalid or expired access token', { errorCode: 'INVALID_TOKEN' });
    }
    return { kind: 'oauth2', nichandle: state.account.nichandle, token };
  }

  if (!isSigned(req)) {
    if (!route.noAuth) throw new ApiError(401, 'You must login first', { errorCode: 'NOT_AUTHENTICATED' });
    return null;
  }

  const appKey = header(req, 'x-ovh-application');
  const app = state.apps.find((a) => a.appKey === appKey);
  if (!app) throw new ApiError(403, 'This application key is invalid', { errorCode: 'INVALID_KEY' });

  const consumerKey = header(req, 'x-ovh-consumer') ?? '';
  const credential = state.credentials.find((c) => c.consumerKey === consumerKey && c.appKey === app.appKey);
  if (!credential) throw new ApiError(403, 'This credential does not exist', { errorCode: 'NOT_CREDENTIAL' });

  const timestamp = header(req, 'x-ovh-timestamp') ?? '';
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(seconds - Math.floor(sb.clock.nowMs() / 1000)) > TIMESTAMP_WINDOW_SECONDS) {
    throw new ApiError(400, 'Query out of time', { errorCode: 'QUERY_TIME_OUT' });
  }

  const expected = signatureOf(app.appSecret, consumerKey, req.method, `https://${req.host}${fullUrlPath}`, req.rawBody, timestamp);
  const received = header(req, 'x-ovh-signature') ?? '';
  if (received.length !== expected.length || !timingSafeEqual(Buffer.from(received), Buffer.from(expected))) {
    throw new ApiError(400, 'Invalid signature', { errorCode: 'INVALID_SIGNATURE' });
  }

  refreshExpiry(credential, sb.clock.nowMs());
  // A key waiting for its validation page gets the same answer as an expired or revoked one, as
  // from the real API (php-ovh#56, docs/ovh-api.md §2.2): nothing tells a client which it is.
  if (credential.status !== 'validated') throw new ApiError(403, 'This credential is not valid', { errorCode: 'INVALID_CREDENTIAL' });

  const own = route.method === 'GET' && route.pattern === '/auth/currentCredential';
  if (!own && !credential.rules.some((rule) => ruleMatches(rule, req.method, req.path))) {
    throw new ApiError(403, 'This call has not been granted', { errorCode: 'NOT_GRANTED_CALL' });
  }
  credential.lastUse = sb.clock.now().toISOString();
  return { kind: 'signature', nichandle: state.account.nichandle, credential };
}

function refreshExpiry(credential: CredentialRecord, nowMs: number): void {
  if (credential.status === 'validated' && credential.expiration && Date.parse(credential.expiration) <= nowMs) credential.status = 'expired';
}
