// Scripted stock: a schedule makes a server appear and vanish, by request count or by sandbox time,
// in the availability answer and in the checkout's stock check alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseStockSchedule } from '../../src/sandbox/index.js';
import { buildCart, ovhClient, ovhError, raw, useTrustedSandbox } from './helpers.js';

const RISE = '24rise01.ram-32g-ecc-3200.softraid-2x512nvme';

describe('sandbox scripted stock', () => {
  const sb = useTrustedSandbox();
  beforeEach(() => sb.setStockSchedule({ steps: [] }));

  const delays = async (planCode = '24rise01'): Promise<Record<string, string>> => {
    const answer = await raw(sb, 'GET', `/1.0/dedicated/server/datacenter/availabilities?planCode=${planCode}`);
    const record = (answer.json() as Array<{ fqn: string; datacenters: Array<{ datacenter: string; availability: string }> }>).find((r) => r.fqn === RISE)!;
    return Object.fromEntries(record.datacenters.map((d) => [d.datacenter, d.availability]));
  };

  it('changes the answer from the request number each step names, and counts the requests', async () => {
    sb.setStockSchedule({
      steps: [
        { fromRequest: 1, stock: { '24rise01': 'unavailable' } },
        { fromRequest: 3, stock: { '24rise01': { gra: '1H-low' } } },
      ],
    });
    expect((await delays()).gra).toBe('unavailable');
    expect((await delays()).rbx).toBe('unavailable');
    const third = await delays();
    expect(third.gra).toBe('1H-low');
    expect(third.lon).toBe('unavailable'); // left out of the step: the authored delay
    expect(sb.stockRequests()).toBe(3);
  });

  it('an fqn wins over its plan, and afterSeconds follows the sandbox clock', async () => {
    sb.setStockSchedule({ steps: [{ afterSeconds: 60, stock: { '24rise01': 'unavailable', [RISE]: { rbx: '24H' } } }] });
    expect((await delays()).gra).toBe('1H-high'); // authored, before the step
    sb.clock.advance(61_000);
    const after = await delays();
    expect(after.gra).toBe('unavailable');
    expect(after.rbx).toBe('24H');
  });

  it('checkout refuses hardware the schedule took out of stock', async () => {
    const client = ovhClient(sb);
    const { cartId } = await buildCart(client);
    await client.requestPromised('POST', `/order/cart/${cartId}/assign`);
    sb.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': 'unavailable' } }] });
    await delays();
    const refused = await ovhError(client.requestPromised('POST', `/order/cart/${cartId}/checkout`, {}));
    expect(refused.error).toBe(400);
    expect(String(refused.message)).toMatch(/^The server 24rise01\.\S+ is not available in gra/);
  });

  it('names the bad step and field of a schedule', () => {
    expect(() => parseStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': 'soon' } }] })).toThrow(/step 1: "24rise01": "soon" is not a delay code/);
    expect(() => parseStockSchedule({ steps: [{ stock: {} }] })).toThrow(/exactly one of "fromRequest"/);
    expect(() => parseStockSchedule([])).toThrow(/"steps" array/);
  });
});

describe('--stock-schedule on the CLI', () => {
  it('is read before the sandbox starts: a bad file is a usage error naming it', async () => {
    const { runCli, isolatedEnv } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'stock-schedule-'));
    const file = join(dir, 'stock.json');
    writeFileSync(file, '{"steps":[{"fromRequest":0,"stock":{}}]}');
    const result = await runCli(['catalog', '--sandbox', '--stock-schedule', file], { env: isolatedEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--stock-schedule ${file}`);
    expect(result.stderr).toContain('"fromRequest" must be a whole number from 1');
    const without = await runCli(['catalog', '--stock-schedule', file], { env: isolatedEnv() });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('use it with --sandbox');
  });

  it('with --sandbox, the catalog shows the scripted stock', async () => {
    const { runCli, isolatedEnv } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'stock-schedule-'));
    const file = join(dir, 'stock.json');
    writeFileSync(file, JSON.stringify({ steps: [{ fromRequest: 1, stock: { '24rise01': 'unavailable' } }] }));
    const result = await runCli(['catalog', '--sandbox', '--range', 'eco', '--stock-schedule', file, '--json'], { env: isolatedEnv() });
    expect(result.code).toBe(0);
    const rise = (JSON.parse(result.stdout) as { offers: Array<{ planCode: string; stock: Array<{ orderable: boolean }> }> }).offers.find(
      (o) => o.planCode === '24rise01',
    );
    expect(rise?.stock.length).toBeGreaterThan(0);
    expect(rise?.stock.filter((s) => s.orderable)).toEqual([]);
  });
});
