// Authentication as OVH does it, driven through the real @ovhcloud/node-ovh client and raw HTTPS.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { randomApplicationKey, startSandbox } from '../../src/sandbox/index.js';
import { ovhClient, ovhError, raw, signed, useTrustedSandbox } from './helpers.js';

const exec = promisify(execFile);

describe('sandbox authentication', () => {
  const sb = useTrustedSandbox({ onUnknownRoute: () => {} });

  async function requestCredential(rules: Array<{ method: string; path: string }>, redirection?: string) {
    const client = ovhClient(sb, { consumerKey: undefined });
    const params: Record<string, unknown> = { accessRules: rules };
    if (redirection) params.redirection = redirection;
    return (await client.requestPromised('POST', '/auth/credential', params)) as { validationUrl: string; consumerKey: string; state: string };
  }

  it('serves /auth/time as a bare integer on the sandbox clock', async () => {
    const res = await raw(sb, 'GET', '/1.0/auth/time');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\d+$/);
    expect(Math.abs(Number(res.text) - Math.floor(sb.clock.now().getTime() / 1000))).toBeLessThanOrEqual(1);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-ovh-queryid']).toMatch(/^EU\.ext-3\.[0-9a-f]+\.\d+\.[0-9a-f-]{36}$/);
  });

  it('accepts node-ovh signed calls (URL signed without the port)', async () => {
    sb.clearLog();
    const me = (await ovhClient(sb).requestPromised('GET', '/me')) as { nichandle: string; ovhSubsidiary: string; currency: { code: string } };
    expect(me.nichandle).toBe(sb.account.nichandle);
    expect(me.ovhSubsidiary).toBe('FR');
    expect(me.currency.code).toBe('EUR');
    const call = sb.log.find((e) => e.path === '/me')!;
    expect(call).toMatchObject({ signed: true, auth: 'signature', status: 200, route: '/me' });
  });

  it('refuses a signature computed over the URL with the port', async () => {
    const res = await raw(sb, 'GET', '/1.0/me', { sign: { ...sb.credentials, host: `127.0.0.1:${sb.port}` } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ class: 'Client::BadRequest', message: 'Invalid signature' });
  });

  it('answers 400 Invalid signature for a wrong application secret', async () => {
    const err = await ovhError(ovhClient(sb, { appSecret: 'x'.repeat(32) }).requestPromised('GET', '/me'));
    expect(err).toEqual({ error: 400, message: 'Invalid signature' });
  });

  it('refuses a body that differs from the signed one', async () => {
    const ts = Math.floor(sb.clock.now().getTime() / 1000);
    const good = await raw(sb, 'POST', '/1.0/order/cart', { body: '{"ovhSubsidiary":"FR"}', sign: { ...sb.credentials, timestamp: ts } });
    expect(good.status).toBe(200);
    const res = await raw(sb, 'POST', '/1.0/order/cart', {
      body: '{"ovhSubsidiary":"GB"}',
      headers: {
        'X-Ovh-Application': sb.credentials.appKey,
        'X-Ovh-Consumer': sb.credentials.consumerKey,
        'X-Ovh-Timestamp': String(ts),
        'X-Ovh-Signature': '$1$' + '0'.repeat(40),
      },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ message: 'Invalid signature' });
  });

  it('answers 403 for an unknown application key and an unknown consumer key', async () => {
    const badApp = await ovhError(ovhClient(sb, { appKey: randomApplicationKey() }).requestPromised('GET', '/me'));
    expect(badApp).toEqual({ error: 403, message: 'This application key is invalid' });
    const badCk = await ovhError(ovhClient(sb, { consumerKey: 'Z'.repeat(32) }).requestPromised('GET', '/me'));
    expect(badCk).toEqual({ error: 403, message: 'This credential does not exist' });
  });

  it('answers 400 Query out of time for a timestamp far from the sandbox clock', async () => {
    const res = await raw(sb, 'GET', '/1.0/me', { sign: { ...sb.credentials, timestamp: Math.floor(Date.now() / 1000) - 3600 } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ message: 'Query out of time' });
  });

  it('answers 401 You must login first to an unsigned call on an authenticated route, and serves noAuth routes unsigned', async () => {
    const unsigned = ovhClient(sb, { consumerKey: undefined });
    expect(await ovhError(unsigned.requestPromised('GET', '/me'))).toEqual({ error: 401, message: 'You must login first' });
    const res = await raw(sb, 'GET', '/1.0/me');
    expect(res.json()).toEqual({ class: 'Client::Unauthorized', message: 'You must login first', errorCode: 'NOT_AUTHENTICATED' });
    const cart = (await unsigned.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    expect(cart.cartId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // node-ovh never signs /auth paths: /auth/currentCredential answers 401 to it, as on the real API.
    expect(await ovhError(ovhClient(sb).requestPromised('GET', '/auth/currentCredential'))).toMatchObject({ error: 401 });
    const current = await signed(sb, 'GET', '/1.0/auth/currentCredential');
    expect(current.json()).toMatchObject({ status: 'validated', rules: expect.arrayContaining([{ method: 'GET', path: '/*' }]) });
  });

  it('creates a pending key, refuses it until the validation form is posted, then accepts it', async () => {
    const request = await requestCredential([{ method: 'GET', path: '/me' }], 'https://example.com/done');
    expect(request.state).toBe('pendingValidation');
    expect(request.validationUrl).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${sb.port}/auth/\\?credentialToken=\\w+$`));
    const client = ovhClient(sb, { consumerKey: request.consumerKey });
    const pending = await ovhError(client.requestPromised('GET', '/me'));
    expect(pending.error).toBe(403);
    // Exactly the real answer (php-ovh#56): no "pending" wording a client could come to rely on.
    expect(pending.message).toBe('This credential is not valid');

    const url = new URL(request.validationUrl);
    const page = await raw(sb, 'GET', url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="POST"');
    expect(page.text).toContain('GET /me');

    const form = (password: string) => new URLSearchParams({ login: sb.account.nichandle, password }).toString();
    const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const wrong = await raw(sb, 'POST', url.pathname + url.search, { body: form('nope'), headers: formHeaders });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('Invalid account or password');
    expect((await ovhError(client.requestPromised('GET', '/me'))).error).toBe(403);

    const ok = await raw(sb, 'POST', url.pathname + url.search, { body: form(sb.account.password), headers: formHeaders });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('https://example.com/done');
    const me = (await client.requestPromised('GET', '/me')) as { nichandle: string };
    expect(me.nichandle).toBe(sb.account.nichandle);
    // The password never reaches the request log.
    expect(JSON.stringify(sb.log)).not.toContain(sb.account.password);
  });

  it('refuses calls outside the access rules with 403 This call has not been granted', async () => {
    const request = await requestCredential([
      { method: 'GET', path: '/me' },
      { method: 'GET', path: '/order/*' },
      { method: 'POST', path: '/order/*' },
    ]);
    sb.validateCredential(request.consumerKey);
    const client = ovhClient(sb, { consumerKey: request.consumerKey });
    await expect(client.requestPromised('GET', '/me')).resolves.toBeTruthy();
    const cart = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: 'FR' })) as { cartId: string };
    await expect(client.requestPromised('POST', `/order/cart/${cart.cartId}/assign`)).resolves.toBeNull();
    expect(await ovhError(client.requestPromised('GET', '/me/order'))).toEqual({ error: 403, message: 'This call has not been granted' });
    expect(await ovhError(client.requestPromised('DELETE', `/order/cart/${cart.cartId}`))).toEqual({ error: 403, message: 'This call has not been granted' });
    const res = await raw(sb, 'GET', '/1.0/me/order', { sign: { ...sb.credentials, consumerKey: request.consumerKey } });
    expect(res.json()).toMatchObject({ class: 'Client::Forbidden', message: 'This call has not been granted' });
  });

  it('revokes keys (revokeCredential, and POST /auth/logout signed)', async () => {
    const a = await requestCredential([
      { method: 'GET', path: '/*' },
      { method: 'POST', path: '/auth/logout' },
    ]);
    sb.validateCredential(a.consumerKey);
    const client = ovhClient(sb, { consumerKey: a.consumerKey });
    await client.requestPromised('GET', '/me');
    sb.revokeCredential(a.consumerKey);
    expect(await ovhError(client.requestPromised('GET', '/me'))).toEqual({ error: 403, message: 'This credential is not valid' });

    const b = await requestCredential([
      { method: 'GET', path: '/*' },
      { method: 'POST', path: '/auth/logout' },
    ]);
    sb.validateCredential(b.consumerKey);
    const sign = { ...sb.credentials, consumerKey: b.consumerKey };
    expect((await raw(sb, 'POST', '/1.0/auth/logout', { sign })).text).toBe('null');
    expect((await raw(sb, 'GET', '/1.0/me', { sign })).json()).toMatchObject({ message: 'This credential is not valid' });
  });

  it('requires a known application key to request a credential, and validates the body', async () => {
    const unknown = await raw(sb, 'POST', '/1.0/auth/credential', { body: '{"accessRules":[]}', headers: { 'X-Ovh-Application': randomApplicationKey() } });
    expect(unknown.status).toBe(403);
    expect(unknown.json()).toMatchObject({ message: 'This application key is invalid' });
    const missing = await raw(sb, 'POST', '/1.0/auth/credential', { body: '{}', headers: { 'X-Ovh-Application': sb.credentials.appKey } });
    expect(missing.json()).toMatchObject({ class: 'Client::BadRequest', message: "The input provided isn't valid: 'accessRules' is a required property" });
  });

  it('issues OAuth2 tokens to node-ovh 3 (client credentials) and accepts Bearer calls without signature', async () => {
    // simple-oauth2 uses its own HTTPS agent, so the client runs in a child process that trusts the CA the supported way.
    const script = `
      const ovh = require('@ovhcloud/node-ovh')({ clientID: process.env.ID, clientSecret: process.env.SECRET, tokenURL: process.env.TOKEN_URL,
        host: '127.0.0.1', port: Number(process.env.PORT), basePath: '/1.0' });
      ovh.requestPromised('GET', '/me').then((me) => console.log(JSON.stringify({ ok: me.nichandle })), (e) => console.log(JSON.stringify({ err: e })));`;
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: sb.caPath,
      ID: sb.oauth.clientId,
      SECRET: sb.oauth.clientSecret,
      TOKEN_URL: sb.tokenUrl,
      PORT: String(sb.port),
    };
    sb.clearLog();
    const { stdout } = await exec(process.execPath, ['-e', script], { env, cwd: process.cwd() });
    expect(JSON.parse(stdout)).toEqual({ ok: sb.account.nichandle });
    const token = sb.log.find((e) => e.path === '/auth/oauth2/token')!;
    expect(token).toMatchObject({ method: 'POST', status: 200, body: { grant_type: 'client_credentials', scope: 'all' } });
    expect(sb.log.find((e) => e.path === '/me')).toMatchObject({ auth: 'oauth2', signed: false, status: 200 });
    expect(JSON.stringify(sb.log)).not.toContain(sb.oauth.clientSecret);

    const wrong = await exec(process.execPath, ['-e', script], { env: { ...env, SECRET: 'wrong' }, cwd: process.cwd() });
    expect(JSON.parse(wrong.stdout).err.error).toMatchObject({ statusCode: 401, message: { error: 'invalid_client' } });
    const bearer = await raw(sb, 'GET', '/1.0/me', { headers: { Authorization: 'Bearer not-a-token' } });
    expect(bearer.status).toBe(401);
  });

  it('also takes client credentials in the token request body (form or JSON)', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'all',
      client_id: sb.oauth.clientId,
      client_secret: sb.oauth.clientSecret,
    }).toString();
    const viaForm = await raw(sb, 'POST', '/auth/oauth2/token', { body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(viaForm.status).toBe(200);
    const token = viaForm.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'all' });
    const viaJson = await raw(sb, 'POST', '/auth/oauth2/token', {
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: sb.oauth.clientId, client_secret: sb.oauth.clientSecret }),
    });
    expect(viaJson.status).toBe(200);
    const me = await raw(sb, 'GET', '/1.0/me', { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(me.status).toBe(200);
    const badGrant = await raw(sb, 'POST', '/auth/oauth2/token', {
      body: 'grant_type=password',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect([badGrant.status, (badGrant.json() as { error: string }).error]).toEqual([400, 'unsupported_grant_type']);
    // Tokens live one hour on the sandbox clock.
    sb.clock.advance(3601_000);
    expect((await raw(sb, 'GET', '/1.0/me', { headers: { Authorization: `Bearer ${token.access_token}` } })).status).toBe(401);
  });

  it('validates new keys at once with autoValidateCredentials', async () => {
    const auto = await startSandbox({ autoValidateCredentials: true, onUnknownRoute: () => {} });
    try {
      const res = await raw(auto, 'POST', '/1.0/auth/credential', {
        body: JSON.stringify({ accessRules: [{ method: 'GET', path: '/*' }] }),
        headers: { 'X-Ovh-Application': auto.credentials.appKey },
      });
      const body = res.json() as { consumerKey: string; state: string };
      expect(body.state).toBe('validated');
      expect((await raw(auto, 'GET', '/1.0/me', { sign: { ...auto.credentials, consumerKey: body.consumerKey } })).status).toBe(200);
    } finally {
      await auto.close();
    }
  });
});
