// `watch --order` end to end (the built binary against the HTTPS sandbox, whose stock the test
// scripts): one order at most, also across a restart (the journal counts it); the price ceiling
// refusing; stock gone before checkout refused and said; the prepared carts deleted when the watch
// ends by SIGTERM or by Ctrl-C in a terminal. The sandbox's log and orders are the evidence.
import { spawn } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox-fixture.js';
import { keys, ptyAvailable, spawnPty } from '../helpers/pty.js';
import { binPath, isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';

const sandbox = useSandbox();
const WATCH = ['watch', '--plan', '24rise01', '--range', 'eco', '--datacenter', 'gra,rbx'];

interface Event {
  event: string;
  datacenter: string | null;
  orderId?: number;
  message?: string;
  stockToCheckoutMs?: number;
}
const events = (stdout: string): Event[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Event);
const created = () => sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart' && e.status === 200).length;
const deleted = () => sandbox.log.filter((e) => e.method === 'DELETE' && e.route === '/order/cart/{cartId}' && e.status === 200).length;

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('watch --order', () => {
  beforeEach(() => {
    sandbox.clearLog();
    sandbox.clearFaults();
  });

  it('orders once when stock appears, in the preferred datacenter, and a restart does not buy again', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-low', rbx: '1H-high' } } }] });
    const env = isolatedEnv(sandboxKeys(sandbox));
    const before = sandbox.orders().length;
    const first = await runAgainst(sandbox, [...WATCH, '--once', '--json', '--order', '--yes', '--max-price', '200'], { env });
    expect(first.code).toBe(0);
    const ordered = events(first.stdout).filter((e) => e.event === 'ordered');
    expect(ordered).toHaveLength(1);
    expect(ordered[0]!.datacenter).toBe('gra');
    const orders = sandbox.orders();
    expect(orders).toHaveLength(before + 1);
    expect(orders.at(-1)!.orderId).toBe(ordered[0]!.orderId);
    // Neither autopay nor the waiver without their flags.
    expect(orders.at(-1)!.checkoutBody).toEqual({ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    // The carts not used are deleted; the one checked out is the order's.
    expect(deleted()).toBe(created() - 1);

    sandbox.clearLog();
    const again = await runAgainst(sandbox, [...WATCH, '--once', '--json', '--order', '--yes', '--max-price', '200'], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('This watch already placed 1 order (--max-orders 1, counted in the journal)');
    expect(sandbox.orders()).toHaveLength(before + 1);
    expect(created()).toBe(0);
    expect(sandbox.log.filter((e) => e.route === '/order/cart/{cartId}/checkout')).toEqual([]);
  });

  it('--autopay and --waive-retraction reach the checkout only when given, and the waiver is said out loud', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-high' } } }] });
    sandbox.setPaymentMethod(true);
    const result = await runAgainst(sandbox, [...WATCH, '--once', '--json', '--order', '--yes', '--max-price', '200', '--autopay', '--waive-retraction'], {
      env: isolatedEnv(sandboxKeys(sandbox)),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(events(result.stdout).map((e) => e.event)).toContain('ordered');
    expect(sandbox.orders().at(-1)!.checkoutBody).toEqual({ autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true });
    expect(result.stderr).toContain('--waive-retraction: every order of this watch gives up the legal withdrawal period');
  });

  it('refuses a quote above --max-price (without tax, setup included): nothing ordered, carts deleted', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-high' } } }] });
    const before = sandbox.orders().length;
    const result = await runAgainst(sandbox, [...WATCH, '--once', '--json', '--order', '--yes', '--max-price', '50'], {
      env: isolatedEnv(sandboxKeys(sandbox)),
    });
    expect(result.code).toBe(0);
    const refused = events(result.stdout).find((e) => e.event === 'order-refused');
    expect(refused?.message).toMatch(/^the quote's total without tax, 56[.,]99 €, is above --max-price 50; nothing was ordered\.$/);
    expect(sandbox.orders()).toHaveLength(before);
    expect(sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/checkout')).toEqual([]);
    expect(deleted()).toBe(created());
  });

  it('stock gone before the checkout: OVH refuses, the watch says so and buys nothing', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-high', rbx: 'unavailable' } } }] });
    sandbox.addFault({
      method: 'POST',
      route: '/order/cart/{cartId}/checkout',
      kind: 'status',
      status: 400,
      message: 'The server 24rise01.ram-32g-ecc-3200.softraid-2x512nvme is not available in gra',
    });
    const before = sandbox.orders().length;
    const result = await runAgainst(sandbox, [...WATCH, '--once', '--json', '--order', '--yes', '--max-price', '200'], {
      env: isolatedEnv(sandboxKeys(sandbox)),
    });
    expect(result.code).toBe(0);
    const refused = events(result.stdout).find((e) => e.event === 'order-refused');
    expect(refused?.message).toContain('is not available in gra; nothing was ordered.');
    expect(sandbox.orders()).toHaveLength(before);
    expect(deleted()).toBe(created());
  });

  it('SIGTERM: the watch stops cleanly (exit 0) and deletes every cart it prepared', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': 'unavailable' } }] });
    const env = isolatedEnv(sandboxKeys(sandbox));
    const child = spawn(process.execPath, [binPath, ...WATCH, '--order', '--yes', '--max-price', '200', '--endpoint', sandbox.url], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Two carts (gra, rbx), assigned: ready.
    await until(
      () =>
        sandbox.log.filter((e) => e.route === '/order/cart/{cartId}/assign' && e.status === 200).length >= 2 &&
        sandbox.log.filter((e) => e.route.endsWith('/configuration') && e.method === 'POST').length >= 6,
      'two prepared carts',
    );
    expect(created()).toBe(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(deleted()).toBe(2);
    expect(stderr).toMatch(/Watch stopped after 1 check \(\d+ API calls\)\./);
  });

  it.skipIf(!ptyAvailable())('Ctrl-C in a terminal: the spinner shows the last check, the carts are deleted', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': 'unavailable' } }] });
    const session = spawnPty([...WATCH, '--order', '--yes', '--max-price', '200', '--endpoint', sandbox.url], isolatedEnv(sandboxKeys(sandbox)), { cols: 160 });
    await session.waitFor(/no stock · last check \d\d:\d\d:\d\d · next \d\d:\d\d:\d\d/);
    await until(
      () => created() === 2 && sandbox.log.filter((e) => e.route.endsWith('/configuration') && e.method === 'POST').length >= 6,
      'two prepared carts',
    );
    session.write(keys.ctrlC);
    const exit = await session.exited;
    expect(exit.exitCode).toBe(0);
    expect(deleted()).toBe(2);
  });
});
