// `ovh-order catalog` and `ovh-order cart show|list|delete|prune` end to end: the built binary
// against the HTTPS sandbox, `--json` documents parsed and checked, bad input refused with exit 2.
import { beforeAll, describe, expect, it } from 'vitest';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import { isolatedEnv, runAgainst, sandboxKeys, type CliResult } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
let api: OvhApi;

beforeAll(() => {
  api = new OvhApi({ endpoint: parseEndpoint(sandbox.url), credentials: { kind: 'app', ...sandbox.credentials }, trustCaPem: sandbox.caPem });
});
function cli(args: string[], options: { loggedIn?: boolean } = {}): Promise<CliResult> {
  // Logged out: only the sandbox's CA, none of its keys.
  return runAgainst(sandbox, args, options.loggedIn === false ? { env: isolatedEnv({ NODE_EXTRA_CA_CERTS: sandbox.caPath }) } : {});
}

interface PriceJson {
  value: number;
  currencyCode: string;
  priceInUcents: number;
  text: string;
}
interface CatalogOffer {
  planCode: string;
  range: string;
  ramGb: number | null;
  monthly: PriceJson;
  setup: PriceJson;
  stock: Array<{ datacenter: string; availability: string; delay: string; orderable: boolean }>;
  soonest: { datacenter: string; availability: string } | null;
  pricings: Array<{ pricingMode: string; duration: string }>;
  options: Array<{ family: string; mandatory: boolean; exclusive: boolean; default: string | null; choices: Array<{ planCode: string }> }>;
  configurations: Array<{ label: string; allowedValues: string[] | null }>;
}
interface CatalogDocument {
  range: string;
  subsidiary: string;
  currency: string;
  count: number;
  offers: CatalogOffer[];
}

async function catalog(args: string[]): Promise<CatalogDocument> {
  const r = await cli(['catalog', ...args, '--json'], { loggedIn: false });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CatalogDocument;
}

describe.concurrent('ovh-order catalog', () => {
  it('--json lists the offers with exact prices, stock per datacenter, options and configuration, without credentials', async () => {
    const doc = await catalog(['--range', 'eco', '--subsidiary', 'FR']);
    expect(doc).toMatchObject({ range: 'eco', subsidiary: 'FR', currency: 'EUR' });
    expect(doc.count).toBe(doc.offers.length);
    const monthly = doc.offers.map((o) => o.monthly.priceInUcents);
    expect(monthly).toEqual([...monthly].sort((a, b) => a - b));
    const rise = doc.offers.find((o) => o.planCode === '24rise01')!;
    expect(rise.monthly).toEqual({ value: 56.99, currencyCode: 'EUR', priceInUcents: 5_699_000_000, text: '56,99 €' });
    expect(rise.stock.find((s) => s.datacenter === 'lon')).toMatchObject({ availability: 'unavailable', delay: 'out of stock', orderable: false });
    expect(rise.soonest).toMatchObject({ availability: '1H-high' });
    expect(rise.pricings.map((p) => `${p.pricingMode} ${p.duration}`)).toContain('default P1M');
    const memory = rise.options.find((f) => f.family === 'memory')!;
    expect(memory).toMatchObject({ mandatory: true, exclusive: true, default: 'ram-32g-ecc-3200-24rise' });
    expect(memory.choices.map((c) => c.planCode)).toContain('ram-64g-ecc-3200-24rise');
  });

  it('filters by stock, price, memory, text and datacenter, and sorts', async () => {
    const all = await catalog(['--range', 'eco']);
    const available = await catalog(['--range', 'eco', '--available']);
    expect(all.offers.map((o) => o.planCode)).toContain('24ska01');
    expect(available.offers.map((o) => o.planCode)).not.toContain('24ska01');
    expect(available.offers.every((o) => o.stock.some((s) => s.orderable))).toBe(true);

    const cheap = await catalog(['--range', 'eco', '--max-price', '20']);
    expect(cheap.offers.length).toBeGreaterThan(0);
    expect(cheap.offers.every((o) => o.monthly.value <= 20)).toBe(true);

    const big = await catalog(['--range', 'eco', '--min-ram', '64']);
    expect(big.offers.length).toBeGreaterThan(0);
    expect(big.offers.every((o) => (o.ramGb ?? 0) >= 64)).toBe(true);

    const rise = await catalog(['--range', 'eco', '--search', 'rise']);
    expect(rise.offers.map((o) => o.planCode).sort()).toEqual(['24rise01', '24rise02', '24risegame01']);

    const london = await catalog(['--range', 'eco', '--datacenter', 'lon', '--available', '--sort', 'delay']);
    expect(london.offers.length).toBeGreaterThan(0);
    for (const offer of london.offers) {
      expect(offer.stock.map((s) => s.datacenter)).toEqual(['lon']);
      expect(offer.stock[0]!.orderable).toBe(true);
    }
    expect(london.offers.map((o) => o.planCode)).not.toContain('24rise01'); // out of stock in lon
  });

  it('shows a table with monthly price, setup fee and stock per datacenter', async () => {
    const r = await cli(['catalog', '--range', 'baremetal', '--subsidiary', 'FR'], { loggedIn: false });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Server\s+Monthly\s+Setup\s+Stock/);
    expect(r.stdout).toMatch(/ADVANCE-1 24adv01\s+89,99 €\s+89,99 €\s+1 h/);
    const stock = r.stdout.slice(r.stdout.indexOf('Stock per datacenter'));
    expect(stock).toMatch(/^Stock per datacenter\n24adv01\s+gra 1 h, lon 1 h, rbx 72 h/);
    expect(stock).toMatch(/waw out of stock/);
    // Over a pipe nothing is cut (80 columns is for terminals: test/e2e/pipes-and-columns.test.ts).
    expect(r.stdout).not.toContain('…');
    expect(r.stderr).toMatch(/\d+ of \d+ offers, FR prices without tax/);
  });

  it('refuses an unknown datacenter or subsidiary with exit 2, naming it and the allowed ones', async () => {
    const dc = await cli(['catalog', '--range', 'eco', '--datacenter', 'gra,atlantide', '--json'], { loggedIn: false });
    expect(dc.code).toBe(2);
    expect(JSON.parse(dc.stdout)).toMatchObject({ error: { code: 'invalid_datacenter', message: expect.stringMatching(/"atlantide".*Allowed: .*gra/) } });
    const sub = await cli(['catalog', '--subsidiary', 'XX']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toMatch(/Unknown subsidiary "XX"\. Allowed: .*FR/);
  });
});

/** A cart assigned to the sandbox account with a given description (as another tool, or an older run, left it). */
async function cartWith(description: string): Promise<string> {
  const cart = await api.createCart({ ovhSubsidiary: 'FR', description });
  await api.assignCart(cart.cartId);
  return cart.cartId;
}

describe('ovh-order cart', () => {
  it('show: an incomplete cart lists its items, what checkout still needs, and why the preview is refused', async () => {
    const cartId = await cartWith('by hand');
    const item = await api.addProduct(cartId, 'eco', { planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 2 });
    await api.addOption(cartId, 'eco', { itemId: item.itemId, planCode: 'ram-32g-ecc-2133-24sk10', duration: 'P1M', pricingMode: 'default', quantity: 2 });
    await api.addConfiguration(cartId, item.itemId, { label: 'region', value: 'europe' });
    await api.addConfiguration(cartId, item.itemId, { label: 'region', value: 'europe' });

    const writes = () => sandbox.log.filter((e) => e.path.startsWith(`/order/cart/${cartId}`) && e.method !== 'GET').length;
    const writesBefore = writes();
    const r = await cli(['cart', 'show', cartId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ cartId, description: 'by hand', createdByOvhOrder: false, readOnly: false, expired: false, duplicatedLabels: ['region'] });
    expect(doc.expiresInSeconds).toBeGreaterThan(23 * 3600);
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]).toMatchObject({ itemId: item.itemId, product: 'eco', planCode: '24sk10', duration: 'P1M', pricingMode: 'default', quantity: 2 });
    expect(doc.items[0].options).toHaveLength(1);
    expect(doc.items[0].options[0]).toMatchObject({ planCode: 'ram-32g-ecc-2133-24sk10', quantity: 2 });
    expect(doc.items[0].configuration.map((c: { label: string }) => c.label)).toEqual(['region', 'region']);
    const missing = doc.missing.map((m: { kind: string; family?: string; label?: string }) => m.family ?? m.label);
    expect(missing).toEqual(expect.arrayContaining(['storage', 'bandwidth', 'dedicated_datacenter', 'dedicated_os']));
    expect(doc.missing.find((m: { label?: string }) => m.label === 'dedicated_datacenter').allowedValues).toContain('gra');
    // Checkout would be refused; the summary still prices what is there.
    expect(doc.previewProblem.message).toContain('Checkout would be refused');
    expect(doc.previewSource).toBe('summary');
    expect(doc.preview.prices.withoutTax.value).toBeGreaterThan(0);

    const human = await cli(['cart', 'show', cartId]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Expires\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in 2[34] h\)/);
    expect(human.stdout).toMatch(/24sk10 \(eco\)\s+Monthly, no commitment\s+2\s+33,98 €/);
    expect(human.stdout).toContain('└ ram-32g-ecc-2133-24sk10');
    expect(human.stdout).toContain('Checkout would fail');
    expect(human.stdout).toMatch(/missing an option of the mandatory storage\s+family:\s+one\s+of\s+softraid-2x480ssd-24sk10/);
    // The label in words (`--json` keeps `dedicated_datacenter`).
    expect(human.stdout).toMatch(/missing the datacenter:\s+one\s+of\s+[\s\S]*gra/);
    expect(human.stdout).not.toContain('dedicated_datacenter');
    expect(human.stdout).toContain('the region is set more than once');
    for (const line of human.stdout.split('\n')) if (!line.includes('https://')) expect(line.length, line).toBeLessThanOrEqual(80);
    // Showing a cart changes nothing.
    expect(writes()).toBe(writesBefore);
  });

  it('show says what the cart buys, as order does above its question: server, datacenter, quantity, billing in words', async () => {
    // One HOME for both runs: `cart show` names the server from the catalog cache `order` filled.
    const env = isolatedEnv(sandboxKeys(sandbox));
    const ordered = await runAgainst(
      sandbox,
      [...'order --range eco --plan 24rise01 --subsidiary FR --datacenter bhs --commitment 12 --quantity 2'.split(' '), '--dry-run', '--keep-cart', '--json'],
      { env },
    );
    expect(ordered.code, ordered.stderr).toBe(0);
    const cartId = (JSON.parse(ordered.stdout) as { cartId: string }).cartId;
    const writes = () => sandbox.log.filter((e) => e.path.startsWith(`/order/cart/${cartId}`) && e.method !== 'GET').length;
    const writesBefore = writes();

    const human = await runAgainst(sandbox, ['cart', 'show', cartId], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Server\s+RISE-1 \| Intel Xeon-E 2386G \(24rise01\)$/m);
    // The items' billing in words, whole in a pipe; the API's values stay in --json.
    expect(human.stdout).toMatch(/^24rise01 \(eco\)\s+12-month commitment, paid monthly\s+2\s+[\d ,]+ €/m);
    expect(human.stdout).toMatch(/^Datacenter\s+bhs — Beauharnois, Canada$/m);
    expect(human.stdout).toMatch(/^Quantity\s+2$/m);
    expect(human.stdout).toMatch(/^Billing\s+12-month commitment, paid monthly$/m);
    expect(human.stdout).toMatch(/^Commitment\s+[\d ,]+ € \+ tax over 12 months/m);
    expect(human.stdout).toMatch(/^Due now\s+[\d ,]+ € \(tax included\)$/m);
    expect(human.stdout).toMatch(/^Then renews\s+[\d ,]+ € \+ tax every month$/m);
    expect(human.stdout).toMatch(/Beauharnois is in North America, another continent than your .* account \(Europe\)/);
    const json = await cli(['cart', 'show', cartId, '--json']);
    expect(JSON.parse(json.stdout).items[0]).toMatchObject({ planCode: '24rise01', duration: 'P1M', pricingMode: 'degressivity12', quantity: 2 });
    expect(writes()).toBe(writesBefore);
  });

  it('show without credentials still shows the cart, and says the preview needs the account', async () => {
    const cartId = await cartWith('public');
    const r = await cli(['cart', 'show', cartId, '--json'], { loggedIn: false });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cartId, items: [], missing: [{ kind: 'server' }], preview: null, previewProblem: { code: 'empty_cart' } });
  });

  it('list shows the account’s carts with description, expiry and item count; it needs credentials', async () => {
    const ordered = await cli([
      'order',
      '--range',
      'eco',
      '--plan',
      '24sk10',
      '--subsidiary',
      'FR',
      '--datacenter',
      'gra',
      '--dry-run',
      '--keep-cart',
      '--json',
    ]);
    expect(ordered.code, ordered.stderr).toBe(0);
    const cartId = (JSON.parse(ordered.stdout) as { cartId: string }).cartId;

    const r = await cli(['cart', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { carts } = JSON.parse(r.stdout) as { carts: Array<Record<string, unknown>> };
    expect(carts.find((c) => c.cartId === cartId)).toMatchObject({
      createdByOvhOrder: true,
      itemCount: 4,
      readOnly: false,
      expired: false,
      expire: expect.any(String),
    });

    const table = await cli(['cart', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${cartId}\\s+ovh-order\\s+in 2[34] h\\s+4\\s+open`));
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const anonymous = await cli(['cart', 'list'], { loggedIn: false });
    expect(anonymous.code).toBe(3);
  });

  it('list in a pipe keeps a long description whole (a terminal cuts it to fit)', async () => {
    const description = 'quarterly capacity for the staging cluster';
    const cartId = await cartWith(description);
    const piped = await cli(['cart', 'list']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(new RegExp(`^${cartId}\\s+${description}\\s+in 2[34] h\\s+0\\s+open\\s*$`, 'm'));
  });

  it('delete removes each cart and reports an unknown one (exit 1)', async () => {
    const a = await cartWith('to delete');
    const r = await cli(['cart', 'delete', a, '00000000-0000-4000-8000-000000000000', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      deleted: [a],
      failed: [{ cartId: '00000000-0000-4000-8000-000000000000', error: { code: 'cart_not_found', message: expect.stringContaining('does not exist') } }],
    });
    const gone = await cli(['cart', 'show', a]);
    expect(gone.code).toBe(1);
  });

  it('prune deletes only ovh-order carts older than the limit (and expired ones); --dry-run deletes nothing', async () => {
    const old = await cartWith(`ovh-order ${new Date(Date.now() - 30 * 3600_000).toISOString()}`);
    const young = await cartWith(`ovh-order ${new Date(Date.now() - 3600_000).toISOString()}`);
    const foreign = await cartWith('my own cart');
    const deletes = () => sandbox.log.filter((e) => e.method === 'DELETE' && e.route === '/order/cart/{cartId}').map((e) => e.path.split('/')[3]);

    const before = deletes().length;
    const dry = await cli(['cart', 'prune', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan).toMatchObject({ dryRun: true, olderThan: '24h', deleted: [], failed: [] });
    expect(plan.selected.map((s: { cartId: string }) => s.cartId)).toContain(old);
    expect(plan.selected.map((s: { cartId: string }) => s.cartId)).not.toContain(young);
    expect(plan.kept).toEqual(expect.arrayContaining([expect.objectContaining({ cartId: foreign, why: 'not created by ovh-order' })]));
    expect(deletes()).toHaveLength(before);

    const pruned = await cli(['cart', 'prune', '--older-than', '2h']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(new RegExp(`${old}\\s+ovh-order cart, 30 h old\\s+deleted`));
    expect(deletes().slice(before)).toContain(old);
    expect(deletes().slice(before)).not.toContain(young);
    expect(deletes().slice(before)).not.toContain(foreign);

    const all = await cli(['cart', 'prune', '--older-than', '30m', '--json']);
    expect(JSON.parse(all.stdout).deleted).toContain(young);
    expect(deletes()).not.toContain(foreign);
  });

  it('show: a cart that expired is a clear error (exit 1)', async () => {
    const cart = await api.createCart({ ovhSubsidiary: 'FR', expire: new Date(sandbox.clock.now().getTime() + 3600_000).toISOString() });
    expect((await cli(['cart', 'show', cart.cartId])).code).toBe(0);
    sandbox.clock.advance(2 * 3600_000);
    const r = await cli(['cart', 'show', cart.cartId, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'cart_not_found', message: `Cart ${cart.cartId} does not exist, or has expired.` } });
  });

  it('prune refuses an age it cannot read (exit 2)', async () => {
    const r = await cli(['cart', 'prune', '--older-than', 'yesterday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--older-than "yesterday" is not an age.');
  });
});
