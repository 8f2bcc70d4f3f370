// One test per rule of the HTTP failure table (src/ovh/failures-http.ts). A rule that matches OVH's
// message is tested with a message that ../shared/docs/ovh-api.md or the recorded errors in
// ../shared/fixtures/ovh show OVH sending; the sandbox's own wording is not evidence.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/ovh/failures.js';
import { HTTP_RULES, ruleFor } from '../../src/ovh/failures-http.js';
import { baseFailureContext, type Expected } from './helpers/failure-context.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = path.resolve(repoRoot, '../shared');
const haveShared = existsSync(path.join(sharedDir, 'docs/ovh-api.md'));
if (!haveShared && process.env.CI === 'true') throw new Error(`${sharedDir} is missing: the failure rules cannot be checked against the OVH documentation.`);

/** Every text OVH is documented or recorded to send: the API notes and the observed error bodies. */
function documentedTexts(): string {
  const docs = readFileSync(path.join(sharedDir, 'docs/ovh-api.md'), 'utf8');
  const observed = readFileSync(path.join(sharedDir, 'fixtures/ovh/api-errors-observed.json'), 'utf8');
  // JSON strings keep `\n` escaped; the docs quote multi-line messages the same way.
  return `${docs}\n${observed}`;
}

const base = baseFailureContext;

interface Case extends Expected {
  rule: string;
  status: number;
  /** OVH's message (`text` is what the error then says). */
  ovh?: string;
}

const cases: Case[] = [
  {
    rule: 'invalid-signature',
    status: 400,
    ovh: 'Invalid signature',
    ctx: { timeOffsetSeconds: 95 },
    kind: 'invalid-signature',
    exit: 3,
    message: /signature.*clock is 95 s behind/,
    hint: /secret.*clock/,
  },
  {
    rule: 'unauthenticated',
    status: 401,
    ovh: 'You must login first',
    kind: 'unauthenticated',
    exit: 3,
    message: /needs you to be logged in: You must login first/,
    hint: /ovh-order login/,
  },
  {
    rule: 'invalid-app-key',
    status: 403,
    ovh: 'This application key is invalid',
    kind: 'invalid-app-key',
    exit: 3,
    message: /application key/,
    hint: /https:\/\/eu\.api\.ovh\.com\/createApp\//,
  },
  {
    rule: 'invalid-credential',
    status: 403,
    ovh: 'This credential does not exist',
    kind: 'invalid-credential',
    exit: 3,
    message: /unknown, expired, revoked or not validated yet/,
    hint: /ovh-order login/,
  },
  {
    rule: 'not-granted',
    status: 403,
    ovh: 'This call has not been granted',
    ctx: { method: 'POST', route: '/order/cart/{cartId}/checkout' },
    kind: 'not-granted',
    exit: 3,
    message: /not allowed to call POST \/order\/cart\/\{cartId\}\/checkout.*access rule POST \/order\/\*/,
    hint: /ovh-order login.*POST \/order\/\*/,
  },
  {
    rule: 'checkout-not-assigned',
    status: 403,
    ovh: 'You are not allowed',
    ctx: { method: 'POST', route: '/order/cart/{cartId}/checkout' },
    kind: 'not-allowed',
    exit: 1,
    message: /not assigned to this account/,
    hint: /assign/,
  },
  {
    rule: 'cart-refused',
    status: 403,
    ovh: 'Any text',
    ctx: { method: 'POST', route: '/order/cart/{cartId}/eco' },
    kind: 'not-allowed',
    exit: 1,
    message: /POST \/order\/cart\/\{cartId\}\/eco \(403\): Any text\. The cart may already be checked out/,
    hint: /ovh-order status/,
  },
  {
    rule: 'forbidden',
    status: 403,
    ovh: 'You are not allowed',
    ctx: { route: '/me/order' },
    kind: 'not-allowed',
    exit: 1,
    message: /OVH refused GET \/me\/order \(403\): You are not allowed\.$/,
    hint: /rights changed/,
  },
  { rule: 'expired', status: 460, ovh: 'Any text', kind: 'expired', exit: 1, message: /has expired: Any text/, hint: /cart has expired; start a new order/ },
  {
    rule: 'cart-not-found',
    status: 404,
    ovh: 'The requested object (cartId = x) does not exist',
    kind: 'not-found',
    exit: 1,
    message: /Not found: GET \/order\/cart\/\{cartId\}: The requested object/,
    hint: /expire/,
  },
  {
    rule: 'order-not-found',
    status: 404,
    ctx: { route: '/me/order/{orderId}' },
    kind: 'not-found',
    exit: 1,
    message: /^Not found: GET \/me\/order\/\{orderId\}\.$/,
    hint: /No such order/,
  },
  {
    rule: 'not-found',
    status: 404,
    ovh: 'No availabilities found',
    ctx: { route: '/dedicated/server/datacenter/availabilities', queryId: 'EU.q' },
    kind: 'not-found',
    exit: 1,
    message: /Not found/,
    hint: /Check the value you gave\. OVH query id: EU\.q/,
  },
  { rule: 'conflict', status: 409, ovh: 'Any text', ctx: { method: 'POST' }, kind: 'conflict', exit: 1, message: /conflict/, hint: /current state/ },
  { rule: 'rate-limited', status: 429, ctx: { retryAfterSeconds: 12 }, kind: 'rate-limited', exit: 1, message: /429.*wait 12 s/, hint: /after 12 s/ },
  {
    rule: 'server',
    status: 500,
    ovh: 'Internal server error',
    ctx: { method: 'POST', queryId: 'EU.ext-3.abc' },
    kind: 'server',
    exit: 1,
    message: /HTTP 500\): Internal server error/,
    hint: /may have taken effect.*EU\.ext-3\.abc/,
  },
  {
    rule: 'missing-configuration',
    status: 400,
    ovh: 'Custom field dedicated_datacenter is duplicated for product 26skle01',
    kind: 'bad-request',
    exit: 1,
    message: /Custom field dedicated_datacenter/,
    hint: /configuration/,
  },
  {
    rule: 'payment-method',
    status: 400,
    ovh: 'Your preferred payment method is not valid',
    ctx: { method: 'POST' },
    kind: 'bad-request',
    exit: 1,
    message: /preferred payment method/,
    hint: /payment method in the OVH control panel/,
  },
  {
    rule: 'unknown-plan',
    status: 400,
    ovh: 'Plan code not found',
    ctx: { method: 'POST' },
    kind: 'bad-request',
    exit: 1,
    message: /Plan code not found/,
    hint: /ovh-order catalog/,
  },
  {
    rule: 'out-of-stock',
    status: 400,
    ovh: 'is not available in',
    ctx: { method: 'POST' },
    kind: 'bad-request',
    exit: 1,
    message: /is not available in/,
    hint: /out of stock/,
  },
  {
    rule: 'bad-request',
    status: 400,
    ovh: "The input provided isn't valid: 'duration' is a required property",
    kind: 'bad-request',
    exit: 1,
    message: /HTTP 400\): The input provided/,
    hint: /what it did not accept/,
  },
];

describe('the HTTP failure rules', () => {
  it.each(cases)('$rule: $status $ovh → $kind (exit $exit)', (c) => {
    const ctx = { ...base, ...c.ctx };
    expect(ruleFor(c.status, ctx.route, c.ovh).id).toBe(c.rule);
    const error = describeFailure({ error: c.status, message: c.ovh }, ctx);
    expect(error.kind).toBe(c.kind);
    expect(error.exitCode).toBe(c.exit);
    expect(error.status).toBe(c.status);
    expect(error.ovhMessage).toBe(c.ovh);
    expect(error.message).toMatch(c.message);
    expect(error.hint).toMatch(c.hint);
    expect(error.call).toBe(`${ctx.method} ${ctx.route}`);
  });

  it('has a test case for every rule', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual(HTTP_RULES.map((r) => r.id).sort());
  });

  it.skipIf(!haveShared)('matches only messages the OVH documentation or recordings show', () => {
    const texts = documentedTexts();
    for (const rule of HTTP_RULES.filter((r) => r.message)) {
      const examples = cases.filter((c) => c.rule === rule.id).map((c) => c.ovh!);
      expect(examples.length, rule.id).toBeGreaterThan(0);
      for (const example of examples) expect(texts, `${rule.id}: "${example}"`).toContain(example);
    }
  });

  it('does not trust texts only the sandbox sends: they fall to the rule of their status and route', () => {
    // src/sandbox/README.md lists these as the sandbox's own choices.
    expect(ruleFor(400, '/me', 'Query out of time').id).toBe('bad-request');
    expect(ruleFor(403, '/me', 'This credential is not valid: it is pending validation').kind).toBe('invalid-credential');
    expect(ruleFor(403, '/order/cart/{cartId}/item', 'This cart has already been validated and is read-only').id).toBe('cart-refused');
    expect(ruleFor(400, '/order/cart/{cartId}/checkout', 'Your cart is empty').id).toBe('bad-request');
  });

  it('decides by status where OVH sends no message at all', () => {
    expect(describeFailure({ error: 503 }, base)).toMatchObject({ kind: 'server', status: 503 });
    expect(describeFailure({ error: 403 }, { ...base, route: '/me' })).toMatchObject({ kind: 'not-allowed' });
    expect(describeFailure({ error: 302 }, base)).toMatchObject({ kind: 'bad-request', status: 302 });
  });
});
