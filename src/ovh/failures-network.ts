// Failures below HTTP: TLS, DNS, refused or reset connections. Told by the error code Node gives
// (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`…), never by its text.
import { getSystemErrorName } from 'node:util';
import type { OvhApiError } from './errors.js';
import { callOf, failureOf, mayHaveTakenEffect, type FailureContext } from './failures-common.js';

/** What the certificate problem of each TLS code is, in words. */
const TLS_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'it presented a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by an unknown authority',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
  HOSTNAME_MISMATCH: 'its certificate is for another host name',
  CERT_NOT_YET_VALID: 'the TLS handshake failed (CERT_NOT_YET_VALID)',
  CERT_UNTRUSTED: 'the TLS handshake failed (CERT_UNTRUSTED)',
  CERT_REVOKED: 'the TLS handshake failed (CERT_REVOKED)',
  EPROTO: 'the TLS handshake failed (EPROTO)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER)',
};

/** Error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`…) of whatever node-ovh or the socket gave. */
export function errorCodeOf(value: unknown): string | undefined {
  if (typeof value === 'number' && value < 0) {
    try {
      return getSystemErrorName(value);
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && 'code' in value && typeof value.code === 'string') {
    return (value as { code: string }).code;
  }
  return undefined;
}

export function networkFailure(ctx: FailureContext, code: string | undefined, detail: string | undefined, cause: unknown, host = ctx.host): OvhApiError {
  const call = callOf(ctx);
  const effect = mayHaveTakenEffect(ctx.method);
  const tlsProblem = code === undefined ? undefined : TLS_PROBLEMS[code];
  if (tlsProblem) {
    return failureOf(ctx, {
      kind: 'tls',
      message: `Could not establish a secure connection to ${host} for ${call}: ${tlsProblem}.`,
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
      return failureOf(ctx, {
        kind: 'network',
        message: `Could not resolve the host name ${host.replace(/:\d+$/, '')} (DNS lookup failed) for ${call}.`,
        hint: 'Check your internet connection and the endpoint (--endpoint / OVH_ENDPOINT).',
        cause,
      });
    case 'ECONNREFUSED':
      return failureOf(ctx, {
        kind: 'network',
        message: `${host} refused the connection for ${call} (nothing is listening there).`,
        hint: 'Check the endpoint (--endpoint / OVH_ENDPOINT); if it is a local sandbox, is it still running?',
        cause,
      });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return failureOf(ctx, {
        kind: 'network',
        message: `The connection to ${host} was reset before ${call} got an answer.`,
        hint: `A network or proxy problem, or OVH closed the connection; try again.${effect}`,
        cause,
      });
    case 'ETIMEDOUT':
      return failureOf(ctx, {
        kind: 'network',
        message: `Connecting to ${host} timed out for ${call}.`,
        hint: 'Check your internet connection, firewall or proxy.',
        cause,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return failureOf(ctx, {
        kind: 'network',
        message: `${host} is unreachable from this machine (${code}) for ${call}.`,
        hint: 'Check your internet connection and routes.',
        cause,
      });
    default:
      return failureOf(ctx, {
        kind: 'network',
        message: `Network error talking to ${host} for ${call}${code ? ` (${code})` : ''}${detail ? `: ${detail}` : ''}.`,
        hint: `Check your internet connection and try again.${effect}`,
        cause,
      });
  }
}
