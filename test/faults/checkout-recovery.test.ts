// The checkout journal and the lost-answer lookup, in-process against the HTTPS sandbox: one POST
// per cart whatever goes wrong, and the outcome found by reads. (The built binary is driven
// through the same faults in order-faults.test.ts.)
import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/config/journal.js';
import type { Journal } from '../../src/domain/journal.js';
import { InterruptedError, type UsageError } from '../../src/domain/errors.js';
import { OvhApiError } from '../../src/ovh/errors.js';
import type { OvhApi } from '../../src/ovh/api.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { checkout } from '../../src/flows/checkout.js';
import {
  CheckoutOutcomeError,
  classifyCheckoutFailure,
  journaledCheckoutHooks,
  lookUpCheckout,
  nothingWasOrdered,
  refuseRepeat,
  UnresolvedOrderError,
  type JournaledCheckoutOptions,
  type LookupApi,
} from '../../src/flows/checkout-recovery.js';
import { calls, readyCart, sandboxApi } from './helpers/sandbox-cart.js';

const CHECKOUT = '/order/cart/{cartId}/checkout';

let sandbox: SandboxServer;
let api: OvhApi;
let subsidiary: string;

// One account per test: an identical order placed by an earlier test seconds before would be a
// second candidate for a lost answer (and rightly leave it unknown).
beforeEach(async () => {
  sandbox = await startSandbox();
  api = sandboxApi(sandbox);
  subsidiary = sandbox.account.ovhSubsidiary;
});
afterEach(() => sandbox?.close());

function freshJournal(): Journal {
  const home = mkdtempSync(path.join(tmpdir(), 'ovh-order-recovery-'));
  return openJournal({ HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') });
}

function collectingOutput() {
  const lines: string[] = [];
  return { lines, output: { warn: (t: string) => lines.push(`! ${t}`), info: (t: string) => lines.push(t) } };
}

async function setup(extra: Partial<JournaledCheckoutOptions> = {}, journal = freshJournal()) {
  const { cartId, what } = await readyCart(api, subsidiary);
  const { lines, output } = collectingOutput();
  const hooks = journaledCheckoutHooks({
    journal,
    api,
    endpoint: sandbox.url,
    subsidiary,
    what,
    output,
    timeOffsetSeconds: () => api.client.timeOffsetSeconds,
    ...extra,
  });
  return { cartId, what, journal, hooks, lines };
}

function checkoutsOf(cartId: string) {
  return calls(sandbox, 'POST', CHECKOUT).filter((e) => e.path === `/order/cart/${cartId}/checkout`);
}
function ordersOf(cartId: string) {
  return sandbox.orders().filter((o) => o.cartId === cartId);
}

describe('checkout with the journal', () => {
  it('writes the entry before the POST and the order id after it; the journal holds no secret', async () => {
    const { cartId, journal, hooks } = await setup();
    let seenBeforePost: unknown;
    const watching = {
      ...hooks,
      before: async (a: Parameters<NonNullable<typeof hooks.before>>[0]) => {
        await hooks.before!(a);
        seenBeforePost = JSON.parse(fs.readFileSync(journal.path, 'utf8')).entries;
        expect(checkoutsOf(cartId)).toHaveLength(0);
      },
    };
    const result = await checkout(api, cartId, { autopay: false }, watching);

    expect(seenBeforePost).toEqual([expect.objectContaining({ cartId, state: 'pending', endpoint: sandbox.url })]);
    expect(ordersOf(cartId).map((o) => o.orderId)).toEqual([result.orderId]);
    expect(hooks.entry()).toMatchObject({ cartId, state: 'ordered', orderId: result.orderId, orderUrl: result.url });
    const text = fs.readFileSync(journal.path, 'utf8');
    for (const secret of [sandbox.credentials.appSecret, sandbox.credentials.consumerKey]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\$1\$[0-9a-f]{40}/);
  });

  it('connection dropped AFTER the checkout took effect: found under /me/order, one POST, recorded, and a repeat refused', async () => {
    const { cartId, what, journal, hooks, lines } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });

    const result = await checkout(api, cartId, { autopay: false }, hooks);

    const placed = ordersOf(cartId);
    expect(placed).toHaveLength(1);
    expect(result.orderId).toBe(placed[0]!.orderId);
    expect(checkoutsOf(cartId)).toHaveLength(1);
    expect(hooks.entry()).toMatchObject({ state: 'ordered', orderId: placed[0]!.orderId, recovered: true });
    expect(lines.join('\n')).toMatch(/answer to the checkout of cart .* was lost .*Not sending it again/);
    expect(lines.join('\n')).toContain(`order ${placed[0]!.orderId}`);

    // The same server again: refused by the journal until --force.
    expect(() => refuseRepeat(journal, sandbox.url, what)).toThrow(UnresolvedOrderError);
    try {
      refuseRepeat(journal, sandbox.url, what);
    } catch (error) {
      expect((error as UnresolvedOrderError).exitCode).toBe(2);
      expect((error as UnresolvedOrderError).message).toContain(cartId);
      expect((error as UnresolvedOrderError).hint).toMatch(/ovh-order status.*--force/s);
    }
  });

  it('connection dropped BEFORE the checkout took effect: reported as not ordered, one POST, nothing bought, a new try allowed', async () => {
    const { cartId, what, journal, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-before' });

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(CheckoutOutcomeError);
    expect((failure as CheckoutOutcomeError).code).toBe('checkout_not_placed');
    expect((failure as CheckoutOutcomeError).exitCode).toBe(1);
    expect(nothingWasOrdered(failure)).toBe(true);
    expect((failure as CheckoutOutcomeError).message).toMatch(/Nothing was ordered.*still open.*not sent again/s);
    expect(ordersOf(cartId)).toEqual([]);
    expect(checkoutsOf(cartId)).toHaveLength(1);
    expect(hooks.entry()).toMatchObject({ state: 'not-ordered', recovered: true });
    expect(refuseRepeat(journal, sandbox.url, what)).toEqual([]);
  });

  it('a 500 on the checkout is never retried: looked up, reported as not ordered', async () => {
    const { cartId, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'status', status: 500 });
    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect((failure as CheckoutOutcomeError).code).toBe('checkout_not_placed');
    expect(checkoutsOf(cartId)).toHaveLength(1);
    expect(calls(sandbox, 'GET', '/order/cart/{cartId}').some((e) => e.path === `/order/cart/${cartId}`)).toBe(true);
  });

  it('a garbled answer to a checkout that went through: the order is found', async () => {
    const { cartId, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'malformed-json' });
    const result = await checkout(api, cartId, { autopay: false }, hooks);
    expect(result.orderId).toBe(ordersOf(cartId)[0]!.orderId);
    expect(checkoutsOf(cartId)).toHaveLength(1);
  });

  it('a checkout that never answers times out (no second POST); an open cart proves nothing yet, so the outcome stays unknown', async () => {
    const slowApi = sandboxApi(sandbox, { timeoutMs: 500 });
    const { cartId, journal, hooks } = await setup({ api: slowApi });
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'hang' });
    const failure = await checkout(slowApi, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect((failure as CheckoutOutcomeError).code).toBe('checkout_outcome_unknown');
    expect((failure as CheckoutOutcomeError).message).toMatch(/no answer came in time.*still open.*may still be processing/s);
    expect(checkoutsOf(cartId)).toHaveLength(1);
    expect(journal.get(hooks.entry()!.id)?.state).toBe('unknown');

    // Looked up again once things have settled: the cart is still open, so nothing was ordered.
    expect(await lookUpCheckout(api, hooks.entry()!)).toMatchObject({ state: 'not-ordered', cartReadOnly: false });
  });

  it("a refusal (4xx) is recorded as not ordered without any lookup, and OVH's error is what the person sees", async () => {
    const { cartId, hooks } = await setup();
    sandbox.clearLog();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'status', status: 400, message: 'You do not have preferred payment method' });
    const failure = await checkout(api, cartId, { autopay: true }, hooks).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OvhApiError);
    expect((failure as OvhApiError).message).toContain('preferred payment method');
    expect(hooks.entry()).toMatchObject({ state: 'not-ordered', note: expect.stringContaining('OVH refused the checkout') });
    expect(sandbox.log.filter((e) => e.route.startsWith('/me/order'))).toEqual([]);
  });

  it('when nothing can be read either, the outcome is unknown, the entry stays unresolved, and the person is told what to check', async () => {
    const { cartId, what, journal, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });
    sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}', kind: 'status', status: 503, times: Infinity });
    sandbox.addFault({ method: 'GET', route: '/me/order', kind: 'status', status: 503, times: Infinity });

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    sandbox.clearFaults();

    expect((failure as CheckoutOutcomeError).code).toBe('checkout_outcome_unknown');
    expect((failure as CheckoutOutcomeError).hint).toMatch(/ovh-order status/);
    expect(nothingWasOrdered(failure)).toBe(false);
    expect(checkoutsOf(cartId)).toHaveLength(1);
    expect(journal.findUnresolved(hooks.entry()!.fingerprint).map((e) => e.cartId)).toEqual([cartId]);
    expect(() => refuseRepeat(journal, sandbox.url, what)).toThrow(UnresolvedOrderError);

    // Later, with OVH answering again, the lookup finds the order.
    const found = await lookUpCheckout(api, hooks.entry()!);
    expect(found).toMatchObject({ state: 'ordered', orderId: ordersOf(cartId)[0]!.orderId, cartReadOnly: true, candidates: [ordersOf(cartId)[0]!.orderId] });
  });

  it('an unresolved entry for the same thing refuses the checkout before anything is written or posted; --force overrides it', async () => {
    const journal = freshJournal();
    const first = await setup({}, journal);
    journal.beginCheckout({ cartId: 'crashed-cart', endpoint: sandbox.url, what: first.what }); // a crash mid-checkout

    const refused = await checkout(api, first.cartId, { autopay: false }, first.hooks).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnresolvedOrderError);
    expect((refused as UnresolvedOrderError).message).toContain('crashed-cart');
    expect(checkoutsOf(first.cartId)).toHaveLength(0);
    expect(journal.recent().map((e) => e.cartId)).toEqual(['crashed-cart']);

    const asked: string[][] = [];
    const forced = journaledCheckoutHooks({
      journal,
      api,
      endpoint: sandbox.url,
      subsidiary,
      what: first.what,
      output: collectingOutput().output,
      force: (entries) => {
        asked.push(entries.map((e) => e.cartId));
        return true;
      },
    });
    const result = await checkout(api, first.cartId, { autopay: false }, forced);
    expect(asked).toEqual([['crashed-cart']]);
    expect(result.orderId).toBe(ordersOf(first.cartId)[0]!.orderId);
    expect(journal.recent().find((e) => e.cartId === 'crashed-cart')).toMatchObject({ state: 'pending', overriddenBy: forced.entry()!.id });
    expect(journal.findUnresolved(forced.entry()!.fingerprint)).toEqual([]);
  });

  it('a cart whose checkout may have gone through is never posted again, not even with --force', async () => {
    const journal = freshJournal();
    const { cartId, what } = await setup({}, journal);
    const earlier = journal.beginCheckout({ cartId, endpoint: sandbox.url, what });
    journal.recordOutcome(earlier.id, 'unknown', 'answer lost');
    const forced = journaledCheckoutHooks({ journal, api, endpoint: sandbox.url, what, output: collectingOutput().output, force: true });
    const refused = await checkout(api, cartId, { autopay: false }, forced).catch((e: unknown) => e);
    expect((refused as UsageError).code).toBe('checkout_repeated');
    expect((refused as UsageError).exitCode).toBe(2);
    expect((refused as UsageError).message).toContain(`Not checking out cart ${cartId} again`);
    expect(nothingWasOrdered(refused)).toBe(false);
    expect(checkoutsOf(cartId)).toEqual([]);
    expect(forced.entry()).toBeUndefined();

    // Established as not ordered (OVH refused it, or the cart stayed open): the same cart may go again.
    journal.recordOutcome(earlier.id, 'not-ordered', 'cart still open');
    const again = journaledCheckoutHooks({ journal, api, endpoint: sandbox.url, what, output: collectingOutput().output });
    const result = await checkout(api, cartId, { autopay: false }, again);
    expect(result.orderId).toBe(ordersOf(cartId)[0]!.orderId);
  });

  it('another ovh-order starting the same order meanwhile is noticed under the journal lock: refused, nothing posted', async () => {
    const journal = freshJournal();
    const { cartId, what } = await readyCart(api, subsidiary);
    journal.beginCheckout({ cartId: 'known-cart', endpoint: sandbox.url, what }); // seen, and overridden by the person
    const hooks = journaledCheckoutHooks({
      journal,
      api,
      endpoint: sandbox.url,
      what,
      output: collectingOutput().output,
      force: () => {
        // While the person is deciding, another run starts the same order.
        journal.beginCheckout({ cartId: 'concurrent-cart', endpoint: sandbox.url, what });
        return true;
      },
    });
    const refused = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnresolvedOrderError);
    expect((refused as UnresolvedOrderError).message).toContain('concurrent-cart');
    expect((refused as UnresolvedOrderError).message).not.toContain('known-cart');
    expect(checkoutsOf(cartId)).toEqual([]);
    expect(
      journal
        .recent()
        .map((e) => e.cartId)
        .sort(),
    ).toEqual(['concurrent-cart', 'known-cart']);
  });

  it('Ctrl-C before the POST leaves: nothing is journaled and nothing is posted', async () => {
    const controller = new AbortController();
    const { cartId, journal, hooks } = await setup({ signal: controller.signal });
    controller.abort(new InterruptedError());
    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InterruptedError);
    expect((failure as InterruptedError).message).toMatch(/before the checkout was sent: nothing was ordered/);
    expect(nothingWasOrdered(failure)).toBe(true);
    expect(checkoutsOf(cartId)).toEqual([]);
    expect(journal.recent()).toEqual([]);
  });

  it('Ctrl-C during the lookup stops it and leaves the entry unresolved', async () => {
    const controller = new AbortController();
    const { cartId, journal, hooks } = await setup({ signal: controller.signal });
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-before' });
    sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}', kind: 'hang' });
    setTimeout(() => controller.abort(new InterruptedError()), 200);

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InterruptedError);
    expect((failure as InterruptedError).exitCode).toBe(130);
    expect((failure as InterruptedError).hint).toMatch(/ovh-order status/);
    expect(journal.get(hooks.entry()!.id)?.state).toBe('unknown');
    sandbox.clearFaults();
  });
});

describe('classifying a failed checkout', () => {
  const err = (kind: OvhApiError['kind'], status?: number) => new OvhApiError({ kind, status, call: `POST ${CHECKOUT}`, message: 'x' });
  it.each([
    [err('timeout'), 'lost'],
    [err('network'), 'lost'],
    [err('server', 502), 'lost'],
    [err('malformed', 200), 'lost'],
    [err('bad-request', 400), 'refused'],
    [err('not-allowed', 403), 'refused'],
    [err('rate-limited', 429), 'lost'],
    [err('not-found', 404), 'lost'],
    [err('conflict', 408), 'lost'],
    [err('conflict', 409), 'lost'],
    [err('invalid-credential', 401), 'refused'],
    [err('invalid-credential', 403), 'refused'],
    [new InterruptedError(), 'interrupted'],
    [new TypeError('something unexpected'), 'lost'],
  ])('%s → %s', (error, expected) => {
    expect(classifyCheckoutFailure(error)).toBe(expected);
  });
});

describe('attributing an order after a lost answer (issue 13, point 1)', () => {
  /** Someone else (a colleague, the web console) orders the same server on the same account. */
  async function colleagueOrders(): Promise<number> {
    const { cartId } = await readyCart(api, subsidiary);
    return (await api.checkout(cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false })).orderId;
  }

  it('the same server ordered by someone else between the lost answer and the lookup: unknown, both orders listed, neither taken', async () => {
    let other: number | undefined;
    const lookupApi: LookupApi = {
      ...api,
      getCart: async (id) => {
        other ??= await colleagueOrders();
        return api.getCart(id);
      },
      listOrders: (filter) => api.listOrders(filter),
      getOrder: (id) => api.getOrder(id),
      listOrderDetails: (id) => api.listOrderDetails(id),
      getOrderDetailExtension: (id, detail) => api.getOrderDetailExtension(id, detail),
    };
    const { cartId, hooks, journal } = await setup({ api: lookupApi });
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);

    const ours = ordersOf(cartId)[0]!.orderId;
    expect(other).toBeDefined();
    expect((failure as CheckoutOutcomeError).code).toBe('checkout_outcome_unknown');
    expect((failure as CheckoutOutcomeError).lookup?.candidates.sort()).toEqual([ours, other].sort());
    expect((failure as CheckoutOutcomeError).message).toMatch(new RegExp(`Orders that might be it: .*${other}`));
    expect(journal.get(hooks.entry()!.id)).toMatchObject({ state: 'unknown' });
    expect(journal.get(hooks.entry()!.id)?.orderId).toBeUndefined();
  });

  it('the cart cannot be read and someone else ordered the same server: unknown (never exit 0 with their order)', async () => {
    const { cartId, hooks } = await setup();
    const other = await colleagueOrders();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });
    sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}', kind: 'status', status: 503, times: Infinity });

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);

    expect((failure as CheckoutOutcomeError).code).toBe('checkout_outcome_unknown');
    expect((failure as CheckoutOutcomeError).lookup?.orderId).toBeUndefined();
    expect((failure as CheckoutOutcomeError).lookup?.candidates).toContain(other);
    expect(hooks.entry()).toMatchObject({ state: 'unknown' });
  });

  it('an identical order placed after the checkout had settled is not a candidate: a later lookup finds ours alone', async () => {
    const { cartId, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });
    sandbox.addFault({ method: 'GET', route: '/order/cart/{cartId}', kind: 'status', status: 503, times: Infinity });
    await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    sandbox.clearFaults();
    sandbox.clock.advance(6 * 60_000);
    const later = await colleagueOrders();

    const found = await lookUpCheckout(api, hooks.entry()!, { timeOffsetSeconds: api.client.timeOffsetSeconds });

    expect(found).toMatchObject({ state: 'ordered', orderId: ordersOf(cartId)[0]!.orderId });
    expect(found.candidates).not.toContain(later);
  });

  it("an order of the same plan whose total is not the quote's is not taken for it", async () => {
    const { cartId, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });
    const failure = await checkout(api, cartId, { autopay: false, quote: { withoutTax: 1, currency: 'EUR' } }, hooks).catch((e: unknown) => e);
    expect((failure as CheckoutOutcomeError).code).toBe('checkout_outcome_unknown');
    expect((failure as CheckoutOutcomeError).message).toMatch(/is not the quote's 1 EUR/);
    expect(hooks.entry()).toMatchObject({ state: 'unknown', quote: { withoutTax: 1, currency: 'EUR' } });
  });
});

describe('answers that may come after the checkout was processed (issue 13, point 4)', () => {
  it.each([408, 409, 404, 429])('HTTP %i after the order was placed: looked up and found, never taken as "nothing ordered"', async (status) => {
    const { cartId, hooks } = await setup();
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'status', status, afterEffect: true });
    const result = await checkout(api, cartId, { autopay: false }, hooks);
    expect(result.orderId).toBe(ordersOf(cartId)[0]!.orderId);
    expect(hooks.entry()).toMatchObject({ state: 'ordered', recovered: true });
    expect(checkoutsOf(cartId)).toHaveLength(1);
  });
});

describe('nothing sent, nothing ordered (issue 13, points 2, 3, 5)', () => {
  /** A journal whose lock a live process (this one) holds, as another ovh-order mid-update would. */
  function journalLockedByAnotherRun(lockWaitMs: number): { home: string; journal: Journal } {
    const home = mkdtempSync(path.join(tmpdir(), 'ovh-order-recovery-'));
    const env = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') };
    const journal = openJournal(env, { lockWaitMs });
    fs.mkdirSync(env.OVH_ORDER_CONFIG_DIR, { recursive: true, mode: 0o700 });
    fs.writeFileSync(`${journal.path}.lock`, `${process.pid} held-by-another-run ${new Date().toISOString()}\n`);
    return { home, journal };
  }

  it('a locked journal: the checkout is not posted, the error says nothing was ordered and names the journal', async () => {
    const { home, journal } = journalLockedByAnotherRun(100);
    const { cartId, hooks } = await setup({}, journal);

    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);

    expect((failure as Error).message).toMatch(/^Nothing was ordered: the checkout was not sent, because the order journal is locked by another ovh-order/);
    expect((failure as Error).message).toContain('journal.json.lock');
    expect((failure as { exitCode: number }).exitCode).toBe(1);
    expect(nothingWasOrdered(failure)).toBe(true);
    expect(checkoutsOf(cartId)).toEqual([]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('Ctrl-C while another run holds the journal ends the wait at once: nothing posted, nothing ordered (exit 130)', async () => {
    const { home, journal } = journalLockedByAnotherRun(20_000);
    const controller = new AbortController();
    const { cartId, hooks } = await setup({ signal: controller.signal }, journal);
    setTimeout(() => controller.abort(new InterruptedError()), 200);

    const started = Date.now();
    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure).toBeInstanceOf(InterruptedError);
    expect((failure as InterruptedError).message).toMatch(/nothing was ordered/);
    expect(nothingWasOrdered(failure)).toBe(true);
    expect(checkoutsOf(cartId)).toEqual([]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('the same server ordered minutes ago is refused (exit 2, --quantity named) unless forced; the wizard-style question defaults to no', async () => {
    const journal = freshJournal();
    const first = await setup({}, journal);
    await checkout(api, first.cartId, { autopay: false }, first.hooks);

    const second = await setup({}, journal);
    const refused = await checkout(api, second.cartId, { autopay: false }, second.hooks).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnresolvedOrderError);
    expect((refused as UnresolvedOrderError).code).toBe('identical_order');
    expect((refused as UnresolvedOrderError).exitCode).toBe(2);
    expect((refused as UnresolvedOrderError).message).toMatch(/same server was just ordered/);
    expect((refused as UnresolvedOrderError).hint).toMatch(/--quantity.*--force/);
    expect(nothingWasOrdered(refused)).toBe(true);
    expect(checkoutsOf(second.cartId)).toEqual([]);

    const declined = await setup({ force: () => false }, journal);
    await expect(checkout(api, declined.cartId, { autopay: false }, declined.hooks)).rejects.toBeInstanceOf(UnresolvedOrderError);
    expect(checkoutsOf(declined.cartId)).toEqual([]);

    const forced = await setup({ force: true }, journal);
    await checkout(api, forced.cartId, { autopay: false }, forced.hooks);
    expect(sandbox.orders()).toHaveLength(2);
  });

  it('an identical order from more than 10 minutes ago does not block', async () => {
    let now = new Date();
    const home = mkdtempSync(path.join(tmpdir(), 'ovh-order-recovery-'));
    const journal = openJournal({ HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') }, { now: () => now });
    const first = await setup({}, journal);
    await checkout(api, first.cartId, { autopay: false }, first.hooks);
    now = new Date(now.getTime() + 11 * 60_000);
    const second = await setup({}, journal);
    await checkout(api, second.cartId, { autopay: false }, second.hooks);
    expect(sandbox.orders()).toHaveLength(2);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('certificate verification off: refused before the journal or the POST, saying why', async () => {
    const { cartId, journal, hooks } = await setup({ unverifiedTls: 'NODE_TLS_REJECT_UNAUTHORIZED=0' });
    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(
      /Nothing was ordered: not sending a checkout with certificate verification switched off \(NODE_TLS_REJECT_UNAUTHORIZED=0\)/,
    );
    expect((failure as { exitCode: number }).exitCode).toBe(1);
    expect(nothingWasOrdered(failure)).toBe(true);
    expect(checkoutsOf(cartId)).toEqual([]);
    expect(journal.recent()).toEqual([]);
  });
});

describe('tokens echoed by a refusal (issue 13, point 6)', () => {
  it("a Bearer token or access_token in OVH's refusal is neither shown nor written to the journal", async () => {
    const { cartId, journal, hooks } = await setup();
    const echoed = 'Invalid header Authorization: Bearer eyJ0eXAi.leaked-token-91ab, access_token=leaked-token-91ab';
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'status', status: 400, message: echoed });
    const failure = await checkout(api, cartId, { autopay: false }, hooks).catch((e: unknown) => e);
    expect((failure as OvhApiError).message).toContain('Invalid header Authorization');
    expect((failure as OvhApiError).message).not.toContain('leaked-token');
    const text = fs.readFileSync(journal.path, 'utf8');
    expect(text).toContain('OVH refused the checkout');
    expect(text).not.toContain('leaked-token');
  });
});
