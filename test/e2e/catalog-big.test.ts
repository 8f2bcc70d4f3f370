// `ovh-order catalog` on a catalog of about a hundred offers (the sandbox's scaled eco range): a
// table shows a page (50 rows) and says how to see the rest; --limit and --all change that; a second
// run reads the table from the cache's summaries alone, and --json still has every offer whole.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox({}, { setup: (sb) => sb.setCatalogScale(3e6) });
const CATALOG = '/order/catalog/public/eco';
const args = ['catalog', '--range', 'eco', '--subsidiary', 'FR'];
/** The offer table's rows: an offer's first line has its monthly price. */
const planLines = (stdout: string) =>
  stdout
    .slice(0, stdout.indexOf('\n\nStock per datacenter'))
    .split('\n')
    .filter((l) => /\d,\d\d €/.test(l));

let total = 0;
beforeAll(async () => {
  const all = await runAgainst(sandbox, [...args, '--json']);
  expect(all.code, all.stderr).toBe(0);
  total = (JSON.parse(all.stdout) as { count: number }).count;
  expect(total).toBeGreaterThan(60);
});

describe('ovh-order catalog with a big range', () => {
  it('shows the 20 cheapest in a table and says how many more match and how to see them', async () => {
    const r = await runAgainst(sandbox, args);
    expect(r.code, r.stderr).toBe(0);
    expect(planLines(r.stdout)).toHaveLength(20);
    expect(r.stderr).toContain(`The first 20 of ${total} matching offers by price, FR prices without tax. --all shows every one`);
    // The stock section follows the rows shown, not the whole range.
    const stockPlans = r.stdout
      .slice(r.stdout.indexOf('Stock per datacenter'))
      .split('\n')
      .slice(1)
      .filter((l) => /^\S/.test(l));
    expect(stockPlans.length).toBeGreaterThan(0);
    expect(stockPlans.length).toBeLessThanOrEqual(20);
  });

  it('--all shows every offer, --limit N the first N; --json has every offer unless --limit says otherwise', async () => {
    const all = await runAgainst(sandbox, [...args, '--all']);
    expect(planLines(all.stdout)).toHaveLength(total);
    expect(all.stderr).toContain(`${total} of ${total} offers, FR prices without tax`);
    const three = await runAgainst(sandbox, [...args, '--limit', '3']);
    expect(planLines(three.stdout)).toHaveLength(3);
    const json = await runAgainst(sandbox, [...args, '--json', '--limit', '3']);
    expect(JSON.parse(json.stdout)).toMatchObject({ count: 3, matching: total });
  });

  it('refuses a limit that is not a whole number, or --limit with --all (exit 2)', async () => {
    const zero = await runAgainst(sandbox, [...args, '--limit', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('"0" is not a whole number from 1 to 1000000');
    const both = await runAgainst(sandbox, [...args, '--limit', '3', '--all']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--all.*cannot be used with.*--limit|--limit.*cannot be used with.*--all/);
  });

  it('a second run reads the table from the cache without the whole offers; --json reads (or downloads) them whole', async () => {
    const env = isolatedEnv(sandboxKeys(sandbox));
    const run = (extra: string[] = []) => runAgainst(sandbox, [...args, ...extra], { env });
    const downloads = () => sandbox.log.filter((e) => e.method === 'GET' && e.path.startsWith(CATALOG)).length;

    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const before = downloads();
    const cacheDir = path.join(env.OVH_ORDER_CONFIG_DIR!, 'cache');
    const [file] = fs.readdirSync(cacheDir).filter((f) => f.startsWith('catalog-eco-FR-'));
    // Spoil the whole offers (the file's last line): a table does not read them.
    const text = fs.readFileSync(path.join(cacheDir, file!), 'utf8');
    fs.writeFileSync(path.join(cacheDir, file!), `${text.slice(0, text.lastIndexOf('\n') + 1)}[{"broken"`);

    const table = await run();
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toContain('(catalog from the cache)');
    expect(table.stdout).toBe(first.stdout);
    expect(downloads()).toBe(before);

    const json = await run(['--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ count: total, fromCache: false });
    expect(downloads()).toBe(before + 1);
  });
});
