// `watch` as a script runs it (the built binary over pipes) against the HTTPS sandbox whose stock
// the test scripts: alerts on transitions only across restarts (the state in the config dir), the
// --once exit codes, NDJSON, and every notification channel against receivers on 127.0.0.1.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox-fixture.js';
import { isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An HTTP receiver on 127.0.0.1: records every request; paths under /fail answer 500. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const sandbox = useSandbox();
const RISE_GONE = { '24rise01': 'unavailable' } as const;

describe('watch --once across restarts', () => {
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    env = isolatedEnv(sandboxKeys(sandbox));
  });
  const once = (extra: string[] = []) =>
    runAgainst(sandbox, ['watch', '--plan', '24rise01', '--range', 'eco', '--datacenter', 'gra,rbx', '--once', '--json', ...extra], { env });
  const events = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; datacenter: string | null; planCode: string });

  it('alerts once when stock appears, stays quiet while it lasts, says when it goes; exit 0 when orderable, 1 when not', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: RISE_GONE }] });
    const none = await once();
    expect(none.stderr).toContain('Checking RISE-1 | Intel Xeon-E 2386G (24rise01) in gra, rbx.');
    expect([none.code, events(none.stdout)]).toEqual([1, []]);

    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: 'unavailable', rbx: '24H' } } }] });
    const up = await once();
    expect(up.code).toBe(0);
    expect(events(up.stdout).map((e) => [e.event, e.planCode, e.datacenter])).toEqual([['available', '24rise01', 'rbx']]);

    // Restarted while the stock lasts: no second alert.
    const again = await once();
    expect([again.code, again.stdout]).toEqual([0, '']);

    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: RISE_GONE }] });
    const down = await once();
    expect(down.code).toBe(1);
    expect(events(down.stdout).map((e) => e.event)).toEqual(['unavailable']);
  });

  it('asks the availability endpoint once, for the plan and the datacenters only', async () => {
    sandbox.setStockSchedule({ steps: [] });
    sandbox.clearLog();
    await once();
    const stockCalls = sandbox.log.filter((e) => e.route === '/dedicated/server/datacenter/availabilities');
    expect(stockCalls.map((e) => e.query)).toEqual([{ planCode: '24rise01', datacenters: 'gra,rbx' }]);
  });

  it('refuses bad input before any call, naming the value and what is allowed (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--datacenter', 'gra,xyz'], /unknown datacenter "xyz"\. Allowed: .*gra/],
      [['--max-delay', 'soon'], /--max-delay "soon" is not a delay/],
      [['--order', '--yes'], /--order needs --max-price/],
      [['--order', '--max-price', '100'], /--order needs --yes/],
      [['--autopay'], /--autopay only mean something with --order/],
      [['--max-price', '50'], /use it with --order/],
      [['--webhook', 'ftp://x'], /must be an http or https URL/],
      [['--interval', '5'], /"5" is not a number from 10 to 86400/],
    ];
    for (const [flags, message] of cases) {
      sandbox.clearLog();
      const result = await runAgainst(sandbox, ['watch', '--plan', '24rise01', ...flags], { env });
      expect({ flags, code: result.code }).toEqual({ flags, code: 2 });
      expect(result.stderr).toMatch(message);
      expect(sandbox.log).toEqual([]);
    }
  });
});

describe('watch notifications to receivers on 127.0.0.1', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('runs the command, posts the webhook, ntfy and Telegram, with the event; the token is never printed', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-low' } } }] });
    receiver.received.length = 0;
    const dir = mkdtempSync(join(tmpdir(), 'watch-notify-'));
    const out = join(dir, 'command.txt');
    const token = '123456:SECRET-telegram-token';
    const env = isolatedEnv({
      ...sandboxKeys(sandbox),
      OVH_ORDER_TELEGRAM_TOKEN: token,
      OVH_ORDER_TELEGRAM_CHAT_ID: '42',
      OVH_ORDER_TELEGRAM_API_URL: `${receiver.url}/telegram`,
    });
    const result = await runAgainst(
      sandbox,
      [
        'watch',
        '--plan',
        '24rise01',
        '--range',
        'eco',
        '--datacenter',
        'gra',
        '--once',
        '--notify-command',
        `cat > ${out}; echo "$OVH_ORDER_EVENT $OVH_ORDER_PLAN_CODE $OVH_ORDER_DATACENTER $OVH_ORDER_MONTHLY $OVH_ORDER_MONTHLY_CURRENCY" >> ${out}`,
        '--webhook',
        `${receiver.url}/hook`,
        '--ntfy',
        `${receiver.url}/ntfy-topic`,
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const [stdin, vars] = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(stdin!)).toMatchObject({ event: 'available', planCode: '24rise01', datacenter: 'gra', delivery: '1 h (low stock)' });
    expect(vars).toBe('available 24rise01 gra 56.99 EUR');

    const byPath = (prefix: string) => receiver.received.filter((r) => r.path.startsWith(prefix));
    const hook = JSON.parse(byPath('/hook')[0]!.body) as { event: string; text: string; content: string };
    expect(hook.event).toBe('available');
    expect(hook.text).toMatch(/^In stock: RISE-1 .*\(24rise01\) in gra, delivery 1 h \(low stock\)/);
    expect(hook.content).toBe(hook.text);
    const ntfy = byPath('/ntfy-topic')[0]!;
    expect(ntfy.body).toBe(hook.text);
    expect(ntfy.headers.title).toBe('ovh-order: available');
    const telegram = byPath('/telegram/')[0]!;
    expect(telegram.path).toBe(`/telegram/bot${token}/sendMessage`);
    expect(JSON.parse(telegram.body)).toEqual({ chat_id: '42', text: hook.text });
    expect(result.stdout + result.stderr).not.toContain('SECRET');
  });

  it('a receiver that keeps failing is retried, then reported; the watch still ends normally', async () => {
    sandbox.setStockSchedule({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-high' } } }] });
    receiver.received.length = 0;
    const token = '999:ANOTHER-secret';
    const env = isolatedEnv({
      ...sandboxKeys(sandbox),
      OVH_ORDER_TELEGRAM_TOKEN: token,
      OVH_ORDER_TELEGRAM_CHAT_ID: '7',
      OVH_ORDER_TELEGRAM_API_URL: `${receiver.url}/fail`,
    });
    const result = await runAgainst(
      sandbox,
      ['watch', '--plan', '24rise01', '--range', 'eco', '--datacenter', 'gra', '--once', '--webhook', `${receiver.url}/fail/hook`],
      { env, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(receiver.received.filter((r) => r.path === '/fail/hook')).toHaveLength(3);
    expect(result.stderr).toContain('The webhook notification of "available" failed 3 times (HTTP 500); the watch goes on.');
    expect(result.stderr).toContain('The telegram notification of "available" failed 3 times (HTTP 500)');
    expect(result.stdout + result.stderr).not.toContain('ANOTHER-secret');
  });
});
