// Output fits the terminal it is on, and is never cut when it goes elsewhere: `catalog | grep` and
// `cart prune | grep` find every word; `status`'s journal list fits 80 columns on a terminal
// (cart ids on their own lines) and keeps one row per order in a pipe.
import { beforeAll, describe, expect, it } from 'vitest';
import { ptyAvailable, spawnPty } from '../helpers/pty.js';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';
import { renderPrune } from '../../src/ui/cart-view.js';

const env = isolatedEnv();

async function onTerminal(args: string[]): Promise<string[]> {
  const session = spawnPty(args, env, { cols: 80, rows: 200 });
  const { exitCode } = await session.exited;
  expect(exitCode, session.screen()).toBe(0);
  return session.screen().split(/\r?\n/);
}

function widest(lines: readonly string[]): number {
  return Math.max(...lines.map((l) => l.trimEnd().length));
}

describe('catalog and cart prune over a pipe: nothing cut', () => {
  it('catalog lists every offer’s whole name, plan and specs (the terminal cuts them to 80 columns)', async () => {
    const piped = await runCli(['catalog', '--sandbox', '--range', 'baremetal', '--all'], { env });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).not.toContain('…');
    const json = await runCli(['catalog', '--sandbox', '--range', 'baremetal', '--all', '--json'], { env });
    const offers = (JSON.parse(json.stdout) as { offers: Array<{ name: string; planCode: string }> }).offers;
    expect(offers.length).toBeGreaterThan(3);
    for (const offer of offers) expect(piped.stdout).toMatch(new RegExp(`^${offer.name.split('|')[0]!.trim()} ${offer.planCode}\\s`, 'm'));
    expect(widest(piped.stdout.split('\n'))).toBeGreaterThan(80);
    // What the range holds, from the catalog itself (the same in --json, as productLines).
    const lines = (JSON.parse(json.stdout) as { productLines: Array<{ name: string; offers: number }> }).productLines;
    expect(lines.reduce((sum, l) => sum + l.offers, 0)).toBe(offers.length);
    expect(piped.stderr).toContain(`The baremetal catalog holds ${lines.map((l) => `${l.name} (${l.offers})`).join(', ')} offers.`);
    if (!ptyAvailable()) return;
    // The table and the stock per datacenter (the closing hint on stderr is prose the terminal wraps).
    const all = await onTerminal(['catalog', '--sandbox', '--range', 'baremetal', '--all']);
    const screen = all.slice(
      0,
      all.findIndex((l) => / of \d+ offers/.test(l)),
    );
    expect(screen.length).toBeGreaterThan(offers.length * 2);
    expect(widest(screen), screen.filter((l) => l.trimEnd().length > 80).join('\n')).toBeLessThanOrEqual(80);
    expect(screen.join('\n')).toContain('…');
  });

  it('cart prune prints each cart id and reason whole', async () => {
    const made = await runCli(
      ['order', '--sandbox', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run', '--keep-cart', '--json'],
      { env },
    );
    expect(made.code, made.stderr).toBe(0);
    const cartId = (JSON.parse(made.stdout) as { cartId: string }).cartId;
    const piped = await runCli(['cart', 'prune', '--sandbox', '--dry-run', '--older-than', '0s'], { env });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(new RegExp(`^${cartId}\\s+ovh-order cart, \\d+ min old\\s+would delete$`, 'm'));
  });

  it('a failure message in the prune table is whole off a terminal, cut to fit on one', () => {
    const message = 'The cart could not be deleted because OVH answered 503 Service Unavailable twice';
    const report = {
      olderThan: '24h',
      dryRun: false,
      selected: [{ cartId: '5b2a6b4e-2f3c-4f0e-9a51-3c1d2e4f5a6b', description: 'ovh-order', expire: null, reason: 'expired' as const, why: 'expired' }],
      kept: [],
      deleted: [],
      failed: [{ cartId: '5b2a6b4e-2f3c-4f0e-9a51-3c1d2e4f5a6b', error: new Error(message) }],
    } as unknown as Parameters<typeof renderPrune>[0];
    expect(renderPrune(report, undefined, { cut: false })).toContain(message);
    const cut = renderPrune(report, undefined, { cut: true });
    expect(cut).not.toContain(message);
    expect(widest(cut.split('\n'))).toBeLessThanOrEqual(80);
  });
});

describe.skipIf(!ptyAvailable())('status list at 80 columns', () => {
  let cartId: string;
  beforeAll(async () => {
    const ordered = await runCli(
      ['order', '--sandbox', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes', '--json'],
      { env },
    );
    expect(ordered.code, ordered.stderr).toBe(0);
    cartId = (JSON.parse(ordered.stdout) as { cartId: string }).cartId;
  });

  it('fits 80 columns on a terminal, each cart id whole on its own line', async () => {
    const screen = await onTerminal(['status', '--sandbox']);
    expect(widest(screen)).toBeLessThanOrEqual(80);
    expect(screen.some((line) => line.trim() === `cart ${cartId}`)).toBe(true);
  });

  it('keeps one row per order, cart id included, in a pipe', async () => {
    const piped = await runCli(['status', '--sandbox'], { env });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toMatch(new RegExp(`24rise01 ×1 gra .*${cartId}$`, 'm'));
  });
});
