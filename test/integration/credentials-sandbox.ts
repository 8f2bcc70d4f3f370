// Test support for the credential tests: what a person does on the sandbox's validation page, and
// extra consumer keys (with chosen rules) made the way `ovh-order login` makes them.
import https from 'node:https';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import type { SandboxServer } from '../../src/sandbox/index.js';
import type { AccessRule } from '../../src/flows/login-rules.js';

function send(sandbox: SandboxServer, url: string, method: 'GET' | 'POST', form?: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const request = https.request(
      url,
      {
        method,
        ca: sandbox.caPem,
        headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {},
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (c: string) => (text += c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Opens the validation page, then logs in with the account's password, as a person would. */
export async function validateLikeAPerson(sandbox: SandboxServer, validationUrl: string): Promise<void> {
  const page = await send(sandbox, validationUrl, 'GET');
  if (page.status !== 200 || !/<form/i.test(page.body)) throw new Error(`The validation page did not show a form (HTTP ${page.status}).`);
  const answer = await send(sandbox, validationUrl, 'POST', { login: sandbox.account.nichandle, password: sandbox.account.password });
  if (answer.status !== 200 && answer.status !== 302) throw new Error(`Validating failed (HTTP ${answer.status}): ${answer.body.slice(0, 200)}`);
}

/** A new consumer key for the sandbox's application, with `rules`, validated (or left pending). */
export async function newConsumerKey(sandbox: SandboxServer, rules: AccessRule[], validate = true): Promise<{ consumerKey: string; validationUrl: string }> {
  const api = new OvhApi({
    endpoint: parseEndpoint(sandbox.url),
    credentials: { kind: 'app', appKey: sandbox.credentials.appKey, appSecret: sandbox.credentials.appSecret },
    trustCaPem: sandbox.caPem,
  });
  const request = await api.requestCredential(rules);
  if (validate) sandbox.validateCredential(request.consumerKey);
  return { consumerKey: request.consumerKey, validationUrl: request.validationUrl };
}

/** Waits until `read()` matches `pattern` (polling a captured stream), or fails after `ms`. */
export async function waitForText(read: () => string, pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${pattern}; got:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
