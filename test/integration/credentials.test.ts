// `login`, `whoami`, `logout` and credential resolution through main(argv, ctx), in-process,
// against the HTTPS sandbox. Each test has its own HOME and config directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openSession } from '../../src/cli/session.js';
import { renderError } from '../../src/cli/render-error.js';
import { login } from '../../src/cli/actions/login.js';
import { ProfileStore } from '../../src/config/profiles.js';
import { ORDERING_ACCESS_RULES } from '../../src/flows/login-rules.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';
import { newConsumerKey, validateLikeAPerson, waitForText } from './credentials-sandbox.js';

let sandbox: SandboxServer;
let home: { HOME: string; OVH_ORDER_CONFIG_DIR: string };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-cred-'));
  home = { HOME: dir, OVH_ORDER_CONFIG_DIR: path.join(dir, 'config') };
  sandbox.clearLog();
  sandbox.clearFaults();
});

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function context(options: RunOptions = {}): TestContext {
  return createTestContext({
    env: { ...home, NODE_EXTRA_CA_CERTS: sandbox.caPath, OVH_ORDER_LOGIN_POLL_MS: '20', ...options.env },
    cwd: options.cwd ?? home.HOME,
  });
}

async function cli(args: string[], options: RunOptions = {}) {
  const ctx = context(options);
  const code = await main(args, ctx);
  return { code, stdout: ctx.stdout.text(), stderr: ctx.stderr.text(), all: ctx.stdout.text() + ctx.stderr.text() };
}

const U = () => sandbox.url;
const K = () => sandbox.credentials;
const credentialsFile = () => path.join(home.OVH_ORDER_CONFIG_DIR, 'credentials.json');
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const whoamiJson = async (args: string[] = [], options: RunOptions = {}) => {
  const r = await cli(['whoami', '--json', ...args], options);
  return {
    ...r,
    report: JSON.parse(r.stdout) as Record<string, unknown> & {
      credentials: Record<string, unknown>;
      problem?: { code: string; message: string; hint: string };
    },
  };
};
const loginWithKey = () => cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--consumer-key', K().consumerKey]);

describe('login', () => {
  it('interactive: scripted prompts, validation on the sandbox page, stored 0600; then whoami shows the account', async () => {
    const ctx = context();
    const prompter = scriptedPrompter([
      { id: 'endpoint', answer: 'custom' },
      { id: 'endpoint-url', answer: U() },
      { id: 'app-key', answer: K().appKey },
      { id: 'app-secret', answer: K().appSecret },
    ]);
    let validation: Promise<void> | undefined;
    const code = await login(
      ctx,
      { timeout: 30 },
      { prompter, pollIntervalMs: 20, openBrowser: async (url) => void (validation = validateLikeAPerson(sandbox, url)) },
    );
    await validation;
    expect(code).toBe(0);
    expect(prompter.remaining()).toEqual([]);
    const stored = new ProfileStore(ctx.env).get('default');
    expect(stored).toMatchObject({
      kind: 'app',
      endpoint: U(),
      appKey: K().appKey,
      nichandle: sandbox.account.nichandle,
      defaultSubsidiary: sandbox.account.ovhSubsidiary,
    });
    expect(mode(credentialsFile())).toBe(0o600);
    expect(mode(home.OVH_ORDER_CONFIG_DIR)).toBe(0o700);
    expect(ctx.stdout.text()).toBe(`Logged in as ${sandbox.account.nichandle} (${sandbox.account.ovhSubsidiary}) on ${U()}, profile default.\n`);
    expect(ctx.stderr.text()).not.toContain(K().appSecret);

    const who = await cli(['whoami']);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`Account       ${sandbox.account.nichandle}`);
    expect(who.stdout).toContain(`Subsidiary    ${sandbox.account.ovhSubsidiary}`);
    expect(who.stdout).toContain('Works         yes');
  });

  it('--app-key --app-secret --consumer-key: checked with /me and stored, nothing asked', async () => {
    const r = await loginWithKey();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Logged in as ${sandbox.account.nichandle} (subsidiary ${sandbox.account.ovhSubsidiary})`);
    expect(sandbox.log.map((e) => e.route)).not.toContain('/auth/credential');
    expect(new ProfileStore(home).get('default')).toMatchObject({ consumerKey: K().consumerKey });
  });

  it('--app-key --app-secret: requests a key, prints the URL, waits, and stores it once validated', async () => {
    const ctx = context();
    const done = main(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret], ctx);
    const [url] = await waitForText(() => ctx.stderr.text(), /https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\S+/);
    await waitForText(
      () =>
        sandbox.log
          .filter((e) => e.path === '/me')
          .map((e) => e.status)
          .join(' '),
      /403/,
    );
    await validateLikeAPerson(sandbox, url);
    expect(await done).toBe(0);
    const stored = new ProfileStore(home).get('default');
    expect(stored?.kind === 'app' && stored.consumerKey).not.toBe(K().consumerKey);
    expect(ctx.stderr.text()).toContain('GET    /me/*');
    expect((await whoamiJson()).report.works).toBe(true);
  });

  it('--client-id --client-secret: an OAuth2 service account, checked with /me', async () => {
    const r = await cli(['login', '--endpoint', U(), '--client-id', sandbox.oauth.clientId, '--client-secret', sandbox.oauth.clientSecret, '--profile', 'ci']);
    expect(r.code).toBe(0);
    expect(sandbox.log.find((e) => e.path === '/me')?.auth).toBe('oauth2');
    const { report, code, all } = await whoamiJson(['--profile', 'ci']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ source: 'profile:ci', works: true, credentials: { kind: 'oauth2', clientId: `${sandbox.oauth.clientId.slice(0, 4)}…` } });
    expect(all).not.toContain(sandbox.oauth.clientSecret);
  });

  it('without a terminal, missing values are a usage error listing the flags (exit 2)', async () => {
    const r = await cli(['login']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ovh-order login cannot ask for --endpoint (or OVH_ENDPOINT), --app-key, --app-secret without a terminal.');
    expect(r.stderr).toContain('--client-id ID --client-secret SECRET');
  });

  it('a timed-out login is finished later by `ovh-order login`, after validating the URL', async () => {
    const first = await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--timeout', '0.1']);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/The consumer key \(requested by ovh-order login at [\d-]+ [\d:]+ UTC\) was not validated within 0\.1 s\./);
    const url = first.stderr.match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\S+?(?=,|\s)/)![0];
    expect(first.stderr).toContain('run `ovh-order login` to finish');
    await validateLikeAPerson(sandbox, url);
    const second = await cli(['login']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('is waiting for your validation');
    expect(sandbox.log.filter((e) => e.route === '/auth/credential')).toHaveLength(1);
    expect((await whoamiJson()).report).toMatchObject({ works: true, source: 'profile:default' });
  });

  it('the same login command run again resumes the key it requested, not a new one; another application key starts over', async () => {
    const args = ['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--timeout', '0.1'];
    const first = await cli(args);
    expect(first.code).toBe(3);
    const again = await cli(args);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('is waiting for your validation');
    expect(sandbox.log.filter((e) => e.route === '/auth/credential')).toHaveLength(1);
    // Another application key is another login: it asks OVH for a key of its own (refused here: unknown).
    const other = await cli(['login', '--endpoint', U(), '--app-key', 'unknownAppKey00', '--app-secret', 'x', '--timeout', '0.1']);
    expect(other.code).toBe(3);
    expect(sandbox.log.filter((e) => e.route === '/auth/credential')).toHaveLength(2);
    const url = again.stderr.match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\S+?(?=,|\s)/)![0];
    await validateLikeAPerson(sandbox, url);
    expect((await cli(args)).code).toBe(0);
    expect(sandbox.log.filter((e) => e.route === '/auth/credential')).toHaveLength(2);
  });
});

describe('finishing a login later', () => {
  it('interactive: offers to keep waiting for the key requested earlier', async () => {
    const first = await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--timeout', '0']);
    expect(first.code).toBe(3);
    const url = first.stderr.match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=[^\s,]+/)![0];
    const ctx = context();
    const prompter = scriptedPrompter([{ id: 'resume', answer: true }]);
    let validation: Promise<void> | undefined;
    const code = await login(
      ctx,
      { timeout: 30 },
      { prompter, pollIntervalMs: 20, openBrowser: async (u) => void (validation = validateLikeAPerson(sandbox, u)) },
    );
    await validation;
    expect(code).toBe(0);
    expect(prompter.asked[0]?.message).toMatch(/is waiting for validation\. Wait for it\?$/);
    expect(ctx.stderr.text()).toContain(url);
    expect(new ProfileStore(home).getPending('default')).toBeUndefined();
  });

  it('whoami notices a key validated since, and stores it as the profile', async () => {
    const first = await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--timeout', '0']);
    const url = first.stderr.match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=[^\s,]+/)![0];
    await validateLikeAPerson(sandbox, url);
    const who = await cli(['whoami']);
    expect(who.code).toBe(0);
    expect(who.stderr).toContain('The consumer key has been validated; saved as profile "default"');
    expect(new ProfileStore(home).get('default')).toMatchObject({
      kind: 'app',
      nichandle: sandbox.account.nichandle,
      defaultSubsidiary: sandbox.account.ovhSubsidiary,
    });
  });
});

describe('--sandbox', () => {
  it('needs no account: whoami uses the built-in sandbox and says so', async () => {
    // One process can trust only one "ovh-order sandbox CA" (same subject name): have --sandbox reuse
    // the test sandbox's certificate directory, as it reuses its own from one run to the next.
    fs.cpSync(path.dirname(sandbox.caPath), path.join(home.OVH_ORDER_CONFIG_DIR, 'sandbox'), { recursive: true });
    fs.chmodSync(home.OVH_ORDER_CONFIG_DIR, 0o700);
    const r = await cli(['whoami', '--sandbox', '--json', '--debug']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'sandbox', works: true, credentials: { kind: 'app' } });
    expect(r.stderr).toContain('[debug] credentials: sandbox');
    expect(mode(path.join(home.OVH_ORDER_CONFIG_DIR, 'sandbox'))).toBe(0o700);
  });
});

describe('precedence: flags > environment > profile > ovh.conf', () => {
  const broken = { OVH_APPLICATION_SECRET: 'wrongsecret', OVH_CONSUMER_KEY: 'doesnotexist0000000000000000000' };

  it('flags over environment: login uses --app-key/--consumer-key even with other OVH_* set; --endpoint beats OVH_ENDPOINT', async () => {
    const env = { ...broken, OVH_APPLICATION_KEY: 'envAppKey000000', OVH_ENDPOINT: 'https://127.0.0.1:9/1.0' };
    const r = await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--consumer-key', K().consumerKey], { env });
    expect(r.code).toBe(0);
    expect(new ProfileStore(home).get('default')).toMatchObject({ endpoint: U(), appKey: K().appKey, consumerKey: K().consumerKey });
    expect(r.stderr).toContain('take precedence over the stored profile');
  });

  it('environment over profile', async () => {
    expect((await loginWithKey()).code).toBe(0);
    // The profile works; a broken environment still wins, and says so.
    const envBroken = await whoamiJson([], { env: { ...broken, OVH_APPLICATION_KEY: K().appKey, OVH_ENDPOINT: U() } });
    expect(envBroken.report).toMatchObject({ source: 'environment', works: false });
    expect(envBroken.code).toBe(3);
    const extra = await newConsumerKey(sandbox, [{ method: 'GET', path: '/me' }]);
    const envGood = await whoamiJson([], {
      env: { OVH_ENDPOINT: U(), OVH_APPLICATION_KEY: K().appKey, OVH_APPLICATION_SECRET: K().appSecret, OVH_CONSUMER_KEY: extra.consumerKey },
    });
    // GET /me works, but a key that may only call GET /me cannot order: whoami says which rules it lacks.
    expect(envGood.report).toMatchObject({
      source: 'environment',
      works: false,
      nichandle: sandbox.account.nichandle,
      credentials: { consumerKey: `${extra.consumerKey.slice(0, 4)}…` },
    });
    expect(envGood.code).toBe(3);
    expect(envGood.report.problem).toMatchObject({
      code: 'missing_rules',
      message: expect.stringContaining('POST /order/* (creating, filling and checking out carts)'),
    });
    expect(envGood.report.problem!.message).not.toContain('GET /me,');
    expect(envGood.report.rules).toMatchObject({ granted: [{ method: 'GET', path: '/me' }] });
  });

  it('profile over ovh.conf', async () => {
    fs.writeFileSync(
      path.join(home.HOME, 'ovh.conf'),
      `[default]\nendpoint=${U()}\n[${U()}]\napplication_key=${K().appKey}\napplication_secret=wrongsecret\nconsumer_key=${K().consumerKey}\n`,
      { mode: 0o600 },
    );
    expect((await whoamiJson()).report).toMatchObject({ source: `ovh.conf:${path.join(home.HOME, 'ovh.conf')}`, works: false });
    expect((await loginWithKey()).code).toBe(0);
    expect((await whoamiJson()).report).toMatchObject({ source: 'profile:default', works: true });
  });

  it('ovh.conf alone needs no login; ./ovh.conf over ~/.ovh.conf', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-cwd-'));
    const good = `[default]\nendpoint=${U()}\n[${U()}]\napplication_key=${K().appKey}\napplication_secret=${K().appSecret}\nconsumer_key=${K().consumerKey}\n`;
    fs.writeFileSync(path.join(home.HOME, '.ovh.conf'), good, { mode: 0o600 });
    const fromHome = await whoamiJson([], { cwd });
    expect(fromHome.report).toMatchObject({ source: `ovh.conf:${path.join(home.HOME, '.ovh.conf')}`, works: true, nichandle: sandbox.account.nichandle });
    fs.writeFileSync(path.join(cwd, 'ovh.conf'), good.replace(K().appSecret, 'wrongsecret'), { mode: 0o600 });
    const fromCwd = await whoamiJson([], { cwd });
    expect(fromCwd.report).toMatchObject({ source: `ovh.conf:${path.join(cwd, 'ovh.conf')}`, works: false });
  });

  it('--profile picks one of several stored profiles', async () => {
    expect((await loginWithKey()).code).toBe(0);
    const r = await cli([
      'login',
      '--endpoint',
      U(),
      '--client-id',
      sandbox.oauth.clientId,
      '--client-secret',
      sandbox.oauth.clientSecret,
      '--profile',
      'robot',
    ]);
    expect(r.code).toBe(0);
    expect((await whoamiJson()).report.credentials.kind).toBe('app');
    expect((await whoamiJson(['--profile', 'robot'])).report.credentials.kind).toBe('oauth2');
  });
});

describe("whoami names what it used and checks the key's rules", () => {
  it('OAuth2 from OVH_CLIENT_ID / OVH_CLIENT_SECRET: names those variables, not OVH_APPLICATION_KEY', async () => {
    const r = await cli(['whoami'], { env: { OVH_ENDPOINT: U(), OVH_CLIENT_ID: sandbox.oauth.clientId, OVH_CLIENT_SECRET: sandbox.oauth.clientSecret } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Credentials {3}environment variables OVH_CLIENT_ID, OVH_CLIENT_SECRET, OVH_ENDPOINT$/m);
    expect(r.stdout).not.toContain('OVH_APPLICATION_KEY');
    const json = await whoamiJson([], { env: { OVH_ENDPOINT: U(), OVH_CLIENT_ID: sandbox.oauth.clientId, OVH_CLIENT_SECRET: sandbox.oauth.clientSecret } });
    expect(json.report).toMatchObject({ variables: ['OVH_CLIENT_ID', 'OVH_CLIENT_SECRET', 'OVH_ENDPOINT'], works: true, rules: null });
  });

  it("a key with every ordering rule works; one without only `logout --revoke`'s rule still works, with a note", async () => {
    const env = (consumerKey: string) => ({
      env: { OVH_ENDPOINT: U(), OVH_APPLICATION_KEY: K().appKey, OVH_APPLICATION_SECRET: K().appSecret, OVH_CONSUMER_KEY: consumerKey },
    });
    const full = await newConsumerKey(sandbox, [...ORDERING_ACCESS_RULES]);
    const ok = await cli(['whoami'], env(full.consumerKey));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Credentials {3}environment variables OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY, OVH_ENDPOINT$/m);
    expect(ok.stdout).toMatch(/^Works {9}yes$/m);
    expect(ok.stdout).toContain(`every rule ordering needs (${ORDERING_ACCESS_RULES.length} granted)`);
    const noLogout = await newConsumerKey(
      sandbox,
      ORDERING_ACCESS_RULES.filter((r) => r.path !== '/auth/logout'),
    );
    const side = await cli(['whoami'], env(noLogout.consumerKey));
    expect(side.code).toBe(0);
    expect(side.stdout).toMatch(/^Works {9}yes$/m);
    expect(side.stdout).toContain('no POST /auth/logout: ordering works; `ovh-order logout --revoke` does not');
  });
});

describe('storage', () => {
  it('a stored file readable by others is reported and fixed', async () => {
    expect((await loginWithKey()).code).toBe(0);
    fs.chmodSync(credentialsFile(), 0o644);
    const r = await cli(['whoami']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/credentials\.json was readable by other users \(mode 0644\); it is now 0600/);
    expect(mode(credentialsFile())).toBe(0o600);
  });
});

describe('masking', () => {
  it('whoami shows at most 4 characters of each key; no secret in output, even with --debug', async () => {
    expect((await loginWithKey()).code).toBe(0);
    const human = await cli(['whoami']);
    expect(human.stdout).toContain(`Keys          application key ${K().appKey.slice(0, 4)}…, consumer key ${K().consumerKey.slice(0, 4)}…`);
    const debug = await cli(['whoami', '--debug']);
    expect(debug.code).toBe(0);
    expect(debug.stderr).toContain('[debug] credentials: profile:default (application key');
    expect(debug.stderr).toMatch(/\[debug\] → GET \/me/);
    for (const r of [human, debug]) {
      expect(r.all).not.toContain(K().appSecret);
      expect(r.all).not.toContain(K().consumerKey);
    }
  });
});

describe('logout', () => {
  it('removes the stored profile; the key still works elsewhere', async () => {
    expect((await loginWithKey()).code).toBe(0);
    const r = await cli(['logout']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(credentialsFile())).toBe(false);
    expect((await whoamiJson()).report.source).toBe('none');
  });

  it('--revoke revokes the consumer key on OVH first: it no longer works', async () => {
    // A key with exactly the rules `ovh-order login` asks for.
    const { consumerKey } = await newConsumerKey(sandbox, [...ORDERING_ACCESS_RULES]);
    expect((await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--consumer-key', consumerKey])).code).toBe(0);
    const r = await cli(['logout', '--revoke']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('consumer key revoked');
    expect(new ProfileStore(home).get('default')).toBeUndefined();
    const after = await whoamiJson([], {
      env: { OVH_ENDPOINT: U(), OVH_APPLICATION_KEY: K().appKey, OVH_APPLICATION_SECRET: K().appSecret, OVH_CONSUMER_KEY: consumerKey },
    });
    expect(after.code).toBe(3);
    expect(after.report.problem?.code).toBe('ovh_invalid_credential');
  });
});

describe('errors a person will meet (exit 3, with a hint)', () => {
  const env = (ck: string, secret = K().appSecret, appKey = K().appKey) => ({
    OVH_ENDPOINT: U(),
    OVH_APPLICATION_KEY: appKey,
    OVH_APPLICATION_SECRET: secret,
    OVH_CONSUMER_KEY: ck,
  });

  it('invalid application key: points to createApp', async () => {
    const r = await cli(['login', '--endpoint', U(), '--app-key', 'unknownAppKey00', '--app-secret', 'x']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/The application key \(from --app-key on the command line\) is not valid on https:\/\/127\.0\.0\.1:\d+\/1\.0/);
    expect(r.stderr).toContain(`Create an application at ${new URL(U()).origin}/createApp/`);
  });

  it('key pending validation: prints the validation URL again', async () => {
    const first = await cli(['login', '--endpoint', U(), '--app-key', K().appKey, '--app-secret', K().appSecret, '--timeout', '0']);
    expect(first.code).toBe(3);
    const url = first.stderr.match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=[^\s,]+/)![0];
    const { code, report } = await whoamiJson();
    expect(code).toBe(3);
    expect(report.problem?.message).toMatch(/^The consumer key \(from profile "default" in .*\) is waiting for validation/);
    expect(report.problem?.hint).toContain(`Open ${url}, log in and allow access`);
  });

  it('"This credential does not exist": run ovh-order login', async () => {
    const { code, stdout, stderr } = await cli(['whoami'], { env: env('0000doesnotexist0000000000000000') });
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /Works {9}no — The consumer key \(from OVH_CONSUMER_KEY in the environment\) is not valid on .*: it does not exist, has expired or was revoked\./,
    );
    expect(stderr).toContain('Run `ovh-order login` to get a new one.');
  });

  it('"This call has not been granted": names the call and the missing rule', async () => {
    const { consumerKey } = await newConsumerKey(sandbox, [{ method: 'GET', path: '/me' }]);
    const ctx = context({ env: env(consumerKey) });
    const session = await openSession(ctx, { needAccount: true });
    const error = await session.api.listCarts().catch((e: unknown) => e);
    expect(renderError(error, ctx)).toBe(3);
    expect(ctx.stderr.text()).toContain('is not allowed to call GET /order/cart');
    expect(ctx.stderr.text()).toContain('it lacks the access rule GET /order/*');
    expect(ctx.stderr.text()).toContain('Run `ovh-order login` again');
  });

  it('invalid signature: says the secret may be wrong and which source it came from', async () => {
    const { code, report } = await whoamiJson([], { env: env(K().consumerKey, 'thisIsNotTheSecret000000000000') });
    expect(code).toBe(3);
    expect(report.problem?.message).toMatch(/OVH rejected the request signature for GET \/me/);
    expect(report.problem?.hint).toContain('it came from OVH_APPLICATION_SECRET in the environment');
    expect(report.problem?.hint).toMatch(/clock/);
  });

  it('no credentials at all: every place looked at', async () => {
    const ctx = context();
    const error = await openSession(ctx, { needAccount: true }).catch((e: unknown) => e);
    expect(renderError(error, ctx)).toBe(3);
    const text = ctx.stderr.text();
    expect(text).toContain('No OVH API credentials found. Looked at:');
    expect(text).toContain('environment: none of OVH_APPLICATION_KEY');
    expect(text).toMatch(/profile "default" in .*credentials\.json: not found/);
    expect(text).toContain(`${path.join(home.HOME, 'ovh.conf')}`.replace(home.HOME, '~'));
    expect(text).toContain('~/.ovh.conf: not found');
    expect(text).toContain('/etc/ovh.conf');
    expect(text).toContain('Run `ovh-order login`');
    const who = await cli(['whoami']);
    expect(who.code).toBe(3);
    expect(who.stdout).toContain('Looked at');
  });

  it('an application key without a consumer key: commands that need the account say how to get one', async () => {
    fs.writeFileSync(
      path.join(home.HOME, '.ovh.conf'),
      `[default]\nendpoint=${U()}\n[${U()}]\napplication_key=${K().appKey}\napplication_secret=${K().appSecret}\n`,
      { mode: 0o600 },
    );
    const ctx = context();
    const error = await openSession(ctx, { needAccount: true }).catch((e: unknown) => e);
    expect(renderError(error, ctx)).toBe(3);
    expect(ctx.stderr.text()).toContain('The application key from ~/.ovh.conf has no consumer key');
    expect(ctx.stderr.text()).toContain('Run `ovh-order login` to request one');
  });

  it('commands that need no account keep working without credentials (unsigned calls)', async () => {
    const session = await openSession(context({ env: { OVH_ENDPOINT: U() } }), { needAccount: false });
    expect(session.source).toBe('none');
    const catalog = await session.api.getPublicCatalog('eco', 'FR');
    expect(catalog).toBeTruthy();
    expect(sandbox.log.every((e) => !e.signed)).toBe(true);
  });
});

describe('clock', () => {
  it('caches the /auth/time offset between commands, and warns about a skew over 30 s naming it', async () => {
    expect((await loginWithKey()).code).toBe(0);
    sandbox.clearLog();
    expect((await cli(['whoami'])).code).toBe(0);
    expect(sandbox.log.map((e) => e.path)).not.toContain('/auth/time');
  });

  it('warns about a clock skew over 30 s, naming the offset', async () => {
    // A sandbox of its own (its clock only moves forward), under the same CA as the main one.
    const skewed = await startSandbox({ certDir: path.dirname(sandbox.caPath) });
    try {
      skewed.clock.advance(120_000);
      const env = {
        OVH_ENDPOINT: skewed.url,
        OVH_APPLICATION_KEY: skewed.credentials.appKey,
        OVH_APPLICATION_SECRET: skewed.credentials.appSecret,
        OVH_CONSUMER_KEY: skewed.credentials.consumerKey,
        NODE_EXTRA_CA_CERTS: skewed.caPath,
      };
      const r = await cli(['whoami'], { env });
      expect(r.stderr).toMatch(/This machine's clock is 1[12]\d s behind the OVH API's/);
      expect(r.code).toBe(0);
    } finally {
      await skewed.close();
    }
  });
});
