// `ovh-order order` end to end (built binary, HTTPS sandbox): a dry run, no purchase without --yes
// when there is no terminal, --max-price refusing, a spec file with flags over it, and a full order
// whose request log shows assign before checkout, each label once, one checkout, no waiver.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SandboxLogEntry } from '../../src/sandbox/index.js';
import { runAgainst, type CliResult } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();

const cli = (args: string[]): Promise<CliResult> => runAgainst(sandbox, args);

const ORDER = ['order', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra'];
const CHECKOUT = '/order/cart/{cartId}/checkout';

/** The log entries of one cart, in arrival order. */
function cartLog(cartId: string): SandboxLogEntry[] {
  return sandbox.log.filter((e) => e.path.startsWith(`/order/cart/${cartId}`));
}

function posts(entries: SandboxLogEntry[], route: string): SandboxLogEntry[] {
  return entries.filter((e) => e.method === 'POST' && e.route === route);
}

interface OrderDocument {
  cartId: string;
  preview: { orderId: null; prices: { withoutTax: { value: number; currencyCode: string }; withTax: { value: number } }; details: unknown[] };
  order: { orderId: number; url: string } | null;
  outcome: string;
  dryRun: boolean;
  cartDeleted: boolean;
  options: Array<{ planCode: string; family: string; source: string }>;
  configuration: Array<{ label: string; value: string; source: string }>;
  spec: Record<string, unknown>;
}

describe('ovh-order order (built binary, HTTPS sandbox)', () => {
  it('--dry-run builds the cart, shows the preview, deletes the cart, and buys nothing', async () => {
    const r = await cli([...ORDER, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as OrderDocument;
    expect(doc).toMatchObject({ outcome: 'dry-run', dryRun: true, cartDeleted: true, order: null, preview: { orderId: null } });
    expect(doc.preview.prices.withoutTax).toMatchObject({ value: 56.99, currencyCode: 'EUR' });
    // Mandatory families left out got the catalog default; labels were filled in or derived.
    expect(doc.options.map((o) => [o.family, o.source])).toEqual(
      expect.arrayContaining([
        ['memory', 'default'],
        ['storage', 'default'],
        ['bandwidth', 'default'],
        ['vrack', 'default'],
      ]),
    );
    expect(doc.configuration).toEqual([
      { label: 'dedicated_datacenter', value: 'gra', source: 'datacenter' },
      { label: 'dedicated_os', value: 'none_64.en', source: 'filled-in' },
      { label: 'region', value: 'europe', source: 'region-from-datacenter' },
    ]);
    const log = cartLog(doc.cartId);
    expect(posts(log, CHECKOUT)).toHaveLength(0);
    expect(log.some((e) => e.method === 'GET' && e.route === CHECKOUT)).toBe(true);
    expect(log.at(-1)).toMatchObject({ method: 'DELETE', route: '/order/cart/{cartId}', status: 200 });

    // A person sees the preview on stdout, and the defaults and the deletion on stderr.
    const human = await cli([...ORDER, '--dry-run']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Total without tax\s+56,99 €/);
    expect(human.stdout).toContain('Due now');
    expect(human.stderr).toContain('Memory: 32GB DDR4 ECC 3200MHz (the catalog default');
    expect(human.stderr).toContain('Region: europe (from datacenter gra)');
    expect(human.stderr).toMatch(/Dry run: nothing was ordered\. Cart [0-9a-f-]{36} was deleted\./);
  });

  it('without --yes and without a terminal, shows the preview and exits 2 saying to add --yes; --keep-cart keeps the cart', async () => {
    const r = await cli([...ORDER, '--keep-cart']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Total with tax\s+68,39 €/);
    expect(r.stderr).toContain('Not ordering without --yes');
    expect(r.stderr).toContain('--yes');
    const cartId = /Cart ([0-9a-f-]{36}) is kept/.exec(r.stderr)?.[1];
    expect(cartId).toBeDefined();
    expect(posts(cartLog(cartId!), CHECKOUT)).toHaveLength(0);

    // The cart is still there, complete, and can be inspected.
    const show = await cli(['cart', 'show', cartId!, '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ cartId, missing: [], readOnly: false, previewSource: 'checkout' });

    const json = await cli([...ORDER, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'confirmation_required' } });
  });

  it('--max-price refuses to check out when the total without tax is above it, and deletes the cart', async () => {
    const r = await cli([...ORDER, '--yes', '--max-price', '50']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The total without tax, 56,99 €, is above --max-price 50,00 €: nothing was ordered.');
    const cartId = /Cart ([0-9a-f-]{36}) was deleted/.exec(r.stderr)?.[1];
    expect(cartId).toBeDefined();
    const log = cartLog(cartId!);
    expect(posts(log, CHECKOUT)).toHaveLength(0);
    expect(log.at(-1)).toMatchObject({ method: 'DELETE', route: '/order/cart/{cartId}' });

    const json = await cli([...ORDER, '--yes', '--max-price', '56.98', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'over_max_price' } });
  });

  it('order --yes --json: assign before checkout, each label once, one checkout, the retraction period kept', async () => {
    const before = sandbox.orders().length;
    const r = await cli([...ORDER, '--option', 'ram-64g-ecc-3200-24rise', '--yes', '--max-price', '80', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as OrderDocument;
    expect(doc.outcome).toBe('ordered');
    expect(doc.order).toMatchObject({ orderId: expect.any(Number), url: expect.stringContaining(String(doc.order!.orderId)) });
    expect(doc.preview.prices.withoutTax.value).toBe(64.99);
    expect(doc.options).toContainEqual({ planCode: 'ram-64g-ecc-3200-24rise', family: 'memory', source: 'chosen' });

    const log = cartLog(doc.cartId);
    const checkouts = posts(log, CHECKOUT);
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]!.body).toEqual({ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    const assign = log.findIndex((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/assign');
    expect(assign).toBeGreaterThanOrEqual(0);
    expect(assign).toBeLessThan(log.indexOf(checkouts[0]!));
    const labels = posts(log, '/order/cart/{cartId}/item/{itemId}/configuration').map((e) => (e.body as { label: string }).label);
    expect(labels.sort()).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
    // One option per mandatory family, the chosen memory instead of the default.
    const options = posts(log, '/order/cart/{cartId}/eco/options').map((e) => (e.body as { planCode: string }).planCode);
    expect(options.sort()).toEqual([
      'bandwidth-1000-unguaranteed-24rise',
      'ram-64g-ecc-3200-24rise',
      'softraid-2x512nvme-24rise',
      'vrack-bandwidth-1000-24rise',
    ]);
    expect(sandbox.orders()).toHaveLength(before + 1);

    // The cart, now checked out, reads as such.
    const show = await cli(['cart', 'show', doc.cartId, '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ readOnly: true, missing: [] });
  });

  it('a spec file is ordered as written, flags beside it win, and --waive-retraction is the only way to waive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ovh-order-spec-'));
    const file = join(dir, 'rise.json');
    const spec = {
      version: 1,
      range: 'eco',
      subsidiary: 'FR',
      planCode: '24rise01',
      duration: 'P1M',
      pricingMode: 'default',
      quantity: 1,
      datacenter: 'lon',
      options: [],
      configuration: {},
    };
    writeFileSync(file, JSON.stringify(spec));
    const r = await cli(['order', '--spec', file, '--datacenter', 'rbx', '--yes', '--autopay', '--waive-retraction', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as OrderDocument;
    expect(doc.spec).toMatchObject({ planCode: '24rise01', datacenter: 'rbx' });
    expect(r.stderr).toContain('withdrawal period');
    const checkout = posts(cartLog(doc.cartId), CHECKOUT);
    expect(checkout).toHaveLength(1);
    expect(checkout[0]!.body).toEqual({ autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true });
    const placed = sandbox.orders().find((o) => o.orderId === doc.order!.orderId);
    expect(placed).toMatchObject({ cartId: doc.cartId, checkoutBody: { autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true } });
  });

  it('--autopay without a valid payment method fails before any cart is created', async () => {
    sandbox.setPaymentMethod(null);
    try {
      const carts = sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart').length;
      const r = await cli([...ORDER, '--yes', '--autopay']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no default payment method');
      expect(sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart')).toHaveLength(carts);
    } finally {
      sandbox.setPaymentMethod(true);
    }
  });
});
