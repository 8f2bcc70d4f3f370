// `ovh-order status` end to end: the built binary follows an order placed on the HTTPS sandbox, and
// `--wait` sees it to `delivered` while the test moves the sandbox clock (the binary polls with a
// tiny interval here; the real pace is 10 s, then 30 s).
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshBinPath, isolatedEnv, repoRoot, runAgainst, type CliResult, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
let orderId: number;

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return isolatedEnv({ ...sandboxKeys(sandbox), ...extra });
}

const cli = (args: string[]): Promise<CliResult> => runAgainst(sandbox, args);

const MINUTE = 60_000;

beforeAll(async () => {
  const placed = await cli(['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes', '--autopay', '--json']);
  expect(placed.code, placed.stderr).toBe(0);
  orderId = (JSON.parse(placed.stdout) as { order: { orderId: number } }).order.orderId;
});

interface StatusDocument {
  orderId: number;
  status: string;
  final: boolean;
  url: string;
  prices: { withTax: { value: number; currencyCode: string }; withoutTax: { value: number } };
  followUp: Array<{ step: string; status: string; date: string | null }>;
  servers: string[];
}

/** Resolves once `predicate` holds (checked every 20 ms), so the test acts only after the binary did. */
async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ovh-order status (built binary, HTTPS sandbox)', () => {
  it('shows the status, follow-up steps with dates, price and URL (--json and table)', async () => {
    const r = await cli(['status', String(orderId), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StatusDocument;
    expect(doc).toMatchObject({ orderId, status: 'checking', final: false, servers: [] });
    expect(doc.url).toContain(String(orderId));
    expect(doc.prices.withoutTax.value).toBe(16.99 * 2);
    expect(doc.followUp.map((s) => [s.step, s.status])).toEqual([
      ['VALIDATING', 'DONE'],
      ['VALIDATED', 'DOING'],
      ['DELIVERING', 'TODO'],
      ['AVAILABLE', 'TODO'],
    ]);
    expect(doc.followUp[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const table = await cli(['status', String(orderId)]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Status\s+Being checked \(payment and order\)/);
    expect(table.stdout).toMatch(/Total\s+40,78 €/);
    expect(table.stdout).toContain('Validating');
    for (const line of table.stdout.split('\n')) if (!line.includes('https://')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--wait follows the order to delivered on the sandbox clock, then names the server (exit 0)', async () => {
    const child = spawn(process.execPath, [freshBinPath(), 'status', String(orderId), '--wait', '--json', '--endpoint', sandbox.url], {
      cwd: repoRoot,
      env: env({ OVH_ORDER_POLL_INTERVAL_MS: '25' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const statusPolls = () => sandbox.log.filter((e) => e.route === '/me/order/{orderId}/status' && e.path.includes(String(orderId))).length;
    try {
      const before = statusPolls();
      // The binary is polling while nothing changes…
      await until(() => statusPolls() >= before + 3, 'the binary to poll');
      sandbox.clock.advance(11 * MINUTE); // checking → delivering
      const atDelivering = statusPolls();
      await until(() => statusPolls() >= atDelivering + 3, 'the binary to poll while delivering');
      sandbox.clock.advance(50 * MINUTE); // delivering → delivered
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
    const doc = JSON.parse(stdout) as StatusDocument;
    expect(doc).toMatchObject({ orderId, status: 'delivered', final: true });
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0]).toMatch(/^ns\d+\.ip-[\d-]+\.eu$/);
    expect(doc.followUp.every((s) => s.status === 'DONE')).toBe(true);
    expect(stderr).not.toContain(sandbox.credentials.consumerKey);

    // Once delivered, a plain `status` shows the server's name, and --wait returns at once.
    const again = await cli(['status', String(orderId), '--wait']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Status\s+Delivered/);
    expect(again.stdout).toContain(`Server      ${doc.servers[0]}`);
  });

  it('a bad or unknown order id is a clear error', async () => {
    const bad = await cli(['status', 'abc', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'invalid_order_id', message: expect.stringContaining('"abc"') } });

    const unknown = await cli(['status', '424242']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Order 424242 was not found on this account.');
  });
});
