// The real client (OvhApi → OvhClient → @ovhcloud/node-ovh → TLS) against the HTTPS sandbox:
// a whole order, then every authentication failure and wire fault mapped to a kind and exit code.
// The sandbox's request log is what proves the client's behaviour on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/domain/errors.js';
import { OvhApi } from '../../src/ovh/api.js';
import type { ClientOptions, Credentials } from '../../src/ovh/client.js';
import { parseEndpoint, type Endpoint } from '../../src/ovh/endpoints.js';
import { OvhApiError, type OvhErrorKind } from '../../src/ovh/errors.js';
import type { GenericOptionDefinition, GenericProductPricing } from '../../src/ovh/models/catalog.js';
import { randomApplicationKey, startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { rejectionOf } from '../helpers/rejection.js';

let sb: SandboxServer;
let endpoint: Endpoint;
let full: Credentials;

const FAST_RETRY = { maxAttempts: 3, maxTotalMs: 5_000, baseDelayMs: 5 };

function api(credentials: Credentials = full, over: Partial<ClientOptions> = {}): OvhApi {
  return new OvhApi({ endpoint, credentials, trustCaPem: sb.caPem, retry: FAST_RETRY, ...over });
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, OvhApiError);

function expectKind(error: OvhApiError, kind: OvhErrorKind, exitCode: number): void {
  expect({ kind: error.kind, exitCode: error.exitCode }).toEqual({ kind, exitCode });
}

const calls = () => sb.log.map((e) => `${e.method} ${e.route}`);

beforeAll(async () => {
  sb = await startSandbox();
  endpoint = parseEndpoint(sb.url);
  full = { kind: 'app', ...sb.credentials };
});
afterAll(async () => {
  await sb?.close();
});
beforeEach(() => {
  sb.clearFaults();
  sb.clearLog();
});

/** The renew pricing of an offer for a mode (the add-item `duration`). */
function renewFor(prices: GenericProductPricing[], mode: string): GenericProductPricing | undefined {
  return prices.find((p) => p.pricingMode === mode && p.capacities.includes('renew'));
}

describe('a whole order through OvhApi', () => {
  it('creates, fills, assigns, quotes and checks out a cart, then follows the order', async () => {
    const offsets: number[] = [];
    const debug: string[] = [];
    const ovh = api(full, { onTimeOffset: (o) => offsets.push(o), debug: (l) => debug.push(l) });

    const me = await ovh.getMe();
    expect(me.nichandle).toBe(sb.account.nichandle);
    expect(offsets).toHaveLength(1);

    const cart = await ovh.createCart({ ovhSubsidiary: me.ovhSubsidiary, description: 'client integration' });
    expect(cart).toMatchObject({ description: 'client integration', readOnly: false, items: [] });
    await ovh.assignCart(cart.cartId);
    expect(await ovh.listCarts()).toContain(cart.cartId);

    const [offer] = await ovh.getProductOffers(cart.cartId, 'eco', '24sk10');
    expect(offer?.planCode).toBe('24sk10');
    const renew = renewFor(offer!.prices, 'default')!;
    expect(renew.duration).toMatch(/^P/);
    const server = await ovh.addProduct(cart.cartId, 'eco', { planCode: '24sk10', duration: renew.duration, pricingMode: 'default', quantity: 1 });
    expect(server).toMatchObject({ cartId: cart.cartId, productId: 'eco', settings: { planCode: '24sk10' } });

    // One option per mandatory family (the first one offered for our mode and duration).
    const options = await ovh.getProductOptions(cart.cartId, 'eco', '24sk10');
    const byFamily = new Map<string, GenericOptionDefinition>();
    for (const o of options)
      if (o.mandatory && !byFamily.has(o.family) && renewFor(o.prices, 'default')?.duration === renew.duration) byFamily.set(o.family, o);
    expect(byFamily.size).toBeGreaterThan(0);
    for (const option of byFamily.values()) {
      const added = await ovh.addOption(cart.cartId, 'eco', {
        itemId: server.itemId,
        planCode: option.planCode,
        duration: renew.duration,
        pricingMode: 'default',
        quantity: 1,
      });
      expect(added.parentItemId).toBe(server.itemId);
    }

    // A datacenter where the chosen hardware is in stock.
    const chosen = [...byFamily.values()].map((o) => o.planCode);
    const availability = await ovh.getAvailabilities({ planCode: '24sk10' });
    const record = availability.find((a) => [a.memory, a.storage].every((part) => !part || chosen.some((code) => code.startsWith(part))));
    const datacenter = record?.datacenters.find((d) => d.availability !== 'unavailable')?.datacenter;
    expect(datacenter).toBeDefined();

    const requirements = await ovh.getRequiredConfiguration(cart.cartId, server.itemId);
    const labels = requirements.map((r) => r.label);
    expect(labels).toEqual(expect.arrayContaining(['dedicated_datacenter', 'dedicated_os', 'region']));
    const values: Record<string, string> = {
      dedicated_datacenter: datacenter!,
      dedicated_os: requirements.find((r) => r.label === 'dedicated_os')!.allowedValues![0]!,
      region: 'europe',
    };
    for (const [label, value] of Object.entries(values)) {
      const configuration = await ovh.addConfiguration(cart.cartId, server.itemId, { label, value });
      expect(configuration).toMatchObject({ label, value });
      await expect(ovh.getConfiguration(cart.cartId, server.itemId, configuration.id)).resolves.toEqual(configuration);
    }
    expect(await ovh.listConfigurations(cart.cartId, server.itemId, 'region')).toHaveLength(1);
    expect((await ovh.getItem(cart.cartId, server.itemId)).configurations).toHaveLength(3);
    expect(await ovh.listItems(cart.cartId)).toHaveLength(1 + byFamily.size);

    const summary = await ovh.getSummary(cart.cartId);
    const quote = await ovh.previewCheckout(cart.cartId);
    expect(quote.orderId).toBeNull();
    expect(quote.prices.withTax.value).toBe(summary.prices.withTax.value);
    expect(quote.details.some((d) => d.detailType === 'INSTALLATION')).toBe(true);

    const placed = await ovh.checkout(cart.cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    expect(placed.orderId).toBeGreaterThan(0);
    expect(placed.url).toMatch(/^https:\/\//);
    expect(sb.orders().find((o) => o.orderId === placed.orderId)?.checkoutBody).toEqual({
      autoPayWithPreferredPaymentMethod: false,
      waiveRetractationPeriod: false,
    });

    expect(await ovh.listOrders()).toContain(placed.orderId);
    const order = await ovh.getOrder(placed.orderId);
    expect(order.orderId).toBe(placed.orderId);
    expect(['checking', 'notPaid', 'delivering', 'delivered']).toContain(await ovh.getOrderStatus(placed.orderId));
    const detailIds = await ovh.listOrderDetails(placed.orderId);
    expect(detailIds.length).toBeGreaterThan(0);
    const detail = await ovh.getOrderDetail(placed.orderId, detailIds[0]!);
    expect(detail.orderDetailId).toBe(detailIds[0]);
    await expect(ovh.getOrderDetailExtension(placed.orderId, detailIds[0]!)).resolves.toHaveProperty('order.plan');
    expect((await ovh.getOrderFollowUp(placed.orderId)).map((s) => s.step)).toContain('VALIDATING');

    // On the wire: one clock read, every other call signed, assigned before the one checkout.
    const log = sb.log;
    expect(log.filter((e) => e.route === '/auth/time')).toHaveLength(1);
    // Public reads (catalogs, stock) go unsigned; everything else is signed.
    const publicReads = log.filter((e) => e.route === '/dedicated/server/datacenter/availabilities' || e.route.startsWith('/order/catalog/'));
    expect(publicReads.length).toBeGreaterThan(0);
    expect(publicReads.every((e) => !e.signed)).toBe(true);
    expect(log.filter((e) => e.route !== '/auth/time' && !publicReads.includes(e)).every((e) => e.signed && e.auth === 'signature')).toBe(true);
    const checkouts = log.filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/checkout');
    expect(checkouts).toHaveLength(1);
    expect(log.findIndex((e) => e.route === '/order/cart/{cartId}/assign')).toBeLessThan(log.indexOf(checkouts[0]!));
    expect(log.every((e) => e.status === 200)).toBe(true);
    // And --debug said so without leaking anything.
    expect(debug).toContain('→ POST /order/cart/{cartId}/checkout (signed) {"autoPayWithPreferredPaymentMethod":false,"waiveRetractationPeriod":false}');
    expect(debug.join('\n')).not.toContain(sb.credentials.appSecret);
    expect(debug.join('\n')).not.toContain(sb.credentials.consumerKey);

    // The cart is now read-only, and this client will not check it out twice.
    await expect(ovh.checkout(cart.cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false })).rejects.toMatchObject({
      code: 'checkout_repeated',
    });
    const readOnly = await failure(api().addProduct(cart.cartId, 'eco', { planCode: '24sk10', duration: renew.duration, pricingMode: 'default', quantity: 1 }));
    expectKind(readOnly, 'not-allowed', ExitCode.failure);
  });

  it('public routes work without credentials', async () => {
    const anonymous = api({ kind: 'none' });
    await expect(anonymous.getAvailabilities({ planCode: '24sk10' })).resolves.not.toHaveLength(0);
    const catalog = await anonymous.getPublicCatalog('eco', sb.account.ovhSubsidiary);
    expect(catalog.plans.length).toBeGreaterThan(0);
    expect(sb.log.every((e) => e.auth === 'none')).toBe(true);
  });
});

describe('authentication failures', () => {
  it('no credentials → not logged in (exit 3)', async () => {
    const e = await failure(api({ kind: 'none' }).getMe());
    expectKind(e, 'unauthenticated', ExitCode.credentials);
    expect(e.status).toBe(401);
    expect(e.hint).toContain('ovh-order login');
  });

  it('wrong application secret → invalid signature (exit 3)', async () => {
    const e = await failure(api({ ...sb.credentials, kind: 'app', appSecret: 'not-the-secret-0123456789abcdef' }).getMe());
    expectKind(e, 'invalid-signature', ExitCode.credentials);
  });

  it('unknown application key → points to createApp on this endpoint (exit 3)', async () => {
    const e = await failure(api({ ...sb.credentials, kind: 'app', appKey: randomApplicationKey() }).getMe());
    expectKind(e, 'invalid-app-key', ExitCode.credentials);
    expect(e.hint).toContain(`https://127.0.0.1:${sb.port}/createApp/`);
  });

  it('unknown consumer key → run login (exit 3)', async () => {
    const e = await failure(api({ ...sb.credentials, kind: 'app', consumerKey: 'Zz'.repeat(16) }).getMe());
    expectKind(e, 'invalid-credential', ExitCode.credentials);
  });

  it('a new consumer key: pending until validated, then works, then revoked by logout', async () => {
    const app: Credentials = { kind: 'app', appKey: sb.credentials.appKey, appSecret: sb.credentials.appSecret };
    const request = await api(app).requestCredential([
      { method: 'GET', path: '/me' },
      { method: 'GET', path: '/auth/currentCredential' },
      { method: 'POST', path: '/auth/logout' },
    ]);
    expect(request.state).toBe('pendingValidation');
    expect(request.validationUrl).toContain(`https://127.0.0.1:${sb.port}/auth/`);
    // node-ovh sends /auth/* unsigned: the application key alone identifies the application.
    expect(sb.log.at(-1)).toMatchObject({ route: '/auth/credential', signed: false, status: 200 });

    const user = api({ ...app, consumerKey: request.consumerKey });
    const pending = await failure(user.getMe());
    // OVH answers a key waiting for validation as any invalid one; login tells them apart.
    expectKind(pending, 'invalid-credential', ExitCode.credentials);
    expect(pending.message).toMatch(/not validated yet/);

    sb.validateCredential(request.consumerKey);
    await expect(user.getMe()).resolves.toMatchObject({ nichandle: sb.account.nichandle });
    const current = await user.getCurrentCredential();
    expect(current.status).toBe('validated');
    expect(current.rules.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /me', 'GET /auth/currentCredential', 'POST /auth/logout']);

    // Only what was granted: other calls are refused, naming the missing rule.
    const notGranted = await failure(user.listCarts());
    expectKind(notGranted, 'not-granted', ExitCode.credentials);
    expect(notGranted.message).toContain('GET /order/*');

    await user.revokeCurrentCredential();
    expect(sb.log.find((e) => e.route === '/auth/logout')).toMatchObject({ signed: true, status: 200 });
    expectKind(await failure(user.getMe()), 'invalid-credential', ExitCode.credentials);
  });

  it('checkout of a cart not assigned to the account → not allowed (exit 1)', async () => {
    const ovh = api();
    const cart = await ovh.createCart({ ovhSubsidiary: sb.account.ovhSubsidiary });
    const e = await failure(ovh.previewCheckout(cart.cartId));
    expectKind(e, 'not-allowed', ExitCode.failure);
    expect(e.message).toContain('not assigned');
  });

  it('an unknown cart → not found (exit 1)', async () => {
    const e = await failure(api().getCart('00000000-0000-4000-8000-000000000000'));
    expectKind(e, 'not-found', ExitCode.failure);
    expect(e.call).toBe('GET /order/cart/{cartId}');
  });

  it('OAuth2 client credentials: token then bearer calls; a wrong secret is a credentials error', async () => {
    const oauth = api({ kind: 'oauth2', ...sb.oauth });
    await expect(oauth.getMe()).resolves.toMatchObject({ nichandle: sb.account.nichandle });
    expect(sb.log.find((e) => e.route === '/me')?.auth).toBe('oauth2');
    expect(sb.log.some((e) => e.route === '/auth/time')).toBe(false);

    const e = await failure(api({ kind: 'oauth2', clientId: sb.oauth.clientId, clientSecret: 'wrong-secret-value' }).getMe());
    expectKind(e, 'invalid-credential', ExitCode.credentials);
    expect(e.message).not.toContain('wrong-secret-value');
  });
});

describe('wire faults from the sandbox', () => {
  it('retries a read after a 503 and a dropped connection', async () => {
    sb.addFault({ method: 'GET', route: '/me', kind: 'status', status: 503 });
    sb.addFault({ method: 'GET', route: '/me', kind: 'drop-before' });
    await expect(api(full, { timeOffsetSeconds: 0 }).getMe()).resolves.toBeDefined();
    expect(calls().filter((c) => c === 'GET /me')).toHaveLength(3);
  });

  it('does not retry a write whose connection dropped after it took effect, and says so', async () => {
    sb.addFault({ method: 'POST', route: '/order/cart', kind: 'drop-after' });
    const e = await failure(api(full, { timeOffsetSeconds: 0 }).createCart({ ovhSubsidiary: sb.account.ovhSubsidiary }));
    expectKind(e, 'network', ExitCode.failure);
    expect(e.hint).toMatch(/may have taken effect/);
    expect(calls().filter((c) => c === 'POST /order/cart')).toHaveLength(1);
  });

  it('never retries a checkout, even on 503', async () => {
    const ovh = api(full, { timeOffsetSeconds: 0 });
    const cart = await ovh.createCart({ ovhSubsidiary: sb.account.ovhSubsidiary });
    await ovh.assignCart(cart.cartId);
    sb.addFault({ method: 'POST', route: '/order/cart/{cartId}/checkout', kind: 'status', status: 503, times: Infinity });
    const e = await failure(ovh.checkout(cart.cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false }));
    expectKind(e, 'server', ExitCode.failure);
    expect(calls().filter((c) => c === 'POST /order/cart/{cartId}/checkout')).toHaveLength(1);
  });

  it('times out a call that hangs, naming it', async () => {
    sb.addFault({ method: 'GET', route: '/order/cart/{cartId}', kind: 'hang' });
    const e = await failure(api(full, { timeOffsetSeconds: 0, timeoutMs: 400 }).getCart('any'));
    expectKind(e, 'timeout', ExitCode.failure);
    expect(e.message).toContain('GET /order/cart/{cartId}');
  });

  it('times out a body that stalls half-way', async () => {
    sb.addFault({ method: 'GET', route: '/me', kind: 'slow-body', delayMs: 5_000 });
    expectKind(await failure(api(full, { timeOffsetSeconds: 0, timeoutMs: 400 }).getMe()), 'timeout', ExitCode.failure);
  });

  it('reports invalid JSON as malformed', async () => {
    sb.addFault({ method: 'GET', route: '/me', kind: 'malformed-json' });
    const e = await failure(api(full, { timeOffsetSeconds: 0 }).getMe());
    expectKind(e, 'malformed', ExitCode.failure);
    expect(e.call).toBe('GET /me');
  });

  it('honours a 429 Retry-After that fits the budget, and gives up on one that does not', async () => {
    sb.addFault({ method: 'GET', route: '/me', kind: 'status', status: 429, retryAfterSeconds: 0 });
    await expect(api(full, { timeOffsetSeconds: 0 }).getMe()).resolves.toBeDefined();
    sb.addFault({ method: 'GET', route: '/me', kind: 'status', status: 429, retryAfterSeconds: 120 });
    const e = await failure(api(full, { timeOffsetSeconds: 0 }).getMe());
    expectKind(e, 'rate-limited', ExitCode.failure);
    expect(e.retryAfterSeconds).toBe(120);
    expect(e.queryId).toBeTruthy();
  });
});

describe('clock', () => {
  it('reports a clock far from OVH’s, and still signs correctly', async () => {
    // Last in the file: the sandbox clock only moves forward.
    sb.clock.advance(10 * 60_000);
    const skews: number[] = [];
    await expect(api(full, { onClockSkew: (o) => skews.push(o) }).getMe()).resolves.toBeDefined();
    expect(skews).toHaveLength(1);
    expect(skews[0]).toBeGreaterThanOrEqual(590);
    // A cached offset now wrong by 10 minutes (more than the server's window): OVH's refusal is a
    // 400 it does not explain, so the offset is measured again and the call signed again, once.
    const measured: number[] = [];
    await expect(api(full, { timeOffsetSeconds: 0, onTimeOffset: (o) => measured.push(o) }).getMe()).resolves.toBeDefined();
    expect(measured).toHaveLength(1);
    expect(measured[0]).toBeGreaterThanOrEqual(590);
    const tries = sb.log.filter((entry) => entry.route === '/me').slice(-2);
    expect(tries.map((entry) => entry.status)).toEqual([400, 200]);
  });

  it('never sends a checkout twice, even when its timestamp was refused', async () => {
    const fresh = api(full);
    const me = await fresh.getMe();
    const cart = await fresh.createCart({ ovhSubsidiary: me.ovhSubsidiary, description: 'stale clock' });
    await fresh.assignCart(cart.cartId);
    sb.clock.advance(10 * 60_000);
    sb.clearLog();
    const refused = await failure(
      api(full, { timeOffsetSeconds: fresh.client.timeOffsetSeconds }).checkout(cart.cartId, {
        autoPayWithPreferredPaymentMethod: false,
        waiveRetractationPeriod: false,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.hint).toMatch(/clock offset to OVH had moved by \d+ s.*never sent twice.*run the command again/);
    expect(calls().filter((c) => c === 'POST /order/cart/{cartId}/checkout')).toHaveLength(1);
    // The offset was measured again, so the next command signs right.
    expect(calls()).toContain('GET /auth/time');
  });
});
