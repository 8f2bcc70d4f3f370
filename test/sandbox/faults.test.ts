// Faults, latency, the request log and the loud answer to unknown routes.
import https from 'node:https';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../src/sandbox/index.js';
import { ovhClient, ovhError, raw, signed, useTrustedSandbox } from './helpers.js';

/** A raw request that reports how it ended: an answer, a dropped connection, or nothing within `timeoutMs`. */
function attempt(
  sb: SandboxServer,
  method: string,
  path: string,
  timeoutMs = 2000,
): Promise<{ outcome: 'answer' | 'dropped' | 'timeout'; status?: number; text?: string }> {
  return new Promise((resolve) => {
    const req = https.request({ host: sb.host, port: sb.port, method, path, ca: sb.caPem, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ outcome: 'answer', status: res.statusCode, text }));
      res.on('error', () => resolve({ outcome: 'dropped' }));
    });
    req.setTimeout(timeoutMs, () => {
      resolve({ outcome: 'timeout' });
      req.destroy();
    });
    req.on('error', () => resolve({ outcome: 'dropped' }));
    req.end();
  });
}

describe('sandbox faults, latency, log and unknown routes', () => {
  const unknown: string[] = [];
  const sb = useTrustedSandbox({ onUnknownRoute: (line) => unknown.push(line) });
  beforeEach(() => {
    sb.clearFaults();
    sb.clearLog();
    sb.setLatency(0);
  });

  it('answers a status fault N times with an OVH-shaped body, then serves normally', async () => {
    sb.addFault({ route: '/order/catalog/public/eco', kind: 'status', status: 503, times: 2 });
    const path = '/1.0/order/catalog/public/eco?ovhSubsidiary=FR';
    const first = await raw(sb, 'GET', path);
    expect(first.status).toBe(503);
    expect(first.json()).toEqual({ class: 'Server::ServiceUnavailable', message: 'Service is temporarily unavailable' });
    expect(first.headers['x-ovh-queryid']).toBeTruthy();
    expect((await raw(sb, 'GET', path)).status).toBe(503);
    expect((await raw(sb, 'GET', path)).status).toBe(200);
    expect(sb.log.map((e) => [e.status, e.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [200, undefined],
    ]);
  });

  it('sends Retry-After with a 429 fault, and matches the method when given', async () => {
    sb.addFault({ method: 'POST', route: '/order/cart', kind: 'status', status: 429, retryAfterSeconds: 7, message: 'Too many requests, slow down' });
    expect((await raw(sb, 'GET', '/1.0/auth/time')).status).toBe(200);
    const res = await raw(sb, 'POST', '/1.0/order/cart', { body: '{"ovhSubsidiary":"FR"}' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toEqual({ class: 'Client::TooManyRequests', message: 'Too many requests, slow down' });
    expect((await raw(sb, 'POST', '/1.0/order/cart', { body: '{"ovhSubsidiary":"FR"}' })).status).toBe(200);
  });

  it('drops the connection before the call takes effect, or after it did', async () => {
    const client = ovhClient(sb);
    const listed = async () => (await ovhClient(sb).requestPromised('GET', '/order/cart')) as string[];
    const before = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    const after = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };

    sb.addFault({ route: '/order/cart/{cartId}/assign', kind: 'drop-before' });
    const dropped = await ovhError(client.requestPromised('POST', `/order/cart/${before.cartId}/assign`));
    expect(dropped.error).toBeTruthy();
    expect(await listed()).not.toContain(before.cartId);

    sb.addFault({ route: '/order/cart/{cartId}/assign', kind: 'drop-after' });
    await ovhError(client.requestPromised('POST', `/order/cart/${after.cartId}/assign`));
    expect(await listed()).toContain(after.cartId);
    expect(sb.log.filter((e) => e.fault).map((e) => [e.fault, e.status])).toEqual([
      ['drop-before', 0],
      ['drop-after', 0],
    ]);
  });

  it('sends a slow body: headers and part first, the rest after the delay', async () => {
    sb.addFault({ route: '/auth/time', kind: 'slow-body', delayMs: 150 });
    const started = Date.now();
    const res = await raw(sb, 'GET', '/1.0/auth/time');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\d{10}$/);
  });

  it('answers malformed JSON, which node-ovh cannot parse', async () => {
    sb.addFault({ route: '/me', kind: 'malformed-json' });
    const err = await ovhError(ovhClient(sb).requestPromised('GET', '/me'));
    expect(err.error).toBe('[OVH] Unable to parse JSON reponse');
    sb.addFault({ route: '/auth/time', kind: 'malformed-json' });
    const res = await raw(sb, 'GET', '/1.0/auth/time');
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('never answers a hung request until the client gives up', async () => {
    sb.addFault({ route: '/auth/time', kind: 'hang' });
    expect((await attempt(sb, 'GET', '/1.0/auth/time', 300)).outcome).toBe('timeout');
    expect(sb.log[0]).toMatchObject({ route: '/auth/time', status: 0, fault: 'hang' });
    expect((await attempt(sb, 'GET', '/1.0/auth/time')).outcome).toBe('answer');
  });

  it('adds latency before answering', async () => {
    sb.setLatency(120);
    const started = Date.now();
    expect((await raw(sb, 'GET', '/1.0/auth/time')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(() => sb.setLatency(-1)).toThrow(RangeError);
  });

  it('logs every request: method, path without base path, route pattern, query, body, auth, status', async () => {
    const client = ovhClient(sb);
    const cart = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR', description: 'logged' })) as { cartId: string };
    await client.requestPromised('GET', `/order/cart/${cart.cartId}/eco`, { planCode: '24sk10' });
    await raw(sb, 'GET', '/1.0/order/catalog/public/eco?ovhSubsidiary=GB');
    expect(sb.log.map((e) => `${e.method} ${e.route}`)).toEqual([
      'GET /auth/time',
      'POST /order/cart',
      'GET /order/cart/{cartId}/eco',
      'GET /order/catalog/public/eco',
    ]);
    expect(sb.log[1]).toMatchObject({
      method: 'POST',
      path: '/order/cart',
      query: {},
      body: { ovhSubsidiary: 'FR', description: 'logged' },
      signed: true,
      auth: 'signature',
      status: 200,
    });
    expect(sb.log[2]).toMatchObject({ path: `/order/cart/${cart.cartId}/eco`, query: { planCode: '24sk10' }, body: null });
    expect(sb.log[3]).toMatchObject({ query: { ovhSubsidiary: 'GB' }, signed: false, auth: 'none' });
    expect(Date.parse(sb.log[0]!.at)).not.toBeNaN();
    expect(JSON.stringify(sb.log)).not.toContain(sb.credentials.appSecret);
  });

  it('is loud about routes it does not know', async () => {
    unknown.length = 0;
    const res = await raw(sb, 'GET', '/1.0/foo/bar?x=1');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ class: 'Client::NotFound', message: 'Sandbox: unknown route GET /foo/bar' });
    expect((await signed(sb, 'PATCH', '/1.0/order/cart')).json()).toMatchObject({ message: 'Sandbox: unknown route PATCH /order/cart' });
    expect((await raw(sb, 'GET', '/somewhere')).json()).toMatchObject({ message: 'Sandbox: unknown route GET /somewhere' });
    expect(unknown).toEqual(['Sandbox: unknown route GET /foo/bar', 'Sandbox: unknown route PATCH /order/cart', 'Sandbox: unknown route GET /somewhere']);
    expect(sb.log.map((e) => e.route)).toEqual(['(unknown)', '(unknown)', '(unknown)']);
  });

  it('answers void calls with 200 and null, and refuses bodies that are not JSON', async () => {
    const cart = (await signed(sb, 'POST', '/1.0/order/cart', { ovhSubsidiary: 'FR' })).json() as { cartId: string };
    const assign = await signed(sb, 'POST', `/1.0/order/cart/${cart.cartId}/assign`);
    expect([assign.status, assign.text, assign.headers['content-type']]).toEqual([200, 'null', 'application/json; charset=utf-8']);
    const bad = await raw(sb, 'POST', '/1.0/order/cart', { body: '{"ovhSubsidiary":' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ class: 'Client::BadRequest' });
  });
});
