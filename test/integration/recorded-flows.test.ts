// The flows on real recorded data: the sandbox serves ../shared/fixtures/ovh as a data pack, and
// `catalog` / `order --dry-run` run in-process (main(), one context each) against it over HTTPS
// through the real client. Every plan of every recorded catalog is ordered with its default
// hardware in every pricing mode it is sold in: what is ordered is what is listed, and the quote is
// the listed price. The same order check then runs on the sandbox's own authored catalogs.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SandboxLogEntry, SandboxServer } from '../../src/sandbox/index.js';
import { describeRecorded, RECORDED_DIR } from '../helpers/data-pack.js';
import { sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';
import { createTestContext } from '../helpers/test-context.js';

interface JsonMoney {
  value: number;
  currencyCode: string;
}
interface CatalogOffer {
  planCode: string;
  range: string;
  ramGb: number | null;
  storage: { summary: string } | null;
  stock: Array<{ datacenter: string; availability: string; orderable: boolean }>;
  soonest: { datacenter: string } | null;
  pricings: Array<{
    pricingMode: string;
    duration: string;
    dueNow: JsonMoney;
    monthlyEquivalent: JsonMoney;
    promotions: Array<{ name: string; appliesTo: string; endDate: string | null }>;
  }>;
  options: Array<{ family: string; mandatory: boolean; default: string | null }>;
}
interface CatalogDocument {
  offers: CatalogOffer[];
}
interface OrderDocument {
  cartId: string;
  outcome: string;
  options: Array<{ planCode: string; family: string; source: string }>;
  preview: { prices: { withoutTax: JsonMoney } };
}

const RANGES = ['dedicated', 'baremetal', 'eco'] as const;

type Cli = (args: string[], now?: () => Date) => Promise<{ code: number; stdout: string; stderr: string }>;

/** `main()` in-process against a sandbox (one context, so one config dir and cache, per run). */
function clientOf(sandbox: SandboxServer): { cli: Cli; catalog: (range: string, ...extra: string[]) => Promise<CatalogOffer[]> } {
  const cli: Cli = async (args, now) => {
    const ctx = createTestContext({ env: sandboxKeys(sandbox), now });
    const code = await main([...args, '--endpoint', sandbox.url], ctx);
    return { code, stdout: ctx.stdout.text(), stderr: ctx.stderr.text() };
  };
  return {
    cli,
    catalog: async (range, ...extra) => {
      const r = await cli(['catalog', '--range', range, '--subsidiary', 'FR', '--json', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as CatalogDocument).offers;
    },
  };
}

/**
 * `order --dry-run` of every offer (in stock somewhere) in every pricing mode it lists, without
 * options: the options posted are the listed defaults and the quote is the listed due-now.
 */
async function expectEveryPlanOrderedAsListed(cli: Cli, offers: CatalogOffer[], range: string, options: { everyPlanInStock: boolean }): Promise<void> {
  let runs = 0;
  for (const offer of offers) {
    const datacenter = offer.soonest?.datacenter;
    if (options.everyPlanInStock) expect(datacenter, `${offer.planCode} has stock somewhere`).toBeDefined();
    if (!datacenter) continue;
    const defaults = Object.fromEntries(offer.options.filter((f) => f.mandatory).map((f) => [f.family, f.default]));
    // The listing names its memory and disks: those families have a default to order.
    expect(defaults.memory, `${offer.planCode} memory`).toEqual(expect.any(String));
    expect(defaults.storage, `${offer.planCode} storage`).toEqual(expect.any(String));
    for (const pricing of offer.pricings) {
      const what = `${range} ${offer.planCode} ${pricing.pricingMode} ${pricing.duration}`;
      const args = ['order', '--range', range, '--plan', offer.planCode, '--subsidiary', 'FR', '--datacenter', datacenter];
      const r = await cli([...args, '--pricing-mode', pricing.pricingMode, '--duration', pricing.duration, '--dry-run', '--json']);
      expect(r.code, `${what}: ${r.stderr}${r.stdout}`).toBe(0);
      const doc = JSON.parse(r.stdout) as OrderDocument;
      expect(doc.outcome, what).toBe('dry-run');
      const ordered = Object.fromEntries(doc.options.map((o) => [o.family, o.planCode]));
      for (const [family, planCode] of Object.entries(defaults)) expect(ordered[family], `${what} ${family}`).toBe(planCode);
      expect(doc.preview.prices.withoutTax, what).toEqual(expect.objectContaining({ value: pricing.dueNow.value, currencyCode: pricing.dueNow.currencyCode }));
      runs++;
    }
  }
  expect(runs).toBeGreaterThan(0);
}

describeRecorded('the flows on recorded OVH data (sandbox data pack)', () => {
  const sandbox = useSandbox({ dataPack: RECORDED_DIR });

  const { cli, catalog } = clientOf(sandbox);

  const cartCalls = (log: readonly SandboxLogEntry[]) => log.filter((e) => e.path.startsWith('/order/cart'));

  describe('catalog', () => {
    it('lists the three ranges with stock: the dedicated range too, joined through the public add-on products', async () => {
      for (const range of RANGES) {
        const offers = await catalog(range);
        expect(offers.length, range).toBeGreaterThan(0);
        for (const offer of offers) expect(offer.stock.length, `${range} ${offer.planCode}`).toBeGreaterThan(0);
      }
      const table = await cli(['catalog', '--range', 'dedicated', '--subsidiary', 'FR']);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/21adv01[\s\S]*\d+ h/);
      expect(table.stdout).not.toMatch(/\bunknown\b/);
    });

    it('--available and --datacenter lon keep only what can be delivered there (dedicated range)', async () => {
      const all = await catalog('dedicated');
      const inLon = all.filter((o) => o.stock.some((s) => s.datacenter === 'lon' && s.orderable)).map((o) => o.planCode);
      const outOfLon = all.filter((o) => !inLon.includes(o.planCode)).map((o) => o.planCode);
      expect(inLon.length).toBeGreaterThan(0);
      expect(outOfLon.length).toBeGreaterThan(0);
      const filtered = await catalog('dedicated', '--datacenter', 'lon', '--available');
      expect(filtered.map((o) => o.planCode).sort()).toEqual([...inLon].sort());
      expect((await catalog('dedicated', '--available')).length).toBe(all.filter((o) => o.stock.some((s) => s.orderable)).length);
    });
  });

  describe('order --dry-run of every recorded plan, with its default hardware, in every pricing mode', () => {
    for (const range of RANGES) {
      it(`${range}: the options posted are the listed defaults and the quote is the listed price`, async () => {
        await expectEveryPlanOrderedAsListed(cli, await catalog(range), range, { everyPlanInStock: true });
      });
    }

    it('GAME-1 (21game01) is quoted 199.98 due now, 94.99 with a 12-month commitment, 1079.89 for 12 months upfront: its promotions ended in 2022', async () => {
      const game = (await catalog('baremetal')).find((o) => o.planCode === '21game01')!;
      const due = (mode: string) => game.pricings.find((p) => p.pricingMode === mode)?.dueNow.value;
      expect([due('default'), due('degressivity12'), due('upfront12')]).toEqual([199.98, 94.99, 1079.89]);
      expect(game.pricings.flatMap((p) => p.promotions)).toEqual([]);
    });

    it('while the winter sale ran (a clock on 2022-02-01), GAME-1 lists it by name with its end date', async () => {
      const r = await cli(['catalog', '--range', 'baremetal', '--subsidiary', 'FR', '--json'], () => new Date('2022-02-01T12:00:00Z'));
      expect(r.code, r.stderr).toBe(0);
      const game = (JSON.parse(r.stdout) as CatalogDocument).offers.find((o) => o.planCode === '21game01')!;
      const monthly = game.pricings.find((p) => p.pricingMode === 'default')!;
      expect(monthly.dueNow.value).toBe(99.99);
      expect(monthly.promotions).toEqual([expect.objectContaining({ name: 'WS22_Game_Setup_fees', appliesTo: 'setup', endDate: '2022-02-08T15:00:00+01:00' })]);
    });
  });

  it('order without --range finds the plan in its range and sends no GET twice (the stock is asked once)', async () => {
    sandbox.clearLog();
    const r = await cli(['order', '--plan', '21adv01', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Plan 21adv01 is in the dedicated range.');
    const gets = sandbox.log.filter((e) => e.method === 'GET').map((e) => `${e.path} ${JSON.stringify(e.query)}`);
    expect(gets.filter((g) => g.startsWith('/dedicated/server/datacenter/availabilities'))).toHaveLength(1);
    expect(gets.length).toBe(new Set(gets).size);
  });

  it('order --range dedicated into a datacenter out of stock is refused with exit 2 before any cart', async () => {
    const offers = await catalog('dedicated');
    const offer = offers.find((o) => o.stock.some((s) => !s.orderable))!;
    expect(offer).toBeDefined();
    const empty = offer.stock.find((s) => !s.orderable)!.datacenter;
    const before = cartCalls(sandbox.log).length;
    const r = await cli(['order', '--range', 'dedicated', '--plan', offer.planCode, '--subsidiary', 'FR', '--datacenter', empty, '--yes']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${offer.planCode} is out of stock in ${empty}`);
    expect(cartCalls(sandbox.log).length).toBe(before);
  });
});

describe('the same on the sandbox’s own authored data (add-on codes that are not stock names, a running promotion)', () => {
  const sandbox = useSandbox();
  const { cli, catalog } = clientOf(sandbox);
  for (const range of RANGES) {
    it(`${range}: every plan in stock is ordered with the listed defaults at the listed price, in every mode`, async () => {
      await expectEveryPlanOrderedAsListed(cli, await catalog(range), range, { everyPlanInStock: false });
    });
  }
});
