// The order engine shared by the wizard and `ovh-order order`: offers with stock, the cart session
// (every write once), and the one checkout. Against the HTTPS sandbox through the real OvhApi, with
// small fakes only where the point is the order of calls.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { CartSession, cartDescription, inspectCart, isOvhOrderCart, parseCartDescription, describeMissing } from '../../src/flows/cart-builder.js';
import { checkout, checkoutBody } from '../../src/flows/checkout.js';
import { closeMatches, loadOfferByPlan, loadOffers, type CatalogApi, type CachedCatalog } from '../../src/flows/offers-loader.js';
import { callsOf, useWorld } from './wizard-harness.js';

const world = useWorld();

const CONFIGURATION = '/order/cart/{cartId}/item/{itemId}/configuration';

describe('offers', () => {
  it('joins stock to every offer of a range, from one catalog call and one availability call', async () => {
    const loaded = await loadOffers(world.api(), { range: 'eco', subsidiary: 'FR' });
    expect(loaded.offers.length).toBeGreaterThan(3);
    expect(loaded.currency).toBe('EUR');
    const ksa = loaded.offers.find((o) => o.planCode === '24ska01')!;
    expect(ksa.availability.orderableDatacenters).toEqual([]);
    const ks1 = loaded.offers.find((o) => o.planCode === '24sk10')!;
    expect(ks1.availability.soonest?.label).toBe('1 h');
    const routes = world.sandbox.log.map((e) => `${e.method} ${e.route}`);
    expect(routes.filter((r) => r === 'GET /order/catalog/public/eco')).toHaveLength(1);
    expect(routes.filter((r) => r === 'GET /dedicated/server/datacenter/availabilities')).toHaveLength(1);
  });

  it('fetches the catalog and the availabilities in parallel, and never caches stock', async () => {
    const real = world.api();
    let availabilityCalls = 0;
    const api: CatalogApi = {
      getFormattedDedicatedCatalog: (s) => real.getFormattedDedicatedCatalog(s),
      getAvailabilities: (q) => {
        availabilityCalls++;
        return real.getAvailabilities(q);
      },
      // The catalog answers only if the availability call was already started: sequential code fails.
      getPublicCatalog: (name, s) =>
        new Promise((resolve, reject) =>
          setImmediate(() =>
            availabilityCalls > 0 ? resolve(real.getPublicCatalog(name, s)) : reject(new Error('availabilities were not requested in parallel')),
          ),
        ),
    };
    const stored: CachedCatalog[] = [];
    const cache = { get: () => stored[0], set: (_key: unknown, value: CachedCatalog) => void stored.push(value) };
    const first = await loadOffers(api, { range: 'eco', subsidiary: 'FR', cache, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(first.fromCache).toBe(false);
    expect(stored).toHaveLength(1);
    const second = await loadOffers(api, { range: 'eco', subsidiary: 'FR', cache });
    expect(second.fromCache).toBe(true);
    expect(second.catalogFetchedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(availabilityCalls).toBe(2);
    const refreshed = await loadOffers(api, { range: 'eco', subsidiary: 'FR', cache, refresh: true });
    expect(refreshed.fromCache).toBe(false);
  });

  it('finds a plan, says when it belongs to another range, and suggests close plan codes', async () => {
    const api = world.api();
    const found = await loadOfferByPlan(api, { planCode: '24adv01', subsidiary: 'FR' });
    expect(found.offer.range).toBe('baremetal');
    await expect(loadOfferByPlan(api, { planCode: '24adv01', range: 'eco', subsidiary: 'FR' })).rejects.toThrow(
      /Plan "24adv01" is not in the eco range; it is sold in the baremetal range\./,
    );
    const error = await loadOfferByPlan(api, { planCode: '24sk1', range: 'eco', subsidiary: 'FR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/Unknown plan "24sk1" in the eco range \(FR\)\. Did you mean: 24sk10/);
    expect((error as UsageError).exitCode).toBe(2);
  });

  it('looking a plan up in every range asks each catalog and the stock once (the dedicated range reads the public ones too)', async () => {
    await loadOfferByPlan(world.api(), { planCode: '24sk10', subsidiary: 'FR' });
    const routes = world.sandbox.log.map((e) => `${e.method} ${e.route} ${JSON.stringify(e.query ?? {})}`);
    const count = (prefix: string) => routes.filter((r) => r.startsWith(prefix)).length;
    expect(count('GET /dedicated/server/datacenter/availabilities ')).toBe(1);
    expect(count('GET /order/catalog/public/eco ')).toBe(1);
    expect(count('GET /order/catalog/public/baremetalServers ')).toBe(1);
    expect(count('GET /order/catalog/formatted/dedicated ')).toBe(1);
  });

  it('dedicated range: a public catalog that cannot be read leaves its stock unknown, says so, and is not cached', async () => {
    const real = world.api();
    const api: CatalogApi = {
      getFormattedDedicatedCatalog: (s) => real.getFormattedDedicatedCatalog(s),
      getAvailabilities: (q) => real.getAvailabilities(q),
      getPublicCatalog: (name, s) => (name === 'baremetalServers' ? Promise.reject(new Error('Internal server error')) : real.getPublicCatalog(name, s)),
    };
    const stored: unknown[] = [];
    const cache = { get: () => undefined, set: (key: unknown) => void stored.push(key) };
    const loaded = await loadOffers(api, { range: 'dedicated', subsidiary: 'FR', cache });
    expect(loaded.offers.length).toBeGreaterThan(0);
    expect(loaded.warnings).toEqual([expect.stringContaining('The baremetal catalog could not be read (Internal server error)')]);
    expect(loaded.offers.some((o) => o.availability.match === 'none')).toBe(true);
    // The eco range was read and cached; the dedicated one, incomplete, was not.
    expect(stored).toEqual([expect.objectContaining({ range: 'eco' })]);
    const joined = await loadOffers(world.api(), { range: 'dedicated', subsidiary: 'FR' });
    expect(joined.warnings).toEqual([]);
    expect(joined.offers.every((o) => o.availability.match !== 'none')).toBe(true);
  });

  it('close matches: substrings and small typos, nothing far away', () => {
    expect(closeMatches('rise01', ['24rise01', '24rise02', '24sk10'])).toEqual(['24rise01']);
    expect(closeMatches('24sk11', ['24sk10', '24sk30', '24adv01'])).toEqual(['24sk10']);
    expect(closeMatches('24SK10', ['24sk30', '24sk10'])[0]).toBe('24sk10');
    expect(closeMatches('zzzz', ['24sk10'])).toEqual([]);
  });
});

describe('the cart marker', () => {
  it('marks carts with ovh-order and the creation time, and reads it back', () => {
    const now = new Date('2026-05-01T12:00:00.000Z');
    expect(cartDescription(now)).toBe('ovh-order 2026-05-01T12:00:00.000Z');
    expect(parseCartDescription(cartDescription(now))?.createdAt.toISOString()).toBe(now.toISOString());
    expect(isOvhOrderCart('my cart')).toBe(false);
    expect(isOvhOrderCart('ovh-order yesterday')).toBe(false);
  });
});

describe('cart session', () => {
  async function cartWithServer() {
    const session = await CartSession.create(world.api(), { subsidiary: 'FR', now: new Date() });
    const item = await session.addServer('eco', { planCode: '24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    return { session, item };
  }

  it('creates a marked cart and posts each option once, even when asked twice', async () => {
    const { session, item } = await cartWithServer();
    expect(isOvhOrderCart(session.cart.description)).toBe(true);
    const ram = { planCode: 'ram-32g-ecc-2133-24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 };
    await session.addOptions('eco', item.itemId, [ram, ram]);
    await session.addOptions('eco', item.itemId, [ram]);
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart/{cartId}/eco/options')).toHaveLength(1);
  });

  it('configures each label once; a changed value replaces the old one; a resumed session reads before posting', async () => {
    const { session, item } = await cartWithServer();
    await session.configure(item.itemId, [
      { label: 'dedicated_datacenter', value: 'gra' },
      { label: 'region', value: 'europe' },
    ]);
    await session.configure(item.itemId, [{ label: 'dedicated_datacenter', value: 'gra' }]);
    expect(callsOf(world.sandbox.log, 'POST', CONFIGURATION)).toHaveLength(2);
    await session.configure(item.itemId, [{ label: 'dedicated_datacenter', value: 'rbx' }]);
    expect(callsOf(world.sandbox.log, 'DELETE', `${CONFIGURATION}/{configurationId}`)).toHaveLength(1);

    const resumed = await CartSession.open(world.api(), session.cartId);
    world.sandbox.clearLog();
    await resumed.configure(item.itemId, [
      { label: 'dedicated_datacenter', value: 'rbx' },
      { label: 'dedicated_os', value: 'none_64.en' },
    ]);
    expect(callsOf(world.sandbox.log, 'POST', CONFIGURATION).map((e) => e.body)).toEqual([{ label: 'dedicated_os', value: 'none_64.en' }]);
    const labels = (await resumed.configurations(item.itemId)).map((c) => c.label).sort();
    expect(labels).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
    await expect(
      resumed.configure(item.itemId, [
        { label: 'region', value: 'europe' },
        { label: 'region', value: 'canada' },
      ]),
    ).rejects.toThrow(/given twice/);
  });

  it('says what a cart lacks: mandatory option families and the datacenter the API calls optional', async () => {
    const empty = await CartSession.create(world.api(), { subsidiary: 'FR', now: new Date() });
    expect(describeMissing((await inspectCart(empty)).missing)).toEqual(['a server']);
    const { session, item } = await cartWithServer();
    await session.addOptions('eco', item.itemId, [{ planCode: 'ram-32g-ecc-2133-24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 }]);
    const inspection = await inspectCart(await CartSession.open(world.api(), session.cartId));
    expect(inspection.server).toMatchObject({ planCode: '24sk30', product: 'eco', pricingMode: 'default', quantity: 1 });
    const missing = describeMissing(inspection.missing);
    expect(missing).toContain('an option of the storage family');
    expect(missing).toContain('an option of the public bandwidth family');
    expect(missing).not.toContain('an option of the memory family');
    expect(missing).toContain('the datacenter');
  });

  it('a plan the cart does not sell is a usage error listing what it sells', async () => {
    const session = await CartSession.create(world.api(), { subsidiary: 'FR', now: new Date() });
    await expect(session.productOffer('eco', '24adv01')).rejects.toThrow(/cannot be added/);
  });
});

describe('checkout', () => {
  async function readyCart() {
    const api = world.api();
    const session = await CartSession.create(api, { subsidiary: 'FR', now: new Date() });
    const item = await session.addServer('eco', { planCode: '24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    const o = { duration: 'P1M', pricingMode: 'default', quantity: 1 };
    await session.addOptions('eco', item.itemId, [
      { planCode: 'ram-32g-ecc-2133-24sk30', ...o },
      { planCode: 'softraid-2x480ssd-24sk30', ...o },
      { planCode: 'bandwidth-300-24sk30', ...o },
    ]);
    await session.configure(item.itemId, [
      { label: 'dedicated_datacenter', value: 'gra' },
      { label: 'dedicated_os', value: 'none_64.en' },
      { label: 'region', value: 'europe' },
    ]);
    await session.assign();
    return { api, session };
  }

  it('waives the retraction period only when explicitly asked', () => {
    expect(checkoutBody({ autopay: false })).toEqual({ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    expect(checkoutBody({ autopay: true, waiveRetraction: true })).toEqual({ autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true });
  });

  it('posts once, between the hooks, and returns the order', async () => {
    const { api, session } = await readyCart();
    world.sandbox.clearLog();
    const events: string[] = [];
    const result = await checkout(
      api,
      session.cartId,
      { autopay: false },
      {
        before: (attempt) => void events.push(`before ${attempt.cartId} ${world.sandbox.log.length}`),
        after: (order) => void events.push(`after ${order.orderId}`),
      },
    );
    expect(events).toEqual([`before ${session.cartId} 0`, `after ${result.orderId}`]);
    expect(result.url).toMatch(/^https:\/\//);
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart/{cartId}/checkout').map((e) => e.body)).toEqual([
      { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false },
    ]);
  });

  it('posts nothing when the before hook refuses, and never retries a failed POST', async () => {
    const { api, session } = await readyCart();
    world.sandbox.clearLog();
    await expect(checkout(api, session.cartId, { autopay: false }, { before: () => Promise.reject(new Error('journal unwritable')) })).rejects.toThrow(
      'journal unwritable',
    );
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart/{cartId}/checkout')).toHaveLength(0);

    world.sandbox.addFault({ method: 'POST', route: '/order/cart/{cartId}/checkout', kind: 'status', status: 503 });
    const failures: unknown[] = [];
    await expect(checkout(api, session.cartId, { autopay: false }, { failed: (error) => void failures.push(error) })).rejects.toThrow();
    expect(failures).toHaveLength(1);
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart/{cartId}/checkout')).toHaveLength(1);
  });

  it('returns the order a failed hook recovered without posting again', async () => {
    const { api, session } = await readyCart();
    world.sandbox.addFault({ method: 'POST', route: '/order/cart/{cartId}/checkout', kind: 'drop-after' });
    const result = await checkout(
      api,
      session.cartId,
      { autopay: false },
      {
        failed: (_error, attempt) => ({
          orderId: 42,
          url: 'https://example.test/42',
          order: { orderId: 42, url: 'https://example.test/42', prices: {} } as never,
          body: attempt.body,
        }),
      },
    );
    expect(result.orderId).toBe(42);
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart/{cartId}/checkout')).toHaveLength(1);
  });
});
