// Checkout as the real API does it (ovh-api.md §4.4, §3): preview, refusals with the API's messages,
// the order, and what follows on /me/order as the sandbox clock moves.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { buildCart, ovhClient, ovhError, trustSandbox, useTrustedSandbox, type CartSetup, type OvhClient } from './helpers.js';

const MINUTE = 60_000;

interface Price {
  currencyCode: string;
  text: string;
  value: number;
}
interface Order {
  orderId: number | null;
  url: string | null;
  contracts: Array<{ name: string; url: string; content: string }>;
  details: Array<{
    cartItemID: number;
    detailType: string;
    domain: string;
    description: string;
    totalPrice: Price;
    originalTotalPrice: Price;
    reductions: unknown[];
  }>;
  prices: { originalWithoutTax: Price; reduction: Price; tax: Price; withTax: Price; withoutTax: Price };
}

describe('sandbox checkout', () => {
  let client: OvhClient;
  const sb = useTrustedSandbox({ onUnknownRoute: () => {} });
  const newClient = () => (client = ovhClient(sb));

  async function refusal(setup: CartSetup, body: Record<string, unknown> = {}) {
    const { cartId } = await buildCart(client, setup);
    const preview = await ovhError(client.requestPromised('GET', `/order/cart/${cartId}/checkout`)).catch(() => undefined);
    const order = await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/checkout`, body));
    return { cartId, preview, order };
  }

  it('orders a server end to end: preview, checkout, read-only cart, status progression, details, follow-up', async () => {
    newClient();
    sb.setPaymentMethod(true);
    const { cartId, itemId, optionIds } = await buildCart(client);

    const preview = (await client.requestPromised('GET', `/order/cart/${cartId}/checkout`)) as Order;
    expect(preview.orderId).toBeNull();
    expect(preview.url).toBeNull();
    expect(preview.details).toHaveLength(2 * (1 + optionIds.length));
    expect(preview.details.slice(0, 2).map((d) => [d.detailType, d.domain, d.cartItemID])).toEqual([
      ['INSTALLATION', '*001', itemId],
      ['DURATION', '*001', itemId],
    ]);
    expect(preview.details.slice(2).map((d) => d.domain)).toEqual([
      '*001.001',
      '*001.001',
      '*001.002',
      '*001.002',
      '*001.003',
      '*001.003',
      '*001.004',
      '*001.004',
    ]);
    expect(preview.details[1]!.description).toBe('RISE-1 | Intel Xeon-E 2386G location - centre de données gra - 1 mois');
    // The RISE-1 setup fee is waived by a promotion: it shows as a reduction.
    expect(preview.details[0]!.originalTotalPrice.text).toBe('56.99 €');
    expect(preview.details[0]!.totalPrice.value).toBe(0);
    expect(preview.details[0]!.reductions).toHaveLength(1);
    expect(preview.prices).toEqual({
      originalWithoutTax: { currencyCode: 'EUR', text: '113.98 €', value: 113.98 },
      reduction: { currencyCode: 'EUR', text: '56.99 €', value: 56.99 },
      tax: { currencyCode: 'EUR', text: '11.40 €', value: 11.4 },
      withTax: { currencyCode: 'EUR', text: '68.39 €', value: 68.39 },
      withoutTax: { currencyCode: 'EUR', text: '56.99 €', value: 56.99 },
    });
    expect(preview.contracts.length).toBeGreaterThan(0);
    for (const contract of preview.contracts) expect(Object.keys(contract)).toEqual(['name', 'url', 'content']);

    const order = (await client.requestPromised('POST', `/order/cart/${cartId}/checkout`, {
      autoPayWithPreferredPaymentMethod: true,
      waiveRetractationPeriod: false,
    })) as Order;
    expect(Number.isInteger(order.orderId)).toBe(true);
    expect(order.url).toContain(`orderId=${order.orderId}`);
    expect(order.prices.withoutTax.text).toBe('56.99 EUR');
    expect(sb.orders().find((o) => o.orderId === order.orderId)!.checkoutBody).toEqual({
      autoPayWithPreferredPaymentMethod: true,
      waiveRetractationPeriod: false,
    });

    expect(((await client.requestPromised('GET', `/order/cart/${cartId}`)) as { readOnly: boolean }).readOnly).toBe(true);
    const readOnly = { error: 403, message: 'This cart has already been validated and is read-only' };
    expect(await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/checkout`, {}))).toEqual(readOnly);
    // The preview of a checked-out cart is refused too (src/sandbox/README.md says why).
    expect(await ovhError(client.requestPromised('GET', `/order/cart/${cartId}/checkout`))).toEqual(readOnly);
    expect(
      await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/eco`, { planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 1 })),
    ).toEqual(readOnly);
    expect(await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/item/${itemId}/configuration`, { label: 'region', value: 'europe' }))).toEqual(
      readOnly,
    );
    expect(await ovhError(client.requestPromised('DELETE', `/order/cart/${cartId}/item/${itemId}`))).toEqual(readOnly);
    expect(sb.log.filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/checkout' && e.status === 200)).toHaveLength(1);

    const id = order.orderId!;
    expect(await client.requestPromised('GET', '/me/order')).toContain(id);
    const billing = (await client.requestPromised('GET', `/me/order/${id}`)) as Record<string, unknown>;
    expect(billing).toMatchObject({
      orderId: id,
      priceWithoutTax: { text: '56.99 EUR', value: 56.99, currencyCode: 'EUR' },
      tax: { value: 11.4 },
      metadatas: [],
    });
    expect(typeof billing.password).toBe('string');
    expect(billing.retractionDate).not.toBeNull();

    const status = async () => ovhClient(sb).requestPromised('GET', `/me/order/${id}/status`);
    const details = (await client.requestPromised('GET', `/me/order/${id}/details`)) as number[];
    expect(details).toHaveLength(preview.details.length);
    const first = () => ovhClient(sb).requestPromised('GET', `/me/order/${id}/details/${details[0]}`) as Promise<{ domain: string; quantity: string }>;
    expect(await status()).toBe('checking');
    expect((await first()).domain).toBe('*001');
    sb.clock.advance(10 * MINUTE);
    expect(await status()).toBe('delivering');
    sb.clock.advance(50 * MINUTE);
    expect(await status()).toBe('delivered');
    const detail = await first();
    expect(detail.domain).toMatch(/^ns\d{7}\.ip-51-68-\d{1,3}\.eu$/);
    expect(detail.quantity).toBe('1');
    client = ovhClient(sb);
    const extension = (await client.requestPromised('GET', `/me/order/${id}/details/${details[0]}/extension`)) as {
      order: { plan: { code: string; product: { name: string } }; configurations: unknown[] };
    };
    expect(extension.order.plan).toMatchObject({ code: '24rise01', duration: 'P1M', pricingMode: 'default', quantity: 1, product: { name: '24rise01' } });
    expect(extension.order.configurations).toContainEqual({ label: 'dedicated_datacenter', value: 'gra' });
    const follow = (await client.requestPromised('GET', `/me/order/${id}/followUp`)) as Array<{
      step: string;
      status: string;
      history: Array<{ label: string; date: string }>;
    }>;
    expect(follow.map((s) => [s.step, s.status])).toEqual([
      ['VALIDATING', 'DONE'],
      ['VALIDATED', 'DONE'],
      ['DELIVERING', 'DONE'],
      ['AVAILABLE', 'DONE'],
    ]);
    expect(follow[0]!.history.map((h) => h.label)).toEqual(['ORDER_STARTED', 'PAYMENT_INITIATED', 'PAYMENT_RECEIVED']);
  });

  it('keeps an order without autopay as notPaid until POST /me/order/{id}/pay, and records waiveRetractationPeriod', async () => {
    newClient();
    const { cartId } = await buildCart(client, {
      planCode: '24sk10',
      configurations: [
        ['dedicated_datacenter', 'gra'],
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    const order = (await client.requestPromised('POST', `/order/cart/${cartId}/checkout`, { waiveRetractationPeriod: true })) as Order;
    const id = order.orderId!;
    expect(await client.requestPromised('GET', `/me/order/${id}/status`)).toBe('notPaid');
    expect(((await client.requestPromised('GET', `/me/order/${id}`)) as { retractionDate: unknown }).retractionDate).toBeNull();
    const follow = (await client.requestPromised('GET', `/me/order/${id}/followUp`)) as Array<{ status: string }>;
    expect(follow.map((s) => s.status)).toEqual(['DOING', 'TODO', 'TODO', 'TODO']);
    const [methodId] = (await client.requestPromised('GET', '/me/payment/method', { default: true })) as number[];
    expect(await client.requestPromised('POST', `/me/order/${id}/pay`, { paymentMethod: { id: methodId } })).toBeNull();
    expect(await client.requestPromised('GET', `/me/order/${id}/status`)).toBe('checking');
    expect(sb.orders().find((o) => o.orderId === id)!.checkoutBody).toEqual({ waiveRetractationPeriod: true });
    const future = new Date(sb.clock.now().getTime() + 60_000).toISOString();
    expect(await client.requestPromised('GET', '/me/order', { 'date.from': future })).toEqual([]);
    expect(await client.requestPromised('GET', '/me/order', { 'date.to': future })).toContain(id);
    // KS-1: setup fee = first month, 16.99 + 16.99 excl. tax (as in the real IE example)
    expect(order.prices.withoutTax.value).toBe(33.98);
  });

  it('refuses a cart that is not assigned to the caller with 403 You are not allowed', async () => {
    newClient();
    const { cartId } = await buildCart(client, { assign: false });
    const expected = { error: 403, message: 'You are not allowed' };
    expect(await ovhError(client.requestPromised('GET', `/order/cart/${cartId}/checkout`))).toEqual(expected);
    expect(await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/checkout`, {}))).toEqual(expected);
  });

  it('refuses a missing datacenter (on the preview too) and other missing mandatory labels', async () => {
    newClient();
    const noDc = await refusal({
      configurations: [
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    const message = "in customFields there must be a field with name 'dedicated_datacenter'";
    expect(noDc.preview).toEqual({ error: 400, message });
    expect(noDc.order).toEqual({ error: 400, message });
    const noRegion = await refusal({ configurations: [['dedicated_datacenter', 'gra']] });
    expect(noRegion.order).toEqual({
      error: 400,
      message: 'Custom field dedicated_os is mandatory for product 24rise01\nCustom field region is mandatory for product 24rise01',
    });
  });

  it('refuses a duplicated label and a value outside allowedValues', async () => {
    newClient();
    const dup = await refusal({
      configurations: [
        ['dedicated_datacenter', 'gra'],
        ['dedicated_datacenter', 'rbx'],
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    expect(dup.order).toEqual({ error: 400, message: 'Custom field dedicated_datacenter is duplicated for product 24rise01' });
    const bad = await refusal({
      configurations: [
        ['dedicated_datacenter', 'atlantide'],
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    expect(bad.order.message).toMatch(/^Custom field dedicated_datacenter has an invalid value 'atlantide' for product 24rise01/);
    const os = await refusal({
      configurations: [
        ['dedicated_datacenter', 'gra'],
        ['dedicated_os', 'debian12_64'],
        ['region', 'europe'],
      ],
    });
    expect(os.order.message).toMatch(/^Custom field dedicated_os has an invalid value 'debian12_64'/);
  });

  it('refuses a missing mandatory option family and two options of an exclusive family', async () => {
    newClient();
    const missing = await refusal({ options: ['softraid-2x512nvme-24rise', 'bandwidth-1000-unguaranteed-24rise', 'vrack-bandwidth-1000-24rise'] });
    expect(missing.order.message).toMatch(/^Option family memory is mandatory for product 24rise01/);
    const twice = await refusal({
      options: [
        'ram-32g-ecc-3200-24rise',
        'ram-64g-ecc-3200-24rise',
        'softraid-2x512nvme-24rise',
        'bandwidth-1000-unguaranteed-24rise',
        'vrack-bandwidth-1000-24rise',
      ],
    });
    expect(twice.order.message).toMatch(/^Option family memory is exclusive for product 24rise01/);
  });

  it('refuses hardware out of stock in the chosen datacenter', async () => {
    newClient();
    const lon = await refusal({
      configurations: [
        ['dedicated_datacenter', 'lon'],
        ['dedicated_os', 'none_64.en'],
        ['region', 'europe'],
      ],
    });
    expect(lon.order).toEqual({ error: 400, message: 'The server 24rise01.ram-32g-ecc-3200.softraid-2x512nvme is not available in lon' });
    const ksa = await refusal({ planCode: '24ska01' });
    expect(ksa.order.message).toMatch(/^The server 24ska01\.ram-64g-noecc-2133\.softraid-1x480ssd is not available in gra$/);
  });

  it('refuses autopay without a valid preferred payment method, and creates no order', async () => {
    newClient();
    const before = sb.orders().length;
    sb.setPaymentMethod(null);
    expect(await client.requestPromised('GET', '/me/payment/method', { default: true })).toEqual([]);
    const none = await refusal({}, { autoPayWithPreferredPaymentMethod: true });
    expect(none.order).toEqual({ error: 400, message: 'You do not have preferred payment method' });
    sb.setPaymentMethod(false);
    const invalid = await refusal({}, { autoPayWithPreferredPaymentMethod: true });
    expect(invalid.order).toEqual({ error: 400, message: 'Your preferred payment method is not valid' });
    expect(sb.orders()).toHaveLength(before);
    expect(((await client.requestPromised('GET', `/order/cart/${invalid.cartId}`)) as { readOnly: boolean }).readOnly).toBe(false);
    sb.setPaymentMethod(true);
    const ok = (await client.requestPromised('POST', `/order/cart/${invalid.cartId}/checkout`, { autoPayWithPreferredPaymentMethod: true })) as Order;
    expect(ok.orderId).not.toBeNull();
  });

  it('bills upfront modes for the whole period and checks body types', async () => {
    newClient();
    const { cartId } = await buildCart(client, { product: 'baremetalServers', planCode: '24adv01', pricingMode: 'upfront12', duration: 'P1Y' });
    const preview = (await client.requestPromised('GET', `/order/cart/${cartId}/checkout`)) as Order;
    expect(preview.details[0]).toMatchObject({ detailType: 'INSTALLATION', totalPrice: { value: 0 } });
    expect(preview.details[1]).toMatchObject({ detailType: 'DURATION', totalPrice: { text: '1025.89 €', value: 1025.89 } });
    expect(preview.details[1]!.description).toMatch(/ - 12 mois$/);
    expect((await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/checkout`, { autoPayWithPreferredPaymentMethod: 'yes' }))).message).toMatch(
      /'yes' is not of type 'boolean'/,
    );
  });

  it('writes prices the subsidiary way (GB £, IE € prefix) and converts at fixed rates', async () => {
    newClient();
    const gb = await buildCart(client, { subsidiary: 'GB', planCode: '24sk10' });
    const gbPreview = (await client.requestPromised('GET', `/order/cart/${gb.cartId}/checkout`)) as Order;
    // 16.99 EUR × 0.86 = 14.61 GBP, twice (setup + first month), VAT 20 %
    expect(gbPreview.prices.withoutTax).toEqual({ currencyCode: 'GBP', text: '£29.22', value: 29.22 });
    expect(gbPreview.prices.tax.text).toBe('£5.84');
    expect(gbPreview.details[1]!.description).toBe('KS-1 | Intel Xeon-D 1520 rental - datacenter gra - 1 month');
    const ie = await buildCart(client, { subsidiary: 'IE', planCode: '24sk10' });
    const iePreview = (await client.requestPromised('GET', `/order/cart/${ie.cartId}/checkout`)) as Order;
    expect(iePreview.prices.withoutTax.text).toBe('€ 33.98');
  });

  it('plays the US API in dollars without tax', async () => {
    const us = await startSandbox({ region: 'us', onUnknownRoute: () => {} });
    const untrust = trustSandbox(us);
    try {
      const c = ovhClient(us);
      const me = (await c.requestPromised('GET', '/me')) as { ovhSubsidiary: string; currency: { code: string } };
      expect(me).toMatchObject({ ovhSubsidiary: 'US', currency: { code: 'USD' } });
      const { cartId } = await buildCart(c, {
        subsidiary: 'US',
        configurations: [
          ['dedicated_datacenter', 'hil'],
          ['dedicated_os', 'none_64.en'],
          ['region', 'united-states'],
        ],
      });
      const preview = (await c.requestPromised('GET', `/order/cart/${cartId}/checkout`)) as Order;
      expect(preview.prices.withoutTax).toEqual({ currencyCode: 'USD', text: '$61.55', value: 61.55 });
      expect(preview.prices.tax.value).toBe(0);
      const order = (await c.requestPromised('POST', `/order/cart/${cartId}/checkout`, { autoPayWithPreferredPaymentMethod: true })) as Order;
      us.clock.advance(61 * MINUTE);
      const fresh = ovhClient(us);
      const [detailId] = (await fresh.requestPromised('GET', `/me/order/${order.orderId}/details`)) as number[];
      const detail = (await fresh.requestPromised('GET', `/me/order/${order.orderId}/details/${detailId}`)) as { domain: string };
      expect(detail.domain).toMatch(/^ns\d{7}\.ip-51-81-\d{1,3}\.us$/);
    } finally {
      untrust();
      await us.close();
    }
  });
});

describe('sandbox promotions have dates, as in the real catalogs', () => {
  const sb = useTrustedSandbox({ onUnknownRoute: () => {} });

  it('lists a running promotion and ended ones with their dates, and applies only the running one', async () => {
    const client = ovhClient(sb);
    const catalog = (await client.requestPromised('GET', '/order/catalog/public/eco', { ovhSubsidiary: 'FR' })) as {
      plans: Array<{
        planCode: string;
        pricings: Array<{
          mode: string;
          capacities: string[];
          promotions: Array<{ name: string; startDate: string; endDate: string; total: { value: number } }>;
        }>;
      }>;
    };
    const promotions = (planCode: string) =>
      catalog.plans.find((p) => p.planCode === planCode)!.pricings.flatMap((p) => p.promotions.map((x) => ({ ...x, mode: p.mode, capacity: p.capacities[0] })));
    const now = sb.clock.now().getTime();
    const running = (p: { startDate: string; endDate: string }) => Date.parse(p.startDate) <= now && now < Date.parse(p.endDate);
    const rise = promotions('24rise01');
    expect(rise.filter(running).map((p) => [p.name, p.mode, p.capacity])).toEqual([['FLASHSALE_WW_RISE_1_3_AND_GAME_T1', 'default', 'installation']]);
    expect(rise.filter((p) => !running(p)).map((p) => [p.name, p.endDate])).toEqual([['WS22_Rise_12M', '2022-02-08T15:00:00+01:00']]);
    expect(promotions('24risegame01').map((p) => [p.name, running(p)])).toEqual([['WS22_Game_Setup_fees', false]]);

    // The quote: RISE-GAME-1 pays its setup fee (its promotion ended), RISE-1 does not (running).
    const game = await buildCart(client, { planCode: '24risegame01' });
    const gameQuote = (await client.requestPromised('GET', `/order/cart/${game.cartId}/checkout`)) as Order;
    expect(gameQuote.prices.reduction.value).toBe(0);
    expect(gameQuote.prices.withoutTax.value).toBe(129.98);
    const rise1 = await buildCart(client, { planCode: '24rise01', pricingMode: 'degressivity12' });
    const riseQuote = (await client.requestPromised('GET', `/order/cart/${rise1.cartId}/checkout`)) as Order;
    // degressivity12: no setup fee, and the 2022 "15% off for 12 months" is long over.
    expect(riseQuote.prices.reduction.value).toBe(0);
    expect(riseQuote.prices.withoutTax.value).toBe(54.14);
  });
});
