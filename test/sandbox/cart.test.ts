// Carts, offers, items, options and configurations as the real API behaves (ovh-api.md §4.1-4.3).
import { describe, expect, it } from 'vitest';
import { buildCart, ovhClient, ovhError, raw, signed, useTrustedSandbox, type OvhClient } from './helpers.js';

const DAY_MS = 86_400_000;

interface Offer {
  planCode: string;
  productName: string;
  productType: string;
  prices: Array<{
    capacities: string[];
    duration: string;
    pricingMode: string;
    priceInUcents: number;
    price: { currencyCode: string; text: string; value: number };
  }>;
}

describe('sandbox carts', () => {
  let client: OvhClient;
  const sb = useTrustedSandbox({ onUnknownRoute: () => {} });
  // A fresh node-ovh client per test: it re-reads /auth/time, so clock.advance in a test is harmless.
  const newClient = () => (client = ovhClient(sb));

  it('creates carts with a UUID, an empty item list and a one-day expiry on the sandbox clock', async () => {
    newClient();
    const cart = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR', description: 'mine' })) as Record<string, unknown>;
    expect(Object.keys(cart)).toEqual(['cartId', 'description', 'expire', 'readOnly', 'items']);
    expect(cart).toMatchObject({ description: 'mine', readOnly: false, items: [] });
    expect(cart.expire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(Math.abs(Date.parse(cart.expire as string) - (sb.clock.now().getTime() + DAY_MS))).toBeLessThan(5000);
  });

  it('validates the cart body like the API (required property, subsidiary enum, authored subsidiaries)', async () => {
    newClient();
    expect(await ovhError(client.requestPromised('POST', '/order/cart', { description: 'x' }))).toEqual({
      error: 400,
      message: "The input provided isn't valid: 'ovhSubsidiary' is a required property",
    });
    expect((await ovhError(client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'US' }))).message).toMatch(
      /^The input provided isn't valid: 'US' is not one of \[/,
    );
    expect((await ovhError(client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'EU' }))).message).toMatch(
      /^Sandbox: no catalog authored for subsidiary EU/,
    );
  });

  it('lists only the carts assigned to the caller, filtered by description', async () => {
    newClient();
    const assigned = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR', description: 'listed' })) as { cartId: string };
    const other = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR', description: 'listed' })) as { cartId: string };
    await client.requestPromised('POST', `/order/cart/${assigned.cartId}/assign`);
    const ids = (await client.requestPromised('GET', '/order/cart', { description: 'listed' })) as string[];
    expect(ids).toContain(assigned.cartId);
    expect(ids).not.toContain(other.cartId);
    expect(await client.requestPromised('GET', '/order/cart', { description: 'nothing like it' })).toEqual([]);
  });

  it('reads, updates and deletes a cart; a deleted or unknown cart is 404 Client::NotFound', async () => {
    newClient();
    const { cartId } = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    const updated = (await client.requestPromised('PUT', `/order/cart/${cartId}`, { description: 'renamed' })) as { description: string };
    expect(updated.description).toBe('renamed');
    expect(await client.requestPromised('DELETE', `/order/cart/${cartId}`)).toBeNull();
    const res = await raw(sb, 'GET', `/1.0/order/cart/${cartId}`);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ class: 'Client::NotFound', message: `The requested object (cartId = ${cartId}) does not exist` });
    expect((await raw(sb, 'DELETE', `/1.0/order/cart/${cartId}`)).status).toBe(401);
  });

  it('forgets a cart once it expired (404, like an unknown cart) and stops listing it', async () => {
    newClient();
    const { cartId } = await buildCart(client, { options: [], configurations: [] });
    sb.clock.advance(DAY_MS + 1000);
    newClient();
    const res = await raw(sb, 'GET', `/1.0/order/cart/${cartId}`);
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ class: 'Client::NotFound', message: `The requested object (cartId = ${cartId}) does not exist` });
    expect(await client.requestPromised('GET', '/order/cart')).not.toContain(cartId);
    expect(
      await ovhError(
        client.requestPromised('POST', `/order/cart/${cartId}/eco`, { planCode: '24rise01', duration: 'P1M', pricingMode: 'default', quantity: 1 }),
      ),
    ).toMatchObject({ error: 404 });
  });

  it('offers each range through its own product, with durations, modes and micro-cent prices', async () => {
    newClient();
    const { cartId } = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    const eco = (await client.requestPromised('GET', `/order/cart/${cartId}/eco`)) as Offer[];
    expect(eco.map((o) => o.planCode)).toEqual(expect.arrayContaining(['24sk10', '24sys01', '24rise01']));
    expect(eco.map((o) => o.planCode)).not.toContain('24adv01');
    const bm = (await client.requestPromised('GET', `/order/cart/${cartId}/baremetalServers`)) as Offer[];
    expect(bm.map((o) => o.planCode)).toEqual(expect.arrayContaining(['24adv01', '24scale01']));
    const dedicated = (await client.requestPromised('GET', `/order/cart/${cartId}/dedicated`)) as Offer[];
    expect(dedicated.map((o) => o.planCode)).toEqual(expect.arrayContaining(['24hgrhci01']));

    const [rise] = (await client.requestPromised('GET', `/order/cart/${cartId}/eco`, { planCode: '24rise01' })) as Offer[];
    expect(rise!.productName).toBe('RISE-1 | Intel Xeon-E 2386G');
    const renew = (mode: string) => rise!.prices.find((p) => p.pricingMode === mode && p.capacities.includes('renew'))!;
    expect(renew('default')).toMatchObject({ duration: 'P1M', priceInUcents: 5699000000, price: { currencyCode: 'EUR', text: '56.99 €', value: 56.99 } });
    expect(renew('degressivity12')).toMatchObject({ duration: 'P1M', priceInUcents: 5414000000 });
    expect(renew('upfront12')).toMatchObject({ duration: 'P1Y', priceInUcents: 61549000000 });
    expect(renew('upfront24')).toMatchObject({ duration: 'P2Y', priceInUcents: 116260000000 });
    const setup = rise!.prices.find((p) => p.pricingMode === 'default' && p.capacities.includes('installation'))!;
    expect(setup).toMatchObject({ duration: 'P0D', priceInUcents: 5699000000 });
    expect(await client.requestPromised('GET', `/order/cart/${cartId}/eco`, { planCode: 'nope' })).toEqual([]);
  });

  it('adds a server item, and refuses bad bodies, unknown plans, plans of another range, bad modes and durations', async () => {
    newClient();
    const { cartId } = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    const body = { planCode: '24rise01', duration: 'P1M', pricingMode: 'default', quantity: 1 };
    const item = (await client.requestPromised('POST', `/order/cart/${cartId}/eco`, body)) as Record<string, unknown>;
    expect(item).toMatchObject({
      cartId,
      configurations: [],
      duration: 'P1M',
      offerId: null,
      options: [],
      productId: 'eco',
      settings: { planCode: '24rise01', pricingMode: 'default', quantity: 1 },
      prices: expect.arrayContaining([{ label: 'TOTAL', price: { currencyCode: 'EUR', priceInUcents: 5699000000, text: '56.99 €', value: 56.99 } }]),
    });
    expect(item).not.toHaveProperty('parentItemId');
    expect(Number.isInteger(item.itemId)).toBe(true);

    const post = (product: string, patch: Record<string, unknown>) =>
      ovhError(client.requestPromised('POST', `/order/cart/${cartId}/${product}`, { ...body, ...patch }));
    const missing = await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/eco`, { planCode: '24rise01', pricingMode: 'default', quantity: 1 }));
    expect(missing).toEqual({ error: 400, message: "The input provided isn't valid: 'duration' is a required property" });
    expect(await post('eco', { planCode: 'nope' })).toEqual({ error: 400, message: 'Plan code not found: nope' });
    expect(await post('baremetalServers', {})).toEqual({ error: 400, message: 'Plan code not found: 24rise01' });
    expect((await post('eco', { pricingMode: 'upfront6' })).message).toBe(
      'Pricing mode upfront6 is not available for plan 24rise01 (available: default, degressivity12, degressivity24, upfront12, upfront24)',
    );
    expect((await post('eco', { duration: 'P12M', pricingMode: 'upfront12' })).message).toBe(
      'Duration P12M is not available for plan 24rise01 with pricing mode upfront12 (available: P1Y)',
    );
    expect((await post('eco', { duration: 'one month' })).message).toMatch(/is not a 'duration'/);
    expect((await post('eco', { quantity: 0 })).message).toMatch(/0 is less than the minimum of 1/);
    expect((await post('eco', { quantity: '1' })).message).toMatch(/is not of type 'integer'/);
  });

  it('lists options with family, mandatory and exclusive, and adds them under their server item', async () => {
    newClient();
    const { cartId, itemId } = await buildCart(client, { options: [], configurations: [] });
    expect(await ovhError(client.requestPromised('GET', `/order/cart/${cartId}/eco/options`))).toEqual({ error: 400, message: 'Missing parameter: planCode' });
    const defs = (await client.requestPromised('GET', `/order/cart/${cartId}/eco/options`, { planCode: '24rise01' })) as Array<Record<string, unknown>>;
    const families = new Map(defs.map((d) => [d.family, { mandatory: d.mandatory, exclusive: d.exclusive }]));
    expect(families.get('memory')).toEqual({ mandatory: true, exclusive: true });
    expect(families.get('storage')).toEqual({ mandatory: true, exclusive: true });
    expect(families.get('bandwidth')).toEqual({ mandatory: true, exclusive: true });
    expect(families.get('vrack')).toEqual({ mandatory: true, exclusive: true });
    expect(families.get('distribution-license')).toEqual({ mandatory: false, exclusive: false });
    const ram64 = defs.find((d) => d.planCode === 'ram-64g-ecc-3200-24rise')!;
    expect(ram64).toMatchObject({ productName: '64GB DDR4 ECC 3200MHz', productType: 'delivery' });

    const option = (await client.requestPromised('POST', `/order/cart/${cartId}/eco/options`, {
      itemId,
      planCode: 'ram-64g-ecc-3200-24rise',
      duration: 'P1M',
      pricingMode: 'default',
      quantity: 1,
    })) as Record<string, unknown>;
    expect(option).toMatchObject({ parentItemId: itemId, productId: 'eco', settings: { planCode: 'ram-64g-ecc-3200-24rise' } });
    expect(option.prices).toContainEqual({ label: 'TOTAL', price: { currencyCode: 'EUR', priceInUcents: 800000000, text: '8.00 €', value: 8 } });
    const server = (await client.requestPromised('GET', `/order/cart/${cartId}/item/${itemId}`)) as { options: number[] };
    expect(server.options).toEqual([option.itemId]);

    const addOption = (patch: Record<string, unknown>) =>
      ovhError(
        client.requestPromised('POST', `/order/cart/${cartId}/eco/options`, {
          itemId,
          planCode: 'ram-32g-ecc-3200-24rise',
          duration: 'P1M',
          pricingMode: 'default',
          quantity: 1,
          ...patch,
        }),
      );
    expect((await addOption({ planCode: 'ram-32g-ecc-2133-24sk10' })).message).toBe('Option ram-32g-ecc-2133-24sk10 is not available for plan 24rise01');
    expect((await addOption({ pricingMode: 'degressivity12' })).message).toMatch(/must use the pricing mode and duration of its server item \(default, P1M\)/);
    expect(await addOption({ itemId: 42 })).toEqual({ error: 404, message: 'The requested object (itemId = 42) does not exist' });
  });

  it('lists items, and deleting a server deletes its options and configurations', async () => {
    newClient();
    const { cartId, itemId, optionIds } = await buildCart(client);
    const items = (await client.requestPromised('GET', `/order/cart/${cartId}/item`)) as number[];
    expect(items).toEqual([itemId, ...optionIds]);
    expect(await client.requestPromised('DELETE', `/order/cart/${cartId}/item/${itemId}`)).toBeNull();
    expect(await client.requestPromised('GET', `/order/cart/${cartId}/item`)).toEqual([]);
    expect((await ovhError(client.requestPromised('GET', `/order/cart/${cartId}/item/${optionIds[0]}`))).error).toBe(404);
    const cart = (await client.requestPromised('GET', `/order/cart/${cartId}`)) as { items: number[] };
    expect(cart.items).toEqual([]);
  });

  it('reproduces the real requiredConfiguration, wrong flags included', async () => {
    newClient();
    const { cartId, itemId } = await buildCart(client, { options: [], configurations: [] });
    const reqs = (await client.requestPromised('GET', `/order/cart/${cartId}/item/${itemId}/requiredConfiguration`)) as Array<Record<string, unknown>>;
    const byLabel = new Map(reqs.map((r) => [r.label, r]));
    expect(byLabel.get('dedicated_datacenter')).toEqual({
      allowedValues: ['bhs', 'fra', 'gra', 'lon', 'rbx', 'sbg', 'waw'],
      fields: null,
      label: 'dedicated_datacenter',
      required: false,
      type: 'String',
    });
    expect(byLabel.get('dedicated_os')).toMatchObject({ allowedValues: ['none_64.en'], required: true });
    expect(byLabel.get('region')).toMatchObject({ allowedValues: ['canada', 'europe'], required: true });
    expect(byLabel.get('extra_reservation')).toMatchObject({ allowedValues: null, required: false });
    expect(byLabel.get('TECH_ACCOUNT')).toEqual({ fields: null, label: 'TECH_ACCOUNT', required: false, type: 'Nichandle' });
    expect(byLabel.has('enable-backup')).toBe(false);

    const adv = await buildCart(client, { product: 'baremetalServers', planCode: '24adv01', options: [], configurations: [] });
    const advReqs = (await client.requestPromised('GET', `/order/cart/${adv.cartId}/item/${adv.itemId}/requiredConfiguration`)) as Array<
      Record<string, unknown>
    >;
    expect(advReqs.find((r) => r.label === 'enable-backup')).toMatchObject({ allowedValues: ['false', 'true'], required: false });
  });

  it('accepts any configuration value, lists by label, reads and deletes by id', async () => {
    newClient();
    const { cartId, itemId } = await buildCart(client, { options: [], configurations: [] });
    const base = `/order/cart/${cartId}/item/${itemId}/configuration`;
    const dc = (await client.requestPromised('POST', base, { label: 'dedicated_datacenter', value: 'atlantide' })) as { id: number };
    expect(dc).toEqual({ id: dc.id, label: 'dedicated_datacenter', value: 'atlantide' });
    const os = (await client.requestPromised('POST', base, { label: 'dedicated_os', value: 'none_64.en' })) as { id: number };
    expect(await client.requestPromised('GET', base)).toEqual([dc.id, os.id]);
    expect(await client.requestPromised('GET', base, { label: 'dedicated_os' })).toEqual([os.id]);
    expect(await client.requestPromised('GET', `${base}/${os.id}`)).toEqual({ id: os.id, label: 'dedicated_os', value: 'none_64.en' });
    expect(await client.requestPromised('DELETE', `${base}/${dc.id}`)).toBeNull();
    expect(await ovhError(client.requestPromised('GET', `${base}/${dc.id}`))).toEqual({
      error: 404,
      message: `The requested object (configurationId = ${dc.id}) does not exist`,
    });
    expect((await ovhError(client.requestPromised('POST', base, { label: 'region' }))).message).toBe(
      "The input provided isn't valid: 'value' is a required property",
    );
  });

  it('serves the summary without authentication', async () => {
    newClient();
    const { cartId } = await buildCart(client, { assign: false });
    const res = await raw(sb, 'GET', `/1.0/order/cart/${cartId}/summary`);
    expect(res.status).toBe(200);
    const summary = res.json() as { orderId: null; url: null; details: unknown[]; prices: { withoutTax: { value: number } } };
    expect(summary.orderId).toBeNull();
    expect(summary.url).toBeNull();
    expect(summary.details).toHaveLength(10);
    expect(summary.prices.withoutTax.value).toBe(56.99);
    // and a signed call works the same on this noAuth route
    expect((await signed(sb, 'GET', `/1.0/order/cart/${cartId}/summary`)).status).toBe(200);
  });
});
