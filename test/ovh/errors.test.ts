import { describe, expect, it } from 'vitest';
import { CliError, ExitCode } from '../../src/domain/errors.js';
import { OvhApiError, type OvhErrorKind } from '../../src/ovh/errors.js';
import { accessRuleFor, describeFailure, malformedAnswer } from '../../src/ovh/failures.js';
import { HTTP_RULES } from '../../src/ovh/failures-http.js';
import { baseFailureContext, type Expected } from './helpers/failure-context.js';

const base = baseFailureContext;

function sysError(code: string, message = code): NodeJS.ErrnoException {
  const e = new Error(message) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

interface Row extends Expected {
  name: string;
  rejection: unknown;
}

// What node-ovh rejects with: {error: status|errno|Error|string, message: body.message}. Answers
// with an HTTP status go through the rule table, tested rule by rule in failure-rules.test.ts.
const rows: Row[] = [
  {
    name: 'self-signed certificate',
    rejection: { error: sysError('DEPTH_ZERO_SELF_SIGNED_CERT') },
    kind: 'tls',
    exit: 1,
    message: /secure connection to eu\.api\.ovh\.com.*self-signed/,
    hint: /NODE_EXTRA_CA_CERTS/,
  },
  {
    name: 'unknown CA',
    rejection: { error: sysError('UNABLE_TO_VERIFY_LEAF_SIGNATURE') },
    kind: 'tls',
    exit: 1,
    message: /unknown authority/,
    hint: /NODE_EXTRA_CA_CERTS/,
  },
  {
    name: 'DNS failure (errno from node-ovh)',
    rejection: { error: -3008 },
    kind: 'network',
    exit: 1,
    message: /resolve the host name eu\.api\.ovh\.com/,
    hint: /--endpoint/,
  },
  {
    name: 'connection refused (errno)',
    rejection: { error: -111 },
    ctx: { host: '127.0.0.1:9' },
    kind: 'network',
    exit: 1,
    message: /127\.0\.0\.1:9 refused the connection for GET \/order\/cart\/\{cartId\}/,
    hint: /sandbox/,
  },
  {
    name: 'connection reset',
    rejection: { error: sysError('ECONNRESET', 'socket hang up') },
    kind: 'network',
    exit: 1,
    message: /reset before GET \/order\/cart\/\{cartId\} got an answer/,
    hint: /try again/,
  },
  {
    name: 'connection reset during a POST',
    rejection: { error: -104 },
    ctx: { method: 'POST', route: '/order/cart/{cartId}/checkout' },
    kind: 'network',
    exit: 1,
    message: /reset/,
    hint: /may have taken effect/,
  },
  {
    name: 'timeout',
    rejection: { error: sysError('ECONNRESET') },
    ctx: { timedOut: true, timeoutMs: 2500 },
    kind: 'timeout',
    exit: 1,
    message: /GET \/order\/cart\/\{cartId\} got no complete answer from eu\.api\.ovh\.com within 2\.5 s/,
    hint: /--timeout/,
  },
  {
    name: 'answer cut short',
    rejection: new Error('closed'),
    ctx: { droppedMidAnswer: true, status: 200 },
    kind: 'network',
    exit: 1,
    message: /closed while the answer to GET/,
    hint: /try again/,
  },
  {
    name: 'node-ovh could not read the time',
    rejection: { error: '[OVH] Unable to fetch OVH API time' },
    kind: 'network',
    exit: 1,
    message: /OVH's clock \(GET \/auth\/time on eu\.api\.ovh\.com\)/,
    hint: /endpoint/,
  },
  {
    name: 'malformed JSON',
    rejection: { error: '[OVH] Unable to parse JSON reponse' },
    ctx: { status: 200 },
    kind: 'malformed',
    exit: 1,
    message: /not valid JSON/,
    hint: /try again/i,
  },
  {
    name: 'non-JSON 502 page',
    rejection: { error: '[OVH] Unable to parse JSON reponse' },
    ctx: { status: 502 },
    kind: 'server',
    exit: 1,
    message: /HTTP 502/,
    hint: /OVH's side/,
  },
  {
    name: '503 on a POST',
    rejection: { error: 503, message: 'Service is temporarily unavailable' },
    ctx: { method: 'POST', route: '/order/cart' },
    kind: 'server',
    exit: 1,
    message: /503/,
    hint: /may have taken effect/,
  },
  {
    name: 'OAuth2 token refused',
    rejection: { error: { statusCode: 401, error: 'Unauthorized', message: undefined } },
    ctx: { oauth2: true, tokenFailure: { status: 401, tokenHost: 'www.ovh.com' } },
    kind: 'invalid-credential',
    exit: 3,
    message: /www\.ovh\.com refused the client id\/secret/,
    hint: /client id and secret/,
  },
  {
    name: 'OAuth2 token host unreachable',
    rejection: { error: { statusCode: 502 } },
    ctx: { oauth2: true, tokenFailure: { cause: sysError('ECONNREFUSED'), tokenHost: 'www.ovh.com' } },
    kind: 'network',
    exit: 1,
    message: /www\.ovh\.com refused the connection/,
    hint: /endpoint/,
  },
];

describe('describeFailure maps what node-ovh rejects with', () => {
  it.each(rows)('$name → $kind (exit $exit)', (row) => {
    const error = describeFailure(row.rejection, { ...base, ...row.ctx });
    expect(error).toBeInstanceOf(OvhApiError);
    expect(error).toBeInstanceOf(CliError);
    expect(error.kind).toBe(row.kind);
    expect(error.exitCode).toBe(row.exit);
    expect(error.message).toMatch(row.message);
    expect(error.hint).toMatch(row.hint);
    expect(error.code).toBe(`ovh_${row.kind.replace(/-/g, '_')}`);
    expect(error.call).toBe(`${(row.ctx?.method ?? 'GET').toUpperCase()} ${row.ctx?.route ?? base.route}`);
  });

  it('covers every kind of the contract (with the HTTP rules)', () => {
    const kinds = new Set([...rows.map((r) => r.kind), ...HTTP_RULES.map((r) => r.kind), malformedAnswer({ method: 'GET', route: '/me' }, 'x').kind]);
    // 'pending-validation' is given by login, which knows a key waits for validation: OVH's answer
    // is the same as for any invalid key (test/flows/login.test.ts).
    const all: OvhErrorKind[] = [
      'network',
      'tls',
      'timeout',
      'unauthenticated',
      'invalid-signature',
      'invalid-app-key',
      'invalid-credential',
      'not-granted',
      'not-allowed',
      'not-found',
      'expired',
      'conflict',
      'rate-limited',
      'server',
      'bad-request',
      'malformed',
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
  });

  it('keeps status, OVH message and query id on the error', () => {
    const error = describeFailure({ error: 403, message: 'This call has not been granted' }, { ...base, queryId: 'EU.ext-1.x', status: 403 });
    expect(error).toMatchObject({ status: 403, ovhMessage: 'This call has not been granted', queryId: 'EU.ext-1.x' });
  });

  it('does not blame the clock for a bad signature when the clock is fine', () => {
    const error = describeFailure({ error: 400, message: 'Invalid signature' }, { ...base, timeOffsetSeconds: 1 });
    expect(error.message).not.toMatch(/clock is/);
    expect(error.exitCode).toBe(ExitCode.credentials);
  });

  it('uses the status seen on the wire when node-ovh only says the body was not JSON', () => {
    const error = describeFailure('[OVH] Unable to parse JSON reponse', { ...base, status: 403 });
    expect(error.status).toBe(403);
    expect(error.kind).toBe('not-allowed');
  });
});

describe('malformedAnswer', () => {
  it('names the call and the bad field', () => {
    const e = malformedAnswer({ method: 'GET', route: '/order/cart/{cartId}', queryId: 'EU.q' }, 'items[0]: expected number');
    expect(e.kind).toBe('malformed');
    expect(e.message).toBe('The answer to GET /order/cart/{cartId} does not have the expected shape: items[0]: expected number.');
    expect(e.exitCode).toBe(1);
  });
});

describe('accessRuleFor', () => {
  it.each([
    ['POST', '/order/cart/{cartId}/checkout', 'POST /order/*'],
    ['get', '/me', 'GET /me'],
    ['GET', '/me/order/{orderId}', 'GET /me/*'],
    ['DELETE', '/', 'DELETE /*'],
  ])('%s %s → %s', (method, route, rule) => {
    expect(accessRuleFor(method, route)).toBe(rule);
  });
});
