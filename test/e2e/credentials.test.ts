// The built binary over pipes, as a script or a person without a terminal would run it, against
// the HTTPS sandbox (trusted through NODE_EXTRA_CA_CERTS, as a user would do).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { freshBinPath, isolatedEnv, repoRoot, runCli } from '../helpers/run-cli.js';
import { validateLikeAPerson, waitForText } from '../integration/credentials-sandbox.js';

let sandbox: SandboxServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  env = isolatedEnv({ NODE_EXTRA_CA_CERTS: sandbox.caPath, OVH_ORDER_LOGIN_POLL_MS: '50' });
});

const secrets = () => [sandbox.credentials.appSecret, sandbox.credentials.consumerKey];

describe('ovh-order login / whoami / logout (built binary)', () => {
  it('login with every value given asks nothing, stores 0600, and whoami shows the account', async () => {
    const { appKey, appSecret, consumerKey } = sandbox.credentials;
    const login = await runCli(['login', '--endpoint', sandbox.url, '--app-key', appKey, '--app-secret', appSecret, '--consumer-key', consumerKey], { env });
    expect(login.stderr).toContain(`Logged in as ${sandbox.account.nichandle}`);
    expect(login.code).toBe(0);
    const file = path.join(env.OVH_ORDER_CONFIG_DIR!, 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(env.OVH_ORDER_CONFIG_DIR!).mode & 0o777).toBe(0o700);

    const who = await runCli(['whoami', '--json'], { env });
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      endpoint: sandbox.url,
      source: 'profile:default',
      nichandle: sandbox.account.nichandle,
      subsidiary: sandbox.account.ovhSubsidiary,
      credentials: { kind: 'app', appKey: `${appKey.slice(0, 4)}…`, consumerKey: `${consumerKey.slice(0, 4)}…` },
      works: true,
    });
    const debug = await runCli(['whoami', '--debug'], { env });
    expect(debug.code).toBe(0);
    for (const r of [login, who, debug]) for (const s of secrets()) expect(r.stdout + r.stderr).not.toContain(s);

    const out = await runCli(['logout'], { env });
    expect(out.code).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('login without a consumer key prints the validation URL, waits, and finishes once the person validated it', async () => {
    const { appKey, appSecret } = sandbox.credentials;
    const child = spawn(process.execPath, [freshBinPath(), 'login', '--endpoint', sandbox.url, '--app-key', appKey, '--app-secret', appSecret], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const [url] = await waitForText(() => stderr, /https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\S+/, 20_000);
      await validateLikeAPerson(sandbox, url);
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
    expect(stdout).toBe(`Logged in as ${sandbox.account.nichandle} (${sandbox.account.ovhSubsidiary}) on ${sandbox.url}, profile default.\n`);
    expect(stderr).toContain('POST   /order/*');
    expect(stderr).not.toContain(appSecret);
  });

  it('Ctrl-C while waiting ends cleanly: exit 130, and how to finish later', async () => {
    const { appKey, appSecret } = sandbox.credentials;
    const child = spawn(process.execPath, [freshBinPath(), 'login', '--endpoint', sandbox.url, '--app-key', appKey, '--app-secret', appSecret], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitForText(() => stderr, /credentialToken=/, 20_000);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      child.kill('SIGKILL');
    }
    expect(stderr).toContain('Stopped waiting for the validation.');
    expect(stderr).toContain('run `ovh-order login` to finish (the key is kept, waiting)');
    // The key waiting for validation was kept for that.
    const stored = JSON.parse(fs.readFileSync(path.join(env.OVH_ORDER_CONFIG_DIR!, 'credentials.json'), 'utf8')) as { pending: Record<string, unknown> };
    expect(Object.keys(stored.pending)).toEqual(['default']);
  });

  it('without a terminal and without values, login is a usage error (exit 2) naming the flags', async () => {
    const r = await runCli(['login'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot ask for --endpoint (or OVH_ENDPOINT), --app-key, --app-secret without a terminal');
  });

  it('a timed-out wait exits 3 and says how to finish later', async () => {
    const { appKey, appSecret } = sandbox.credentials;
    const r = await runCli(['login', '--endpoint', sandbox.url, '--app-key', appKey, '--app-secret', appSecret, '--timeout', '0.2'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/The consumer key \(requested by ovh-order login at [\d-]+ [\d:]+ UTC\) was not validated within 0\.2 s\./);
    expect(r.stderr).toContain('run `ovh-order login` to finish');
  });

  it('OVH_* variables need no login at all; with nothing anywhere, whoami exits 3 listing every place looked at', async () => {
    const withEnv = await runCli(['whoami'], {
      env: {
        ...env,
        OVH_ENDPOINT: sandbox.url,
        OVH_APPLICATION_KEY: sandbox.credentials.appKey,
        OVH_APPLICATION_SECRET: sandbox.credentials.appSecret,
        OVH_CONSUMER_KEY: sandbox.credentials.consumerKey,
      },
    });
    expect(withEnv.code).toBe(0);
    expect(withEnv.stdout).toContain('environment variables');
    const none = await runCli(['whoami'], { env });
    expect(none.code).toBe(3);
    expect(none.stdout).toContain('Works         no — No OVH API credentials found.');
    expect(none.stdout).toContain('~/.ovh.conf: not found');
  });
});
