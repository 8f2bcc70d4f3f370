// Bad input refused before any call (issue 13, points 10-12): the built binary pointed at a port
// where nothing listens, so a value that slipped through would end in a network error (exit 1)
// instead of the usage error (exit 2) with a message naming the value and what is allowed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

const NOWHERE = 'https://127.0.0.1:9/1.0';
const KEYS = { OVH_APPLICATION_KEY: 'appkey0123456789', OVH_APPLICATION_SECRET: 'appsecret0123456789abcdef', OVH_CONSUMER_KEY: 'consumer0123456789abcdef' };
const ORDER = ['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run'];
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

const dir = fs.mkdtempSync(path.join(tmpdir(), 'ovh-order-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function withFlag(args: string[], flag: string, value: string): string[] {
  const at = args.indexOf(flag);
  return at >= 0 ? [...args.slice(0, at + 1), value, ...args.slice(at + 2)] : [...args, flag, value];
}

const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { env: isolatedEnv({ ...KEYS, ...extraEnv }), timeoutMs: 20_000 });

describe('values refused before any call (exit 2)', () => {
  const spec = path.join(dir, 'no-version.json');
  fs.writeFileSync(spec, JSON.stringify({ range: 'eco', subsidiary: 'FR', planCode: '24sk10', datacenter: 'gra' }));

  it.each([
    ["order --subsidiary ''", [...withFlag(ORDER, '--subsidiary', ''), '--endpoint', NOWHERE], /--subsidiary is empty \(""\)\. Expected: OVH subsidiary/],
    ["--endpoint ''", [...ORDER, '--endpoint', ''], /--endpoint is empty \(""\)\. Expected: API endpoint: ovh-eu, ovh-ca, ovh-us, or an https URL/],
    ["--quantity ''", [...ORDER, '--quantity', '', '--endpoint', NOWHERE], /"" is not a whole number from 1 to 1000000/],
    ["--max-price ' '", [...ORDER, '--max-price', ' ', '--endpoint', NOWHERE], /" " is not a number from 0 to 1000000000/],
    ['--timeout 2147484', [...ORDER, '--timeout', '2147484', '--endpoint', NOWHERE], /"2147484" is not a number from 0 to 3600/],
    ['--timeout 1e308', [...ORDER, '--timeout', '1e308', '--endpoint', NOWHERE], /"1e308" is not a number from 0 to 3600/],
    ["--timeout ''", [...ORDER, '--timeout', '', '--endpoint', NOWHERE], /"" is not a number from 0 to 3600/],
    ["cart delete ''", ['cart', 'delete', '', '--endpoint', NOWHERE], /<cartId> of `delete` is empty/],
    ['cart delete .', ['cart', 'delete', '.', '--endpoint', NOWHERE], /"\." is not a cart id: a cart id is one path segment/],
    ['cart show ..', ['cart', 'show', '..', '--endpoint', NOWHERE], /"\.\." is not a cart id/],
    ['--config __proto__=x', [...ORDER, '--config', '__proto__=x', '--endpoint', NOWHERE], /--config label "__proto__" is not allowed/],
    ['a spec without version', ['order', '--spec', spec, '--dry-run', '--endpoint', NOWHERE], /version/],
    [
      "login --consumer-key ''",
      ['login', '--endpoint', NOWHERE, '--app-key', 'k0123456789', '--app-secret', 's0123456789', '--consumer-key', ''],
      /--consumer-key is empty/,
    ],
    [
      'a control character in a key',
      ['login', '--endpoint', NOWHERE, '--app-key', 'k01234\u000156789', '--app-secret', 's0123456789'],
      /--app-key contains a control character \(U\+0001\) at position 7/,
    ],
  ])('%s', async (_name, args, message) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/network|connect|ECONNREFUSED/i);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('a control character in a key from the environment: exit 2 naming the variable, before any call', async () => {
    const result = await run([...ORDER, '--endpoint', NOWHERE], { OVH_APPLICATION_SECRET: 'appsecret01\u001b23456789' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/The environment: OVH_APPLICATION_SECRET contains a control character \(U\+001B\) at position 12/);
    expect(result.stderr).not.toContain('appsecret01');
  });

  it('a control character in a secret is named by position, the secret is not printed', async () => {
    const result = await run(['login', '--endpoint', NOWHERE, '--app-key', 'k0123456789', '--app-secret', 'TOPSECRET\u0007value']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--app-secret contains a control character \(U\+0007\) at position 10/);
    expect(result.stderr).not.toContain('TOPSECRET');
  });
});

describe('--spec reads a regular file of at most 1 MB (issue 13, point 10)', () => {
  it('/dev/zero is refused at once (exit 2), not read', async () => {
    const result = await run(['order', '--spec', '/dev/zero', '--dry-run', '--endpoint', NOWHERE]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--spec \/dev\/zero is not a regular file/);
  });

  it('a FIFO is refused (exit 2) without opening it: no hang', async () => {
    const fifo = path.join(dir, 'spec.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await run(['order', '--spec', fifo, '--dry-run', '--endpoint', NOWHERE]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/is not a regular file/);
  });

  it('a file over 1 MB is refused (exit 2), naming the limit', async () => {
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, `{"version":1,"pad":"${'x'.repeat(1024 * 1024)}"}`);
    const result = await run(['order', '--spec', big, '--dry-run', '--endpoint', NOWHERE]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/is larger than 1 MB/);
  });
});

describe.skipIf(process.platform !== 'linux')('a config directory that cannot work (issue 13, point 8)', () => {
  it('under /proc: fails at once naming the path (exit 1), instead of spinning', async () => {
    const started = Date.now();
    const result = await run(['order', '--sandbox', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes'], {
      OVH_ORDER_CONFIG_DIR: '/proc/ovh-order-cannot-exist',
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Cannot create the ovh-order config directory \/proc\/ovh-order-cannot-exist: ENOENT/);
    expect(result.stderr).toMatch(/OVH_ORDER_CONFIG_DIR/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('state files as symbolic links (issue 13, point 7)', () => {
  it('login refuses a credentials.json that is a link (exit 1, path named): the linked file is neither written nor chmod-ed', async () => {
    const env = isolatedEnv(KEYS);
    fs.mkdirSync(env.OVH_ORDER_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    const victim = path.join(dir, 'unrelated.json');
    fs.writeFileSync(victim, '{"settings": true}\n');
    fs.chmodSync(victim, 0o644);
    fs.symlinkSync(victim, path.join(env.OVH_ORDER_CONFIG_DIR!, 'credentials.json'));

    const result = await runCli(
      ['login', '--endpoint', NOWHERE, '--app-key', 'k0123456789', '--app-secret', 'SECRET0123456789', '--consumer-key', 'CK0123456789abcdef'],
      { env, timeoutMs: 20_000 },
    );

    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/Refusing to use .*credentials\.json: it is a symbolic link/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('{"settings": true}\n');
    expect(fs.statSync(victim).mode & 0o777).toBe(0o644);
  });
});
