// The real client (real @ovhcloud/node-ovh, real TLS) against a small scripted HTTPS server: exact
// wire behaviour that the sandbox does not script (trickling bodies, resets, Retry-After…).
import { createServer } from 'node:net';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CliError } from '../../src/domain/errors.js';
import { OvhApi } from '../../src/ovh/api.js';
import { ANONYMOUS_APPLICATION_KEY, OvhClient, type ClientOptions, type Credentials } from '../../src/ovh/client.js';
import { OvhApiError } from '../../src/ovh/errors.js';
import { pendingExpectations } from '../../src/ovh/wire.js';
import { expectedSignature, json, startTestServer, type Handler, type ReceivedRequest, type TestServer } from './helpers/https-test-server.js';
import { rejectionOf } from '../helpers/rejection.js';

const AS = 'EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF';
const CK = 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1';
const AK = 'appKeyForTests1';
const APP: Credentials = { kind: 'app', appKey: AK, appSecret: AS, consumerKey: CK };
const FAST_RETRY = { maxAttempts: 4, maxTotalMs: 5_000, baseDelayMs: 2 };

let server: TestServer;
const nowSeconds = () => Math.round(Date.now() / 1000);
let clockAhead = 0;

/** Routes `/1.0/auth/time` to the server clock; everything else to `rest`. */
function withTime(rest: Handler): Handler {
  return (req, res, socket) => {
    if (req.url === '/1.0/auth/time') return json(res, 200, nowSeconds() + clockAhead);
    return rest(req, res, socket);
  };
}

function apiRequests(): ReceivedRequest[] {
  return server.received.filter((r) => r.url !== '/1.0/auth/time');
}

function client(over: Partial<ClientOptions> = {}): OvhClient {
  return new OvhClient({ endpoint: server.endpoint, credentials: APP, trustCaPem: server.caPem, retry: FAST_RETRY, timeOffsetSeconds: 0, ...over });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OvhApiError);

const Anything = z.unknown();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.received.length = 0;
  clockAhead = 0;
  server.handle(withTime((_req, res) => json(res, 200, { ok: true })));
});

describe('requests on the wire', () => {
  it('fills and URL-encodes placeholders, builds the query string, and signs what OVH verifies', async () => {
    await client().request(
      'GET',
      '/order/cart/{cartId}/eco',
      { path: { cartId: 'a b/c' }, query: { planCode: '24sk10', missing: undefined, datacenters: ['gra', 'rbx'] } },
      Anything,
    );
    const [req] = apiRequests();
    expect(req!.url).toBe('/1.0/order/cart/a%20b%2Fc/eco?planCode=24sk10&datacenters=gra%2Crbx');
    expect(req!.headers['x-ovh-application']).toBe(AK);
    expect(req!.headers['x-ovh-consumer']).toBe(CK);
    const ts = String(req!.headers['x-ovh-timestamp']);
    // node-ovh signs https://<host without port><path>.
    expect(req!.headers['x-ovh-signature']).toBe(expectedSignature(AS, CK, 'GET', `https://127.0.0.1${req!.url}`, '', ts));
  });

  it('sends POST bodies as node-ovh does (non-ASCII escaped, nulls dropped) and signs the exact bytes', async () => {
    await client().request('POST', '/order/cart', { body: { ovhSubsidiary: 'FR', description: 'Café', expire: null } }, Anything);
    const [req] = apiRequests();
    expect(req!.body).toBe('{"ovhSubsidiary":"FR","description":"Caf\\u00e9"}');
    expect(req!.headers['x-ovh-signature']).toBe(
      expectedSignature(AS, CK, 'POST', 'https://127.0.0.1/1.0/order/cart', req!.body, String(req!.headers['x-ovh-timestamp'])),
    );
  });

  it('rejects a route value that is missing as a usage error, without calling OVH', async () => {
    await expect(client().request('GET', '/order/cart/{cartId}', { path: { cartId: '' } }, Anything)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('{cartId}'),
    });
    expect(server.received).toHaveLength(0);
  });

  it('accepts 2xx answers without a body as void', async () => {
    server.handle((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(
      new OvhApi({ endpoint: server.endpoint, credentials: APP, trustCaPem: server.caPem, timeOffsetSeconds: 0 }).deleteCart('c1'),
    ).resolves.toBeUndefined();
  });
});

describe('time offset', () => {
  it('fetches GET /auth/time once, shared by concurrent first calls, and reports skew', async () => {
    clockAhead = 100;
    const offsets: number[] = [];
    const skews: number[] = [];
    const c = client({ timeOffsetSeconds: undefined, onTimeOffset: (o) => offsets.push(o), onClockSkew: (o) => skews.push(o) });
    await Promise.all([1, 2, 3].map((n) => c.request('GET', '/me/order/{orderId}', { path: { orderId: n } }, Anything)));
    expect(server.received.filter((r) => r.url === '/1.0/auth/time')).toHaveLength(1);
    expect(offsets).toHaveLength(1);
    expect(Math.abs(offsets[0]! - 100)).toBeLessThanOrEqual(2);
    expect(skews).toEqual(offsets);
    // The signed timestamp follows OVH's clock.
    for (const r of apiRequests()) expect(Math.abs(Number(r.headers['x-ovh-timestamp']) - (nowSeconds() + 100))).toBeLessThanOrEqual(3);
    expect(c.timeOffsetSeconds).toBe(offsets[0]);
  });

  it('does not report skew for a small offset', async () => {
    clockAhead = 5;
    const skews: number[] = [];
    await client({ timeOffsetSeconds: undefined, onClockSkew: (o) => skews.push(o) }).request('GET', '/me', {}, Anything);
    expect(skews).toEqual([]);
  });

  it('treats a cached offset of 0 as known (no /auth/time call)', async () => {
    clockAhead = 500;
    await client({ timeOffsetSeconds: 0 }).request('GET', '/me', {}, Anything);
    expect(server.received.map((r) => r.url)).toEqual(['/1.0/me']);
    expect(Math.abs(Number(server.received[0]!.headers['x-ovh-timestamp']) - nowSeconds())).toBeLessThanOrEqual(2);
  });

  it('fetches the time again after a failed fetch', async () => {
    let first = true;
    server.handle((req, res, socket) => {
      if (req.url === '/1.0/auth/time' && first) {
        first = false;
        return json(res, 400, { message: 'nope' });
      }
      return withTime((_r, s) => json(s, 200, {}))(req, res, socket);
    });
    const c = client({ timeOffsetSeconds: undefined });
    const e = await failure(c.request('GET', '/me', {}, Anything));
    expect(e.call).toBe('GET /auth/time');
    await c.request('GET', '/me', {}, Anything);
    expect(server.received.filter((r) => r.url === '/1.0/auth/time')).toHaveLength(2);
  });
});

describe('credentials', () => {
  it('anonymous: unsigned calls carry only the placeholder application key; auth routes answer "not logged in"', async () => {
    server.handle(withTime((req, res) => (req.url === '/1.0/me' ? json(res, 401, { message: 'You must login first' }) : json(res, 200, []))));
    const c = client({ credentials: { kind: 'none' }, timeOffsetSeconds: undefined });
    expect(c.authModeFor('/order/catalog/public/eco')).toBe('unsigned');
    await c.request('GET', '/dedicated/server/datacenter/availabilities', {}, Anything);
    const [req] = server.received;
    expect(req!.headers['x-ovh-application']).toBe(ANONYMOUS_APPLICATION_KEY);
    expect(req!.headers['x-ovh-consumer']).toBeUndefined();
    expect(req!.headers['x-ovh-signature']).toBeUndefined();
    expect(req!.headers.authorization).toBeUndefined();
    const e = await failure(c.request('GET', '/me', {}, Anything));
    expect(e).toMatchObject({ kind: 'unauthenticated', exitCode: 3, status: 401 });
    expect(e.hint).toContain('ovh-order login');
    expect(server.received.some((r) => r.url === '/1.0/auth/time')).toBe(false);
  });

  it('public reads (catalogs, stock) go unsigned even when logged in, without fetching the clock first', async () => {
    server.handle(withTime((_req, res) => json(res, 200, [])));
    const c = client({ timeOffsetSeconds: undefined });
    expect(c.authModeFor('/dedicated/server/datacenter/availabilities')).toBe('unsigned');
    expect(c.authModeFor('/order/catalog/public/eco')).toBe('unsigned');
    expect(c.authModeFor('/order/cart/{cartId}', 'GET')).toBe('signed');
    await c.request('GET', '/dedicated/server/datacenter/availabilities', { query: { planCode: '24sk10' } }, Anything);
    await c.request('GET', '/order/catalog/public/eco', { query: { ovhSubsidiary: 'FR' } }, Anything);
    expect(server.received.map((r) => r.url)).toEqual([
      '/1.0/dedicated/server/datacenter/availabilities?planCode=24sk10',
      '/1.0/order/catalog/public/eco?ovhSubsidiary=FR',
    ]);
    for (const req of server.received) {
      expect(req.headers['x-ovh-application']).toBe(AK);
      expect(req.headers['x-ovh-consumer']).toBeUndefined();
      expect(req.headers['x-ovh-signature']).toBeUndefined();
    }
  });

  it('application key without consumer key: unsigned, real application key (what login needs)', async () => {
    const c = client({ credentials: { kind: 'app', appKey: AK, appSecret: AS } });
    await c.request('POST', '/auth/credential', { body: { accessRules: [{ method: 'GET', path: '/*' }] } }, Anything);
    const [req] = server.received;
    expect(req!.headers['x-ovh-application']).toBe(AK);
    expect(req!.headers['x-ovh-signature']).toBeUndefined();
  });

  it('signs /auth/* routes itself when asked (node-ovh never signs them)', async () => {
    const credential = { applicationId: 1, credentialId: 2, creation: '2026-01-01T00:00:00+00:00', ovhSupport: false, rules: [], status: 'validated' };
    server.handle(withTime((req, res) => json(res, 200, req.url === '/1.0/auth/currentCredential' ? credential : null)));
    const api = new OvhApi({ endpoint: server.endpoint, credentials: APP, trustCaPem: server.caPem, timeOffsetSeconds: 0 });
    await expect(api.getCurrentCredential()).resolves.toMatchObject({ credentialId: 2 });
    await expect(api.revokeCurrentCredential()).resolves.toBeUndefined();
    for (const req of server.received) {
      expect(req.headers['x-ovh-consumer']).toBe(CK);
      expect(req.headers['x-ovh-signature']).toBe(
        expectedSignature(AS, CK, req.method, `https://127.0.0.1${req.url}`, '', String(req.headers['x-ovh-timestamp'])),
      );
    }
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /1.0/auth/currentCredential', 'POST /1.0/auth/logout']);
  });

  it('OAuth2: fetches a token from <host>/auth/oauth2/token (trusting the same CA) and sends it as a bearer', async () => {
    server.handle((req, res) => {
      if (req.url === '/auth/oauth2/token') {
        const basic = Buffer.from(String(req.headers.authorization).replace(/^Basic /, ''), 'base64').toString();
        if (basic !== 'cid:csecret' || !/grant_type=client_credentials/.test(req.body)) return json(res, 401, { error: 'invalid_client' });
        return json(res, 200, { access_token: 'tok-123456', token_type: 'Bearer', expires_in: 3600, scope: 'all' });
      }
      return json(res, 200, { nichandle: 'xx1-ovh', ovhSubsidiary: 'FR' });
    });
    const lines: string[] = [];
    const c = client({ credentials: { kind: 'oauth2', clientId: 'cid', clientSecret: 'csecret' }, timeOffsetSeconds: undefined, debug: (l) => lines.push(l) });
    expect(c.authModeFor('/me')).toBe('oauth2');
    await c.request('GET', '/me', {}, Anything);
    await c.request('GET', '/me', {}, Anything);
    expect(server.received.map((r) => r.url)).toEqual(['/auth/oauth2/token', '/1.0/me', '/1.0/me']);
    expect(server.received[1]!.headers.authorization).toBe('Bearer tok-123456');
    expect(server.received[1]!.headers['x-ovh-signature']).toBeUndefined();
    expect(lines.join('\n')).toContain('→ GET /me (oauth2)');
    expect(lines.join('\n')).not.toContain('csecret');
  });

  it('OAuth2: a refused client secret is a credentials error (exit 3) naming the token server', async () => {
    server.handle((_req, res) => json(res, 401, { error: 'invalid_client' }));
    const e = await failure(client({ credentials: { kind: 'oauth2', clientId: 'cid', clientSecret: 'wrong-secret' } }).request('GET', '/me', {}, Anything));
    expect(e).toMatchObject({ kind: 'invalid-credential', exitCode: 3 });
    expect(e.message).toContain(`127.0.0.1:${server.port}`);
    expect(e.message).not.toContain('wrong-secret');
  });
});

describe('timeouts', () => {
  it('times out a call that never answers, naming the call and the limit', async () => {
    server.handle(withTime(() => undefined));
    const e = await failure(client({ timeoutMs: 300 }).request('GET', '/order/cart/{cartId}', { path: { cartId: 'x' } }, Anything));
    expect(e).toMatchObject({ kind: 'timeout', call: 'GET /order/cart/{cartId}', exitCode: 1 });
    expect(e.message).toContain('0.3 s');
    expect(apiRequests()).toHaveLength(1); // timeouts are not retried
  });

  it('times out a body that trickles forever (each byte resets idle timers, the deadline still fires)', async () => {
    server.handle(
      withTime((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[');
        const timer = setInterval(() => res.write(' '), 40);
        res.on('close', () => clearInterval(timer));
      }),
    );
    const e = await failure(client({ timeoutMs: 400 }).request('GET', '/order/cart/{cartId}/item', { path: { cartId: 'x' } }, Anything));
    expect(e.kind).toBe('timeout');
  });

  it('accepts a slow body that completes within the limit', async () => {
    server.handle(
      withTime((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"a":');
        setTimeout(() => res.end('1}'), 60);
      }),
    );
    await expect(client({ timeoutMs: 5_000 }).request('GET', '/me', {}, Anything)).resolves.toEqual({ a: 1 });
  });

  it('says a timed-out write may have taken effect, and does not retry it', async () => {
    server.handle(withTime(() => undefined));
    const e = await failure(client({ timeoutMs: 250 }).request('POST', '/order/cart/{cartId}/assign', { path: { cartId: 'x' } }, Anything));
    expect(e.kind).toBe('timeout');
    expect(e.hint).toMatch(/may have taken effect/);
    expect(apiRequests()).toHaveLength(1);
  });
});

describe('connection failures', () => {
  function flaky(failures: number, fail: Handler): Handler {
    let n = 0;
    return withTime((req, res, socket) => (n++ < failures ? fail(req, res, socket) : json(res, 200, { attempt: n })));
  }
  const reset: Handler = (_req, _res, socket) => socket.destroy();
  const cutShort: Handler = (_req, res, socket) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"partial":');
    setTimeout(() => socket.destroy(), 20);
  };

  it('retries a GET after a connection reset', async () => {
    server.handle(flaky(2, reset));
    await expect(client().request('GET', '/me', {}, Anything)).resolves.toEqual({ attempt: 3 });
    expect(apiRequests()).toHaveLength(3);
  });

  it('retries a GET whose answer was cut short (node-ovh alone would wait forever)', async () => {
    server.handle(flaky(1, cutShort));
    await expect(client({ timeoutMs: 10_000 }).request('GET', '/me', {}, Anything)).resolves.toEqual({ attempt: 2 });
  });

  it('never retries a POST after a reset, and says it may have happened', async () => {
    server.handle(flaky(5, reset));
    const e = await failure(client().request('POST', '/order/cart', { body: { ovhSubsidiary: 'FR' } }, Anything));
    expect(e).toMatchObject({ kind: 'network', exitCode: 1 });
    expect(e.hint).toMatch(/may have taken effect/);
    expect(apiRequests()).toHaveLength(1);
  });

  it('never retries a POST whose answer was cut short', async () => {
    server.handle(flaky(5, cutShort));
    const e = await failure(client({ timeoutMs: 10_000 }).request('POST', '/order/cart', { body: { ovhSubsidiary: 'FR' } }, Anything));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/closed while the answer/);
    expect(apiRequests()).toHaveLength(1);
  });

  it('names the host that refused the connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const endpoint = { ...server.endpoint, port, apiUrl: `https://127.0.0.1:${port}/1.0` };
    const e = await failure(new OvhClient({ endpoint, credentials: APP, timeOffsetSeconds: 0, retry: FAST_RETRY }).request('GET', '/me', {}, Anything));
    expect(e.kind).toBe('network');
    expect(e.message).toContain(`127.0.0.1:${port} refused the connection`);
  });

  it('reports an untrusted certificate as a TLS error pointing to NODE_EXTRA_CA_CERTS', async () => {
    const other = await startTestServer();
    try {
      // This process trusts `server`'s CA (trustCaPem), not `other`'s.
      const e = await failure(new OvhClient({ endpoint: other.endpoint, credentials: APP, timeOffsetSeconds: 0 }).request('GET', '/me', {}, Anything));
      expect(e).toMatchObject({ kind: 'tls', exitCode: 1 });
      expect(e.message).toContain(`127.0.0.1:${other.port}`);
      expect(e.hint).toContain('NODE_EXTRA_CA_CERTS');
    } finally {
      await other.close();
    }
  });
});

describe('HTTP errors and retries', () => {
  function sequence(...steps: Array<(res: ServerResponse) => void>): Handler {
    let n = 0;
    return withTime((_req, res) => steps[Math.min(n++, steps.length - 1)]!(res));
  }

  it('retries a GET on 5xx until it succeeds', async () => {
    server.handle(
      sequence(
        (r) => json(r, 503, { message: 'Service unavailable' }),
        (r) => json(r, 500, { message: 'Internal server error' }),
        (r) => json(r, 200, [1]),
      ),
    );
    const lines: string[] = [];
    await expect(client({ debug: (l) => lines.push(l) }).request('GET', '/order/cart/{cartId}/item', { path: { cartId: 'c' } }, Anything)).resolves.toEqual([
      1,
    ]);
    expect(apiRequests()).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('↻'))).toHaveLength(2);
  });

  it('stops after the configured number of attempts and reports the last failure', async () => {
    server.handle(sequence((r) => json(r, 503, { message: 'Service unavailable' }, { 'X-Ovh-Queryid': 'EU.ext-9.q' })));
    const e = await failure(client().request('GET', '/me', {}, Anything));
    expect(e).toMatchObject({ kind: 'server', status: 503, queryId: 'EU.ext-9.q' });
    expect(e.hint).toContain('EU.ext-9.q');
    expect(apiRequests()).toHaveLength(4);
  });

  it('never retries a POST on 5xx', async () => {
    server.handle(
      sequence(
        (r) => json(r, 503, { message: 'Service unavailable' }),
        (r) => json(r, 200, {}),
      ),
    );
    await expect(client().request('POST', '/order/cart', { body: { ovhSubsidiary: 'FR' } }, Anything)).rejects.toMatchObject({ kind: 'server' });
    expect(apiRequests()).toHaveLength(1);
  });

  it('retries a 429 after Retry-After: 0', async () => {
    server.handle(
      sequence(
        (r) => json(r, 429, { message: 'Too many requests' }, { 'Retry-After': '0' }),
        (r) => json(r, 200, 'ok'),
      ),
    );
    await expect(client().request('GET', '/me', {}, Anything)).resolves.toBe('ok');
  });

  it('gives up at once when Retry-After asks for more than the retry budget, and says how long to wait', async () => {
    server.handle(sequence((r) => json(r, 429, { message: 'Too many requests' }, { 'Retry-After': '30' })));
    const e = await failure(client().request('GET', '/me', {}, Anything));
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 30 });
    expect(e.hint).toContain('30 s');
    expect(apiRequests()).toHaveLength(1);
  });

  it('does not retry client errors', async () => {
    server.handle(sequence((r) => json(r, 403, { message: 'This call has not been granted' })));
    const e = await failure(client().request('GET', '/me/order', {}, Anything));
    expect(e).toMatchObject({ kind: 'not-granted', exitCode: 3 });
    expect(e.message).toContain('GET /me/*');
    expect(apiRequests()).toHaveLength(1);
  });

  it('reports invalid JSON as malformed, without retrying', async () => {
    server.handle(
      withTime((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"cartId": "abc", ');
      }),
    );
    const e = await failure(client().request('GET', '/order/cart/{cartId}', { path: { cartId: 'abc' } }, Anything));
    expect(e).toMatchObject({ kind: 'malformed', call: 'GET /order/cart/{cartId}' });
    expect(apiRequests()).toHaveLength(1);
  });

  it('reports an answer of the wrong shape as malformed, naming the call and the field', async () => {
    server.handle(withTime((_req, res) => json(res, 200, { cartId: 'abc', description: '', expire: null, readOnly: false, items: [1, 'two'] })));
    const api = new OvhApi({ endpoint: server.endpoint, credentials: APP, trustCaPem: server.caPem, timeOffsetSeconds: 0 });
    const e = await failure(api.getCart('abc'));
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/GET \/order\/cart\/\{cartId\}.*items\[1\]/);
  });
});

describe('secrets', () => {
  it('debug lines show calls, never keys, secrets or signatures', async () => {
    const lines: string[] = [];
    const c = client({ debug: (l) => lines.push(l), timeOffsetSeconds: undefined });
    await c.request('GET', '/order/cart/{cartId}', { path: { cartId: 'abc' } }, Anything);
    await c.request(
      'POST',
      '/order/cart/{cartId}/item/{itemId}/configuration',
      { path: { cartId: 'abc', itemId: 7 }, body: { label: 'dedicated_os', value: 'none_64.en' } },
      Anything,
    );
    expect(lines).toContain('→ GET /order/cart/{cartId} (signed)');
    expect(lines).toContain('→ GET /auth/time (unsigned)');
    expect(lines).toContain('→ POST /order/cart/{cartId}/item/{itemId}/configuration (signed) {"label":"dedicated_os","value":"none_64.en"}');
    expect(lines.some((l) => /^← 200 GET \/order\/cart\/\{cartId\} \d+ ms \[EU\.test\.1\]$/.test(l))).toBe(true);
    const all = lines.join('\n');
    for (const secret of [AS, CK, '$1$']) expect(all).not.toContain(secret);
  });

  it('error messages never repeat a secret, even when OVH echoes it', async () => {
    server.handle(withTime((_req, res) => json(res, 400, { message: `Bad consumer key ${CK}` })));
    const e = await failure(client().request('GET', '/me', {}, Anything));
    expect(`${e.message} ${e.hint} ${e.ovhMessage}`).not.toContain(CK);
  });
});

describe('checkout', () => {
  function api(): OvhApi {
    return new OvhApi({ endpoint: server.endpoint, credentials: APP, trustCaPem: server.caPem, timeOffsetSeconds: 0, retry: FAST_RETRY });
  }
  const placed = {
    orderId: 42,
    url: 'https://example.test/42',
    prices: { withTax: { currencyCode: 'EUR', text: '1.20 €', value: 1.2 }, withoutTax: { currencyCode: 'EUR', text: '1.00 €', value: 1 } },
  };
  const options = { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false };

  it('sends exactly one POST with both booleans, and refuses a second checkout of the same cart', async () => {
    server.handle(withTime((_req, res) => json(res, 200, placed)));
    const a = api();
    await expect(a.checkout('cart-1', options)).resolves.toMatchObject({ orderId: 42 });
    expect(apiRequests().map((r) => r.body)).toEqual(['{"autoPayWithPreferredPaymentMethod":false,"waiveRetractationPeriod":false}']);
    await expect(a.checkout('cart-1', options)).rejects.toMatchObject({ code: 'checkout_repeated', exitCode: 1 });
    expect(apiRequests()).toHaveLength(1);
  });

  it('does not retry a checkout that failed without a clear answer, nor allow it again', async () => {
    server.handle(withTime((_req, res) => json(res, 503, { message: 'Service unavailable' })));
    const a = api();
    await expect(a.checkout('cart-2', options)).rejects.toMatchObject({ kind: 'server' });
    const again = a.checkout('cart-2', options);
    await expect(again).rejects.toBeInstanceOf(CliError);
    await expect(again).rejects.toMatchObject({ message: expect.stringContaining('may have placed the order') });
    expect(apiRequests()).toHaveLength(1);
  });

  it('allows trying again after OVH clearly refused (4xx: nothing was ordered)', async () => {
    let n = 0;
    server.handle(withTime((_req, res) => (n++ === 0 ? json(res, 400, { message: 'You do not have preferred payment method' }) : json(res, 200, placed))));
    const a = api();
    await expect(a.checkout('cart-3', { ...options, autoPayWithPreferredPaymentMethod: true })).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(a.checkout('cart-3', options)).resolves.toMatchObject({ orderId: 42 });
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('bookkeeping', () => {
  it('makes many calls on one keep-alive connection without Node warnings on stderr', async () => {
    // node-ovh's own `timeout` option adds a listener per call to the pooled socket (a
    // MaxListenersExceededWarning after 10 calls); the client must not trigger that.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const c = client();
      for (let i = 0; i < 25; i++) await c.request('GET', '/me', {}, Anything);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('leaves no request announcement behind', () => {
    expect(pendingExpectations()).toBe(0);
  });
});
