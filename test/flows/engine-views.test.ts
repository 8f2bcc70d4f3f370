// The renderers the engine's users share: the price preview and the offer list/table. What a person
// reads must fit 80 columns, carry the money in the subsidiary's locale, and lose its colours with
// NO_COLOR / --no-color.
import { describe, expect, it } from 'vitest';
import { OrderSchema, type Order } from '../../src/ovh/models/order.js';
import { renderPreview, renewalWithoutTax } from '../../src/ui/preview-view.js';
import { offerLine, renderOffersTable } from '../../src/ui/offer-view.js';
import { createTheme } from '../../src/ui/theme.js';
import { billingChoiceDescription, billingChoiceName } from '../../src/ui/wizard-view.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { offerAvailability } from '../../src/domain/availability.js';
import { buildBillingChoices } from '../../src/domain/billing.js';
import { startWorld } from './wizard-harness.js';
import { describeRecorded, readRecorded } from '../helpers/data-pack.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const widest = (text: string) =>
  Math.max(
    ...text
      .split('\n')
      .filter((l) => !/^\s+https?:\/\//.test(l))
      .map((l) => l.replace(ANSI, '').length),
  );

const colour = createTheme({ globals: { color: true }, stderr: { isTTY: true } } as never);
const noColour = createTheme({ globals: { color: false }, stderr: { isTTY: true } } as never);

describeRecorded('the price preview of a recorded OVH answer', () => {
  it('shows the lines, the totals, what is due now and what renews, within 80 columns', () => {
    const order = OrderSchema.parse(readRecorded('cart-checkout-GET-preview-eco-24adv01-v3-FR-2026-trimmed.json'));
    const text = renderPreview(order, { locale: 'fr-FR', period: '1 month' });
    expect(widest(text)).toBeLessThanOrEqual(80);
    // Every quantity is 1: no unit price column, the description gets the room.
    expect(text).toMatch(/ADVANCE-1 \| AMD EPYC 4244P location - centre de.*setup\s+1\s+89,99 €\n/);
    expect(text).not.toContain('Unit');
    expect(text).toMatch(/Total without tax\s+179,98 €/);
    expect(text).toMatch(/Total with tax\s+179,98 €/);
    expect(text).toMatch(/Due now\s+179,98 € \(tax included\)/);
    // Renewal: the period lines only (the installation fee is paid once).
    expect(text).toMatch(/Renews every month\s+89,99 € \+ tax/);
    expect(renewalWithoutTax(order)?.micros).toBe(8_999_000_000);
    expect(text).toContain('Annexe Traitement de données à caractère personnel');
    expect(text).toContain(
      'https://storage.gra.cloud.ovh.net/v1/AUTH_325716a587c64897acbef9a4a4726e38/contracts/76ecbce-OVH_Data_Protection_Agreement-FR-7.0.pdf',
    );
  });
});

describe('a sandbox preview with a reduction', () => {
  it('shows the reduction and keeps colours only when allowed', () => {
    const order: Order = {
      orderId: null,
      url: null,
      prices: {
        originalWithoutTax: { currencyCode: 'GBP', text: '£100.00', value: 100 },
        reduction: { currencyCode: 'GBP', text: '-£20.00', value: -20 },
        withoutTax: { currencyCode: 'GBP', text: '£80.00', value: 80 },
        tax: { currencyCode: 'GBP', text: '£16.00', value: 16 },
        withTax: { currencyCode: 'GBP', text: '£96.00', value: 96 },
      },
      details: [
        { description: 'RISE-1 setup', detailType: 'INSTALLATION', quantity: 2, totalPrice: { currencyCode: 'GBP', text: '£0.00', value: 0 }, domain: '*001' },
        { description: 'RISE-1 1 month', detailType: 'DURATION', quantity: 2, totalPrice: { currencyCode: 'GBP', text: '£80.00', value: 80 }, domain: '*001' },
        { description: 'RAM 64 GB', detailType: 'DURATION', quantity: 2, totalPrice: { currencyCode: 'GBP', text: '£0.00', value: 0 }, domain: '*001.001' },
      ],
      contracts: [],
    };
    const plain = renderPreview(order, { locale: 'en-GB', theme: noColour, period: '12 months' });
    expect(plain).not.toMatch(ANSI);
    expect(plain).toMatch(/RISE-1 1 month\s+period\s+2\s+£40\.00\s+£80\.00/);
    expect(plain).toMatch(/Reduction\s+-£20\.00/);
    expect(plain).toMatch(/Before reduction\s+£100\.00/);
    expect(plain).toMatch(/Renews every 12 months\s+£80\.00 \+ tax/);
    expect(renderPreview(order, { locale: 'en-GB', theme: colour })).toMatch(ANSI);
  });
});

describe('offers as lines and tables', () => {
  it('every range of the sandbox renders within 80 columns, money in the subsidiary locale', async () => {
    const world = await startWorld();
    try {
      const api = world.api();
      const records = await api.getAvailabilities({});
      for (const range of ['eco', 'baremetal', 'dedicated'] as const) {
        const catalog =
          range === 'dedicated'
            ? { range, catalog: await api.getFormattedDedicatedCatalog('FR') }
            : { range, catalog: await api.getPublicCatalog(range === 'eco' ? 'eco' : 'baremetalServers', 'FR') };
        const offers = normaliseCatalog(catalog);
        const rows = offers.map((offer) => ({ offer, availability: offerAvailability(offer, records) }));
        const table = renderOffersTable(rows, { locale: 'fr-FR', theme: colour });
        expect(widest(table)).toBeLessThanOrEqual(80);
        expect(table).toMatch(/\d+,\d\d €/);
        for (const { offer, availability } of rows)
          expect(offerLine(offer, availability, { locale: 'fr-FR', theme: colour }).replace(ANSI, '').length).toBeLessThanOrEqual(76);
      }
      // Billing choice lines from a real cart offer.
      const cart = await api.createCart({ ovhSubsidiary: 'GB' });
      const [definition] = await api.getProductOffers(cart.cartId, 'eco', '24rise01');
      const choices = buildBillingChoices(definition!);
      for (const c of choices) {
        expect(billingChoiceName(c, 'en-GB').length).toBeLessThanOrEqual(76);
        expect(billingChoiceDescription(c, 'en-GB')).toMatch(/^Due now £[\d,.]+ \(/);
      }
    } finally {
      await world.sandbox.close();
    }
  });
});
