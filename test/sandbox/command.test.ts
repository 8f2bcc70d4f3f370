// `ovh-order sandbox`: starts the server, prints the endpoint, CA and environment lines, reports
// unknown routes on stderr, and stops cleanly (exit 0) on Ctrl-C.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGlobals, type Context } from '../../src/runtime/context.js';
import { main } from '../../src/cli/main.js';
import { describeRecorded, readRecorded, RECORDED_DIR } from '../helpers/data-pack.js';

function collector(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.text += chunk.toString();
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

function testContext(env: NodeJS.ProcessEnv): Context & { stdout: Writable & { text: string }; stderr: Writable & { text: string } } {
  const ctx = {
    stdin: new PassThrough(),
    stdout: collector(),
    stderr: collector(),
    env,
    cwd: process.cwd(),
    now: () => new Date(),
    globals: defaultGlobals(env),
    canPrompt: () => false,
    cleanups: [],
    interrupt: new AbortController(),
    requestInterrupt: () => ctx.interrupt.abort(),
    quitNotes: new Map<string, string>(),
    exitCode: 0,
  };
  return ctx;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function get(url: string, ca: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

describe('ovh-order sandbox command', () => {
  let configDir: string;
  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'sandbox-command-test-'));
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  it('prints ready-to-paste settings, serves until interrupted, and exits 0', async () => {
    const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    const running = main(['sandbox', '--port', '0', '--latency', '5', '--region', 'eu'], ctx);
    await until(() => ctx.stdout.text.includes('Press Ctrl-C'), 'the sandbox banner');
    const out = ctx.stdout.text;
    const endpoint = /^export OVH_ENDPOINT=(https:\/\/127\.0\.0\.1:\d+\/1\.0)$/m.exec(out)?.[1];
    const caPath = /^export NODE_EXTRA_CA_CERTS=(.+)$/m.exec(out)?.[1];
    expect(endpoint).toBeDefined();
    expect(caPath).toBe(join(configDir, 'sandbox', 'certs', 'ca.pem'));
    expect(out).toMatch(/^export OVH_APPLICATION_KEY=\w{16}$/m);
    expect(out).toMatch(/^export OVH_APPLICATION_SECRET=\w{32}$/m);
    expect(out).toMatch(/^export OVH_CONSUMER_KEY=\w{32}$/m);
    expect(out).toMatch(/Validation page login: sb\d{5}-ovh \/ password \S+/);

    const ca = readFileSync(caPath!, 'utf8');
    const time = await get(`${endpoint}/auth/time`, ca);
    expect(time.status).toBe(200);
    expect(time.text).toMatch(/^\d+$/);
    const missing = await get(`${endpoint}/no/such/route`, ca);
    expect(missing.status).toBe(404);
    expect(ctx.stderr.text).toContain('Sandbox: unknown route GET /no/such/route');

    ctx.interrupt.abort();
    expect(await running).toBe(0);
    await expect(get(`${endpoint}/auth/time`, ca)).rejects.toThrow();
  });

  it('keeps its state and certificates under OVH_ORDER_CONFIG_DIR/sandbox between runs', async () => {
    const first = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    const run1 = main(['sandbox'], first);
    await until(() => first.stdout.text.includes('Press Ctrl-C'), 'the first banner');
    first.interrupt.abort();
    await run1;
    const second = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    const run2 = main(['sandbox'], second);
    await until(() => second.stdout.text.includes('Press Ctrl-C'), 'the second banner');
    second.interrupt.abort();
    await run2;
    const key = (text: string) => /^export OVH_CONSUMER_KEY=(\w+)$/m.exec(text)?.[1];
    expect(key(second.stdout.text)).toBe(key(first.stdout.text));
    expect(readFileSync(join(configDir, 'sandbox', 'state-eu.json'), 'utf8')).toContain('"region": "eu"');
  });

  it('refuses a bad region with a usage error', async () => {
    const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    expect(await main(['sandbox', '--region', 'mars'], ctx)).toBe(2);
  });

  it('plays the API --endpoint names (ovh-ca), and refuses a --region that contradicts it', async () => {
    const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    const running = main(['sandbox', '--endpoint', 'ovh-ca'], ctx);
    await until(() => ctx.stdout.text.includes('Press Ctrl-C'), 'the sandbox banner');
    expect(ctx.stdout.text).toContain('OVH API sandbox (ca) listening on');
    expect(ctx.stdout.text).toMatch(/subsidiary CA\)/);
    ctx.interrupt.abort();
    expect(await running).toBe(0);
    const both = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    expect(await main(['sandbox', '--endpoint', 'ovh-us', '--region', 'eu'], both)).toBe(2);
    expect(both.stderr.text).toContain('--region eu and --endpoint ovh-us name two different APIs.');
  });
});

describeRecorded('ovh-order sandbox --data-pack', () => {
  let configDir: string;
  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'sandbox-pack-test-'));
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  for (const [how, args, env] of [
    ['the flag', ['sandbox', '--data-pack', RECORDED_DIR], {}],
    ['OVH_ORDER_SANDBOX_DATA_PACK', ['sandbox'], { OVH_ORDER_SANDBOX_DATA_PACK: RECORDED_DIR }],
  ] as const) {
    it(`serves the recorded catalogs (${how}), in its own state file`, async () => {
      const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir, ...env });
      const running = main([...args], ctx);
      await until(() => ctx.stdout.text.includes('Press Ctrl-C') || ctx.stderr.text !== '', 'the sandbox banner');
      expect(ctx.stdout.text).toContain(`Data pack: ${RECORDED_DIR}`);
      expect(ctx.stdout.text).toContain('  serves eco FR (catalog-public-eco-FR-2025-05-subset.json)');
      expect(ctx.stdout.text).toMatch(/ {2}skipped catalog-public-eco-FR-24adv01-v3-pricings-2026-trimmed\.json: no "addons" array/);
      expect(ctx.stdout.text).toContain(join(configDir, 'sandbox', 'state-eu-data-pack.json'));
      const endpoint = /^export OVH_ENDPOINT=(\S+)$/m.exec(ctx.stdout.text)![1]!;
      const ca = readFileSync(join(configDir, 'sandbox', 'certs', 'ca.pem'), 'utf8');
      const eco = await get(`${endpoint}/order/catalog/public/eco?ovhSubsidiary=FR`, ca);
      expect(JSON.parse(eco.text)).toEqual(readRecorded('catalog-public-eco-FR-2025-05-subset.json'));
      ctx.interrupt.abort();
      expect(await running).toBe(0);
    });
  }

  it('refuses a folder that is not a data pack: exit 2, the reason, nothing served', async () => {
    const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    expect(await main(['sandbox', '--data-pack', join(configDir, 'absent')], ctx)).toBe(2);
    expect(ctx.stderr.text).toMatch(/Data pack .*absent cannot be read \(ENOENT\)/);
    expect(ctx.stdout.text).not.toContain('OVH_ENDPOINT');
  });

  it('refuses --data-pack without --sandbox for a command that talks to the API (exit 2)', async () => {
    const ctx = testContext({ OVH_ORDER_CONFIG_DIR: configDir });
    expect(await main(['catalog', '--range', 'eco', '--data-pack', RECORDED_DIR], ctx)).toBe(2);
    expect(ctx.stderr.text).toContain('needs --sandbox');
  });
});
