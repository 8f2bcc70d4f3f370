// Cart housekeeping decisions and `cart show` on a checked-out cart: which carts prune deletes (and
// which it must keep), ages, and reading a cart after its order. The API is the HTTPS sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import { showCart } from '../../src/flows/cart-inspect.js';
import { summariseCart } from '../../src/flows/cart-list.js';
import type { CartSummary } from '../../src/domain/cart-report.js';
import { decidePrune, deleteCarts, parseAge } from '../../src/flows/cart-prune.js';
import { checkout } from '../../src/flows/checkout.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';

const NOW = new Date('2026-05-02T12:00:00Z');
const HOUR = 3_600_000;

function summary(description: string, options: { expireInH?: number | null; readOnly?: boolean } = {}): CartSummary {
  const expire = options.expireInH === null ? null : new Date(NOW.getTime() + (options.expireInH ?? 20) * HOUR).toISOString();
  return summariseCart({ cartId: description.replace(/\W/g, '-'), description, expire, items: [1, 2], readOnly: options.readOnly ?? false }, NOW);
}

describe('cart prune decisions', () => {
  const marker = (hoursAgo: number) => `ovh-order ${new Date(NOW.getTime() - hoursAgo * HOUR).toISOString()}`;

  it('deletes expired carts whoever made them, and ovh-order carts older than the limit', () => {
    const carts = [
      summary('someone else', { expireInH: -1 }),
      summary(marker(30)),
      summary(marker(2)),
      summary('someone else'),
      summary(marker(48), { readOnly: true }),
      summary('no expiry', { expireInH: null }),
    ];
    const decisions = decidePrune(carts, 24 * HOUR, NOW);
    expect(decisions.map((d) => [d.cart.description.slice(0, 12), d.reason])).toEqual([
      ['someone else', 'expired'],
      ['ovh-order 20', 'ovh-order-old'],
      ['ovh-order 20', null],
      ['someone else', null],
      ['ovh-order 20', null],
      ['no expiry', null],
    ]);
    expect(decisions[4]!.why).toContain('checked out');
    expect(decisions[1]!.why).toBe('ovh-order cart, 30 h old');
  });

  it('reads ages with a unit, and refuses anything else', () => {
    expect(parseAge('24h')).toBe(24 * HOUR);
    expect(parseAge('30m')).toBe(30 * 60_000);
    expect(parseAge('7d')).toBe(7 * 24 * HOUR);
    expect(parseAge('1.5h')).toBe(1.5 * HOUR);
    expect(parseAge('90s')).toBe(90_000);
    for (const bad of ['24', 'yesterday', '-1h', 'h']) expect(() => parseAge(bad)).toThrow(UsageError);
  });
});

describe('cart show of a cart served past its expiry', () => {
  it('is an error naming when it expired (exit 1), read without anything else', async () => {
    const calls: string[] = [];
    // OVH drops expired carts (the sandbox answers 404); this stands for an API that still serves one.
    const api = new Proxy({} as Parameters<typeof showCart>[0], {
      get: (_target, name: string) => async (cartId: string) => {
        calls.push(name);
        if (name !== 'getCart') throw new Error(`unexpected call ${name}`);
        return { cartId, description: '', expire: '2026-05-02T10:00:00+00:00', items: [], readOnly: false };
      },
    });
    await expect(showCart(api, 'c1', { hasAccount: true, now: NOW })).rejects.toMatchObject({
      code: 'cart_expired',
      exitCode: 1,
      message: 'Cart c1 expired on 2026-05-02 10:00 UTC.',
    });
    expect(calls).toEqual(['getCart']);
  });
});

describe('against the sandbox', () => {
  let sandbox: SandboxServer;
  let api: OvhApi;
  beforeAll(async () => {
    sandbox = await startSandbox();
    api = new OvhApi({ endpoint: parseEndpoint(sandbox.url), credentials: { kind: 'app', ...sandbox.credentials }, trustCaPem: sandbox.caPem });
  });
  afterAll(() => sandbox?.close());

  it('shows a checked-out cart as read-only, with nothing missing', async () => {
    const cart = await api.createCart({ ovhSubsidiary: 'FR' });
    await api.assignCart(cart.cartId);
    const item = await api.addProduct(cart.cartId, 'eco', { planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    for (const planCode of ['ram-32g-ecc-2133-24sk10', 'softraid-2x480ssd-24sk10', 'bandwidth-300-24sk10']) {
      await api.addOption(cart.cartId, 'eco', { itemId: item.itemId, planCode, duration: 'P1M', pricingMode: 'default', quantity: 1 });
    }
    for (const [label, value] of [
      ['dedicated_datacenter', 'gra'],
      ['dedicated_os', 'none_64.en'],
      ['region', 'europe'],
    ] as const) {
      await api.addConfiguration(cart.cartId, item.itemId, { label, value });
    }
    const open = await showCart(api, cart.cartId, { hasAccount: true, now: new Date() });
    expect(open).toMatchObject({ readOnly: false, missing: [], previewSource: 'checkout', previewProblem: null });
    await checkout(api, cart.cartId, { autopay: false });

    sandbox.clearLog();
    const done = await showCart(api, cart.cartId, { hasAccount: true, now: new Date() });
    expect(done).toMatchObject({ readOnly: true, missing: [], previewSource: 'summary' });
    // The true reason, not "not assigned": it was checked out.
    expect(done.previewProblem).toMatchObject({ code: 'checked_out', message: expect.stringContaining('already checked out') });
    expect(done.preview!.prices.withoutTax.value).toBe(33.98);
    // One read of the cart, and no checkout preview asked of a read-only cart.
    expect(sandbox.log.filter((e) => e.method === 'GET' && e.route === '/order/cart/{cartId}')).toHaveLength(1);
    expect(sandbox.log.filter((e) => e.route === '/order/cart/{cartId}/checkout')).toHaveLength(0);
    expect(done.items[0]!.options.map((o) => o.planCode).sort()).toEqual(['bandwidth-300-24sk10', 'ram-32g-ecc-2133-24sk10', 'softraid-2x480ssd-24sk10']);
    expect(done.items[0]!.configuration.map((c) => `${c.label}=${c.value}`)).toEqual(['dedicated_datacenter=gra', 'dedicated_os=none_64.en', 'region=europe']);
  });

  it('a cart not assigned to the account is shown with its summary and says why there is no checkout preview', async () => {
    const cart = await api.createCart({ ovhSubsidiary: 'FR' });
    await api.addProduct(cart.cartId, 'eco', { planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    const report = await showCart(api, cart.cartId, { hasAccount: true, now: new Date() });
    expect(report.previewSource).toBe('summary');
    expect(report.previewProblem).toMatchObject({ code: 'not_assigned' });
    expect(report.preview!.prices.withoutTax.value).toBe(33.98);
  });

  it('tells the other 403s of the preview apart: a key without the rule, and a refusal of unknown reason', async () => {
    const cart = await api.createCart({ ovhSubsidiary: 'FR' });
    await api.assignCart(cart.cartId);
    await api.addProduct(cart.cartId, 'eco', { planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    const route = '/order/cart/{cartId}/checkout';
    try {
      sandbox.addFault({ method: 'GET', route, kind: 'status', status: 403, message: 'This call has not been granted' });
      const notGranted = await showCart(api, cart.cartId, { hasAccount: true, now: new Date() });
      expect(notGranted.previewProblem).toMatchObject({
        code: 'not_granted',
        message: expect.stringContaining('not allowed to call GET /order/cart/{cartId}/checkout'),
      });
      sandbox.addFault({ method: 'GET', route, kind: 'status', status: 403, message: 'Some reason OVH does not document' });
      const other = await showCart(api, cart.cartId, { hasAccount: true, now: new Date() });
      expect(other.previewProblem).toMatchObject({ code: 'refused', message: expect.stringContaining('Some reason OVH does not document') });
      expect(other.previewProblem!.message).not.toContain('not assigned');
    } finally {
      sandbox.clearFaults();
    }
  });

  it('deleteCarts stops at once on a credentials refusal (it concerns every cart)', async () => {
    const anonymous = new OvhApi({ endpoint: parseEndpoint(sandbox.url), credentials: { kind: 'none' }, trustCaPem: sandbox.caPem });
    const cart = await api.createCart({ ovhSubsidiary: 'FR' });
    await expect(deleteCarts(anonymous, [cart.cartId, 'other'])).rejects.toMatchObject({ exitCode: 3 });
    expect(await api.getCart(cart.cartId)).toMatchObject({ cartId: cart.cartId });
  });
});
