// A promotion is shown on the line it applies to (issue 12): RISE-1's setup fee, offered by the
// running flash sale, appears at its price with the reduction and the promotion's words right under
// it, so the lines add up to "Before reduction" and, with the reductions, to "Total without tax".
// Over a pipe nothing is cut; in an 80-column terminal the quote fits.
import { describe, expect, it } from 'vitest';
import { keys, ptyAvailable, spawnPty } from '../helpers/pty.js';
import { isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();

const ORDER = ['order', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra'];

/** `-56,99 €` → -5699 (cents). */
function cents(text: string): number {
  const digits = text.replace(/[^\d,-]/g, '').replace(',', '.');
  return Math.round(Number(digits) * 100);
}

/** The amount ending each row of the quote's table (the rows between its header and the first blank line). */
function rowTotals(stdout: string): Array<{ line: string; cents: number }> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Description'));
  const rows = lines.slice(start + 1, lines.indexOf('', start));
  return rows.filter((l) => /€\s*$/.test(l)).map((line) => ({ line, cents: cents(/(-?\d[\d\u202f\u00a0]*,\d\d) €\s*$/.exec(line)![1]!) }));
}

function pair(stdout: string, label: string): number {
  const match = new RegExp(`^${label}\\s+(-?\\d[\\d\\u202f\\u00a0]*,\\d\\d) €`, 'm').exec(stdout);
  expect(match, `${label} in\n${stdout}`).not.toBeNull();
  return cents(match![1]!);
}

describe('a reduction on its line', () => {
  it('over a pipe: the offered setup fee, its reduction and the promotion, adding up to both totals', async () => {
    const r = await runAgainst(sandbox, [...ORDER, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^RISE-1 \| Intel Xeon-E 2386G location - centre de données gra\s+setup\s+1\s+56,99 €\s*\n\s+Reduction: Flash sale: setup fees offered on RISE-1\s+promo\s+-56,99 €/m,
    );
    const rows = rowTotals(r.stdout);
    const before = rows.filter((row) => row.cents >= 0).reduce((sum, row) => sum + row.cents, 0);
    const after = rows.reduce((sum, row) => sum + row.cents, 0);
    expect(before).toBe(pair(r.stdout, 'Before reduction'));
    expect(after).toBe(pair(r.stdout, 'Total without tax'));
    expect(pair(r.stdout, 'Reduction')).toBe(after - before);
    expect(r.stdout).not.toContain('…');
  });

  it.skipIf(!ptyAvailable())('in an 80-column terminal the quote with its reduction fits', async () => {
    const session = spawnPty([...ORDER, '--endpoint', sandbox.url], isolatedEnv(sandboxKeys(sandbox)), { cols: 80 });
    await session.waitFor(/Order RISE-1 in gra, no commitment, for [\d ,]+ € with tax\?/);
    const screen = session.screen();
    expect(screen).toMatch(/Reduction: Flash sale: setup fees offered on\s+promo\s+-56,99 €/);
    const shown = screen.slice(screen.indexOf('Description'), screen.lastIndexOf('Then renews'));
    for (const line of shown.split(/\r?\n/)) expect(line.length, line).toBeLessThanOrEqual(80);
    session.write(`n${keys.enter}`);
    expect((await session.exited).exitCode).toBe(0);
  });

  it.skipIf(!ptyAvailable())('cart show of such a cart in an 80-column terminal: items, quote and what it buys fit', async () => {
    const env = isolatedEnv(sandboxKeys(sandbox));
    const made = await runAgainst(sandbox, [...ORDER, '--quantity', '2', '--dry-run', '--keep-cart', '--json'], { env });
    expect(made.code, made.stderr).toBe(0);
    const cartId = (JSON.parse(made.stdout) as { cartId: string }).cartId;
    const session = spawnPty(['cart', 'show', cartId, '--endpoint', sandbox.url], env, { cols: 80 });
    expect((await session.exited).exitCode, session.screen()).toBe(0);
    const screen = session.screen();
    expect(screen).toMatch(/24rise01 \(eco\)\s+Monthly, no\s+2/);
    expect(screen).toMatch(/Reduction: Flash sale: setup fees.*promo\s+-113,98 €/);
    expect(screen).toMatch(/Billing\s+Monthly, no commitment/);
    expect(screen).toMatch(/Quantity\s+2/);
    for (const line of screen.split(/\r?\n/)) if (!line.includes('https://')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
