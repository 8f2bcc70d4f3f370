// The login flow with a scripted Prompter, against the HTTPS sandbox: the questions asked, the
// rules requested, the validation done on the sandbox's page, timeouts and Ctrl-C.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { OvhApi } from '../../src/ovh/api.js';
import type { Credentials } from '../../src/ovh/client.js';
import type { Endpoint } from '../../src/ovh/endpoints.js';
import { OvhApiError } from '../../src/ovh/errors.js';
import { CliError, ExitCode, InterruptedError } from '../../src/domain/errors.js';
import type { Output } from '../../src/ui/output.js';
import { runLogin, type LoginDeps, type PendingLogin } from '../../src/flows/login.js';
import { ORDERING_ACCESS_RULES } from '../../src/flows/login-rules.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';
import { validateLikeAPerson, waitForText } from '../integration/credentials-sandbox.js';

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.clearLog());

function recordingOutput(): Output & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    text: () => lines.join('\n'),
    result: (t) => lines.push(`result: ${t}`),
    json: (d) => lines.push(`json: ${JSON.stringify(d)}`),
    info: (t) => lines.push(`info: ${t}`),
    warn: (t) => lines.push(`warn: ${t}`),
    success: (t) => lines.push(`success: ${t}`),
    spin: async (label, work) => {
      lines.push(`spin: ${label}`);
      return work();
    },
  };
}

function deps(overrides: Partial<LoginDeps> = {}): LoginDeps & { output: ReturnType<typeof recordingOutput>; pendings: PendingLogin[] } {
  const pendings: PendingLogin[] = [];
  return {
    prompter: null,
    output: recordingOutput(),
    createApi: (endpoint: Endpoint, credentials: Credentials) => new OvhApi({ endpoint, credentials, trustCaPem: sandbox.caPem }),
    signal: new AbortController().signal,
    now: () => new Date(),
    waitTimeoutMs: 10_000,
    pollIntervalMs: 20,
    finishCommand: 'ovh-order login',
    onPending: (p) => pendings.push(p),
    pendings,
    ...overrides,
  } as LoginDeps & { output: ReturnType<typeof recordingOutput>; pendings: PendingLogin[] };
}

describe('interactive login', () => {
  it('asks the endpoint, the key and the secret, requests the ordering rules, and waits for the person to validate', async () => {
    const prompter = scriptedPrompter([
      { id: 'endpoint', answer: 'custom' },
      { id: 'endpoint-url', answer: sandbox.url },
      { id: 'app-key', answer: sandbox.credentials.appKey },
      { id: 'app-secret', answer: sandbox.credentials.appSecret },
    ]);
    let validation: Promise<void> | undefined;
    const d = deps({
      prompter,
      // The browser opens; the person logs in a moment later, while ovh-order is already waiting.
      openBrowser: async (url) => {
        validation = (async () => {
          await waitForText(
            () =>
              sandbox.log
                .filter((e) => e.path === '/me')
                .map((e) => String(e.status))
                .join(' '),
            /403/,
          );
          await validateLikeAPerson(sandbox, url);
        })();
      },
    });
    const result = await runLogin({}, d);
    await validation;

    expect(prompter.remaining()).toEqual([]);
    expect(prompter.asked.map((q) => `${q.kind}:${q.id}`)).toEqual(['select:endpoint', 'input:endpoint-url', 'input:app-key', 'password:app-secret']);
    expect(prompter.asked[0]!.choices!.map((c) => c.value)).toEqual(['ovh-eu', 'ovh-ca', 'ovh-us', 'custom']);
    expect(result.account).toEqual({ nichandle: sandbox.account.nichandle, ovhSubsidiary: sandbox.account.ovhSubsidiary });
    expect(result.requestedKey).toBe(true);
    expect(result.credentials.kind).toBe('app');

    // Where to create an application, the rules, and the validation URL were all said.
    const said = d.output.text();
    expect(said).toContain(`${new URL(sandbox.url).origin}/createApp/`);
    for (const rule of ORDERING_ACCESS_RULES) expect(said).toContain(`${rule.method.padEnd(6)} ${rule.path}`);
    expect(said).toMatch(/Open this page, log in with your OVHcloud account and allow access:\n {2}https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=/);
    // Secrets never shown.
    expect(said).not.toContain(sandbox.credentials.appSecret);
    if (result.credentials.kind === 'app') expect(said).not.toContain(result.credentials.consumerKey);

    // Exactly the minimal rules were requested, then GET /me until it worked.
    const request = sandbox.log.find((e) => e.method === 'POST' && e.route === '/auth/credential');
    expect((request?.body as { accessRules: unknown }).accessRules).toEqual(ORDERING_ACCESS_RULES);
    const checks = sandbox.log.filter((e) => e.path === '/me').map((e) => e.status);
    expect(checks.at(-1)).toBe(200);
    expect(checks.slice(0, -1).length).toBeGreaterThanOrEqual(1);
    expect(checks.slice(0, -1).every((status) => status === 403)).toBe(true);
    expect(d.pendings).toHaveLength(1);
  });

  it('offers the three OVHcloud APIs and a custom URL, and rejects a bad URL at the prompt', async () => {
    const prompter = scriptedPrompter([
      { id: 'endpoint', answer: 'custom' },
      { id: 'endpoint-url', answer: 'http://insecure.example/1.0' },
    ]);
    await expect(runLogin({}, deps({ prompter }))).rejects.toThrow(
      /rejected the scripted answer "http:\/\/insecure\.example\/1\.0": Invalid endpoint .*only speaks HTTPS/,
    );
  });
});

describe('waiting for the validation', () => {
  it('ends after the timeout with exit 3, saying how to finish later, and keeps the key waiting', async () => {
    const d = deps({ waitTimeoutMs: 150, pollIntervalMs: 40 });
    const error = await runLogin({ endpoint: sandbox.url, appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret }, d).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    const e = error as CliError;
    expect(e.exitCode).toBe(ExitCode.credentials);
    expect(e.code).toBe('validation_timeout');
    expect(e.message).toMatch(/^The consumer key \(requested by ovh-order login at \d{4}-\d\d-\d\d \d\d:\d\d UTC\) was not validated within 0\.2 s\.$/);
    expect(e.hint).toContain(d.pendings[0]!.validationUrl);
    expect(e.hint).toContain('run `ovh-order login` to finish');
    expect(e.hint).toContain('To request a new key instead, run `ovh-order logout` first.');
    expect(`${e.message}${e.hint}`).not.toContain(d.pendings[0]!.consumerKey);
    // It kept checking at its pace, not once and not in a busy loop.
    const checks = sandbox.log.filter((x) => x.path === '/me').length;
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(checks).toBeLessThan(20);
  });

  it('keeps waiting while OVH answers the real "This credential is not valid", and finishes once the key is validated', async () => {
    let validation: Promise<void> | undefined;
    const d = deps({
      pollIntervalMs: 20,
      onPending: (p) => {
        validation = (async () => {
          // Three refusals with the real text first: each means "not validated yet" for this key.
          await waitForText(() => String(sandbox.log.filter((e) => e.path === '/me' && e.status === 403).length), /^[3-9]|\d\d/);
          await validateLikeAPerson(sandbox, p.validationUrl);
        })();
      },
    });
    const result = await runLogin({ endpoint: sandbox.url, appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret }, d);
    await validation;
    expect(result.account.nichandle).toBe(sandbox.account.nichandle);
    expect(sandbox.log.filter((e) => e.path === '/me' && e.status === 403).length).toBeGreaterThanOrEqual(3);
  });

  it('when the wait ends on another refusal, names the key as the one login requested, not a flag', async () => {
    // The person validated, but the key cannot call GET /me: a refusal that waiting will not cure.
    sandbox.addFault({ method: 'GET', route: '/me', kind: 'status', status: 403, message: 'This call has not been granted', times: Infinity });
    try {
      const error = (await runLogin({ endpoint: sandbox.url, appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret }, deps()).catch(
        (e: unknown) => e,
      )) as CliError;
      expect(error.exitCode).toBe(ExitCode.credentials);
      expect(error.message).toMatch(/^The consumer key \(requested by ovh-order login at [\d-]+ [\d:]+ UTC\) is not allowed to call GET \/me/);
      expect(error.message).not.toContain('--consumer-key');
    } finally {
      sandbox.clearFaults();
    }
  });

  it('Ctrl-C ends it with exit 130 and the same way to finish', async () => {
    const controller = new AbortController();
    const d = deps({
      signal: controller.signal,
      waitTimeoutMs: 60_000,
      pollIntervalMs: 30_000,
      onPending: () => void setTimeout(() => controller.abort(), 50),
    });
    const error = (await runLogin({ endpoint: sandbox.url, appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret }, d).catch(
      (e: unknown) => e,
    )) as CliError;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(error.message).toBe('Stopped waiting for the validation.');
    expect(error.hint).toMatch(/Once you have allowed access at https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\S+, run `ovh-order login` to finish/);
  });

  it('a resumed login waits for the stored key and finishes once it is validated', async () => {
    const first = deps({ waitTimeoutMs: 0 });
    await runLogin({ endpoint: sandbox.url, appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret }, first).catch(() => undefined);
    const pending = first.pendings[0]!;
    await validateLikeAPerson(sandbox, pending.validationUrl);
    const second = deps();
    const result = await runLogin({ resume: pending }, second);
    expect(result.account.nichandle).toBe(sandbox.account.nichandle);
    expect(result.credentials).toMatchObject({ kind: 'app', consumerKey: pending.consumerKey });
    expect(sandbox.log.filter((e) => e.route === '/auth/credential')).toHaveLength(1);
  });
});

describe('non-interactive forms', () => {
  it('with a consumer key: checks it with GET /me and asks nothing', async () => {
    const result = await runLogin({ endpoint: sandbox.url, ...sandbox.credentials }, deps({ prompter: scriptedPrompter([]) }));
    expect(result).toMatchObject({ requestedKey: false, account: { nichandle: sandbox.account.nichandle } });
    expect(sandbox.log.map((e) => `${e.method} ${e.route}`)).not.toContain('POST /auth/credential');
  });

  it('OAuth2 client credentials: checked with GET /me', async () => {
    const result = await runLogin({ endpoint: sandbox.url, ...sandbox.oauth }, deps());
    expect(result.credentials).toEqual({ kind: 'oauth2', ...sandbox.oauth });
    expect(sandbox.log.find((e) => e.path === '/me')?.auth).toBe('oauth2');
  });

  it('a value missing with nobody to ask is a usage error naming the flag', async () => {
    await expect(runLogin({ endpoint: sandbox.url, appKey: 'x' }, deps())).rejects.toThrow('Missing --app-secret: it cannot be asked without a terminal.');
  });

  it('an unknown application key points to the createApp page (exit 3)', async () => {
    const error = (await runLogin({ endpoint: sandbox.url, appKey: 'notAnAppKey0000', appSecret: 'whatever' }, deps()).catch((e: unknown) => e)) as OvhApiError;
    expect(error).toBeInstanceOf(OvhApiError);
    expect(error.kind).toBe('invalid-app-key');
    expect(error.exitCode).toBe(ExitCode.credentials);
    expect(error.hint).toContain(`${new URL(sandbox.url).origin}/createApp/`);
  });
});
