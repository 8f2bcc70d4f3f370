// `ovh-order status` without an id: the journal's recent orders, with unresolved checkouts looked
// up again (reads only) against the HTTPS sandbox. In-process, through the real session.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/config/journal.js';
import { InterruptedError } from '../../src/domain/errors.js';
import type { OrderedThing } from '../../src/domain/journal.js';
import { openSession } from '../../src/cli/session.js';
import { checkoutHooksFor, journalEndpointOf, runJournalStatus } from '../../src/cli/order-journal.js';
import { checkout } from '../../src/flows/checkout.js';
import { createOutput } from '../../src/ui/terminal-output.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { readyCart, sandboxApi } from './helpers/sandbox-cart.js';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

const MINUTE = 60_000;

function context(options: { loggedIn?: boolean; json?: boolean; now?: () => Date } = {}): TestContext {
  const credentials =
    options.loggedIn === false
      ? {}
      : {
          OVH_APPLICATION_KEY: sandbox.credentials.appKey,
          OVH_APPLICATION_SECRET: sandbox.credentials.appSecret,
          OVH_CONSUMER_KEY: sandbox.credentials.consumerKey,
        };
  const ctx = createTestContext({ env: { NODE_EXTRA_CA_CERTS: sandbox.caPath, ...credentials }, now: options.now });
  ctx.globals.endpoint = sandbox.url;
  ctx.globals.json = options.json === true;
  return ctx;
}

function statusDeps(ctx: TestContext) {
  const output = createOutput(ctx);
  return { output, openSession: () => openSession(ctx, { needAccount: true, output }) };
}

const thing = (planCode: string): OrderedThing => ({
  range: 'eco',
  planCode,
  options: [],
  datacenter: 'gra',
  quantity: 1,
  duration: 'P1M',
  pricingMode: 'default',
});

describe('ovh-order status without an id', () => {
  it('says the journal is empty (exit 0), and prints an empty list under --json', async () => {
    const ctx = context();
    expect(await runJournalStatus(ctx, statusDeps(ctx))).toBe(0);
    expect(ctx.stderr.text()).toMatch(/No orders in the journal yet/);
    expect(ctx.stdout.text()).toBe('');

    const json = context({ json: true });
    expect(await runJournalStatus(json, statusDeps(json))).toBe(0);
    expect(JSON.parse(json.stdout.text())).toMatchObject({ entries: [], rechecked: [] });
  });

  it('lists recent orders newest first, and looks up the checkouts whose outcome was never recorded', async () => {
    const api = sandboxApi(sandbox);
    const subsidiary = sandbox.account.ovhSubsidiary;
    const ctx = context();
    const endpoint = sandbox.url;
    // Written ten minutes ago, as by runs that crashed mid-checkout:
    const past = openJournal(ctx.env, { now: () => new Date(Date.now() - 10 * MINUTE) });
    const open = await readyCart(api, subsidiary); // never checked out
    const done = await readyCart(api, subsidiary); // checked out, answer never recorded
    const placed = await api.checkout(done.cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    const a = past.beginCheckout({ cartId: open.cartId, endpoint, subsidiary, what: open.what });
    const b = past.beginCheckout({ cartId: done.cartId, endpoint, subsidiary, what: { ...done.what, quantity: 1 } });
    const older = past.beginCheckout({ cartId: 'old-cart', endpoint, what: thing('24sk30') });
    past.recordOrder(older.id, { orderId: 111, url: 'https://example.test/111' });

    expect(await runJournalStatus(ctx, statusDeps(ctx))).toBe(0);

    const journal = openJournal(ctx.env);
    expect(journal.get(a.id)).toMatchObject({ state: 'not-ordered', recovered: true });
    expect(journal.get(b.id)).toMatchObject({ state: 'ordered', orderId: placed.orderId, recovered: true });
    const table = ctx.stdout.text();
    expect(table).toMatch(/Started\s+Server\s+Order\s+Outcome\s+Cart/);
    const rows = ['old-cart', done.cartId, open.cartId].map((cartId) => table.indexOf(cartId));
    expect(rows.every((i) => i > 0)).toBe(true);
    expect([...rows].sort((x, y) => x - y)).toEqual(rows); // newest first
    expect(table).toContain(String(placed.orderId));
    expect(table).toContain('111');
    const err = ctx.stderr.text();
    expect(err).toContain(`Cart ${open.cartId}: not ordered`);
    expect(err).toContain(`Cart ${done.cartId}: ordered (found after the answer was lost) (order ${placed.orderId})`);
    // The order found after a lost answer still blocks a repeat, and the listing says so.
    expect(err).toMatch(new RegExp(`Order ${placed.orderId} was found after the answer to its checkout was lost.*--force`));
  });

  it('under --json prints one document with every entry and whether it blocks a repeat', async () => {
    const ctx = context({ json: true });
    const journal = openJournal(ctx.env);
    const e = journal.beginCheckout({ cartId: 'c-json', endpoint: 'https://eu.api.ovh.com/1.0', what: thing('24sk10') });
    journal.recordOutcome(e.id, 'unknown', 'answer lost');
    expect(await runJournalStatus(ctx, statusDeps(ctx))).toBe(0);
    const doc = JSON.parse(ctx.stdout.text());
    expect(doc.entries).toEqual([expect.objectContaining({ cartId: 'c-json', state: 'unknown', unresolved: true, note: 'answer lost' })]);
    // Another API's entry is not looked up with this session.
    expect(doc.rechecked).toEqual([]);
  });

  it('Ctrl-C ends the wait for a journal locked by another run, well before the lock wait runs out (issue 13, point 8)', async () => {
    const api = sandboxApi(sandbox);
    const ctx = context();
    const journal = openJournal(ctx.env, { now: () => new Date(Date.now() - 10 * MINUTE) });
    const open = await readyCart(api, sandbox.account.ovhSubsidiary);
    const entry = journal.beginCheckout({ cartId: open.cartId, endpoint: sandbox.url, subsidiary: sandbox.account.ovhSubsidiary, what: open.what });
    // A live process (this one) holds the lock: the lookup's result cannot be written until it goes.
    fs.writeFileSync(`${journal.path}.lock`, `${process.pid} another-run ${new Date().toISOString()}\n`);
    const started = Date.now();
    setTimeout(() => ctx.interrupt.abort(new InterruptedError()), 300); // as main.ts does on SIGINT
    try {
      const outcome = await runJournalStatus(ctx, statusDeps(ctx)).then(
        (code) => ({ code }),
        (error: unknown) => ({ error }),
      );
      expect(outcome).toMatchObject({ error: expect.objectContaining({ name: 'InterruptedError' }) });
      expect(Date.now() - started).toBeLessThan(3_000); // the journal's own lock wait is 5 s
      expect(openJournal(ctx.env).get(entry.id)).toMatchObject({ state: 'pending' });
    } finally {
      fs.rmSync(`${journal.path}.lock`, { force: true });
    }
  });

  it('without credentials, lists what is recorded and says it could not look anything up', async () => {
    const ctx = context({ loggedIn: false });
    openJournal(ctx.env).beginCheckout({ cartId: 'c-offline', endpoint: sandbox.url, what: thing('24sk10') });
    expect(await runJournalStatus(ctx, statusDeps(ctx))).toBe(0);
    expect(ctx.stdout.text()).toContain('c-offline');
    expect(ctx.stderr.text()).toMatch(/Not logged in: unresolved checkouts are listed as recorded/);
    expect(ctx.stderr.text()).toMatch(/Needs checking: 24sk10 ×1.*cart c-offline/);
  });
});

describe('checkout hooks for a command', () => {
  it('journal what the cart holds (read right before the POST) under the session endpoint, then the order', async () => {
    const ctx = context();
    const output = createOutput(ctx);
    const session = await openSession(ctx, { needAccount: true, output });
    const { cartId, what } = await readyCart(session.api, sandbox.account.ovhSubsidiary);
    const hooks = checkoutHooksFor(ctx, session, output);
    const result = await checkout(session.api, cartId, { autopay: false }, hooks);
    expect(hooks.entry()).toMatchObject({
      cartId,
      endpoint: journalEndpointOf(session),
      state: 'ordered',
      orderId: result.orderId,
      what: { ...what, options: [...what.options].sort() },
    });
    expect(journalEndpointOf({ endpoint: session.endpoint, endpointSource: 'sandbox' })).toBe('sandbox');
  });
});

describe("status keeps each endpoint's orders apart", () => {
  function seeded(): TestContext {
    const ctx = context({ loggedIn: false });
    const journal = openJournal(ctx.env);
    journal.recordOrder(journal.beginCheckout({ cartId: 'sandbox-cart', endpoint: 'sandbox', what: thing('24sk10') }).id, { orderId: 111 });
    journal.recordOrder(journal.beginCheckout({ cartId: 'eu-cart', endpoint: 'https://eu.api.ovh.com/1.0', what: thing('24sk20') }).id, { orderId: 222 });
    journal.recordOrder(journal.beginCheckout({ cartId: 'ca-cart', endpoint: 'https://ca.api.ovh.com/1.0', what: thing('24sk30') }).id, { orderId: 333 });
    return ctx;
  }

  it("a real endpoint never shows the sandbox's orders; the list names each API when they differ", async () => {
    const ctx = seeded();
    expect(await runJournalStatus(ctx, { output: createOutput(ctx) })).toBe(0);
    const out = ctx.stdout.text();
    expect(out).not.toContain('sandbox-cart');
    expect(out).not.toContain('111');
    expect(out).toMatch(/eu\.api\.ovh\.com.*222/);
    expect(out).toMatch(/ca\.api\.ovh\.com.*333/);
  });

  it("--sandbox shows only the sandbox's orders (and no API column: there is one)", async () => {
    const ctx = seeded();
    ctx.globals.sandbox = true;
    expect(await runJournalStatus(ctx, { output: createOutput(ctx) })).toBe(0);
    const out = ctx.stdout.text();
    expect(out).toContain('sandbox-cart');
    expect(out).not.toMatch(/eu-cart|ca-cart|222|333/);
    expect(out).not.toMatch(/\bAPI\b/);
  });
});
