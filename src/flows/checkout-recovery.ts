// What happens around the one `POST …/checkout` (src/flows/checkout.ts): the journal entry written
// before it, the order id recorded after it, and — when the answer is lost (timeout, dropped
// connection, 5xx, garbled body) — finding out what happened WITHOUT posting again: read the cart
// (read-only means the order went through), look the order up under /me/order, record the outcome
// and tell the person what to check. Plugged in through checkout.ts's hooks, so the wizard and
// `ovh-order order` share it.
import { utcMinuteText } from '../domain/words.js';
import { describeThing, fingerprintOf, isUnresolved, type Journal, type JournalEntry, type OrderedThing } from '../domain/journal.js';
import { redactSecrets } from '../ovh/redact.js';
import { CliError, ExitCode, InterruptedError, UsageError } from '../domain/errors.js';
import { OvhApiError } from '../ovh/errors.js';
import type { PlacedOrder } from '../ovh/models/order.js';
import type { Output } from '../ui/output.js';
import type { CartContents } from './cart-builder.js';
import type { CheckoutAttempt, CheckoutHooks, PlacedOrderResult } from './checkout.js';
import { lookUpCheckout, type LookupApi, type LookupResult } from './checkout-lookup.js';

export { CHECKOUT_SETTLE_MS, lookUpCheckout, type LookupApi, type LookupResult } from './checkout-lookup.js';

/**
 * refused: OVH refused the checkout before processing it (400, 401, 403): nothing was ordered.
 * not-sent: the POST never left (e.g. this process already checked this cart out).
 * lost: the POST may have reached OVH and the answer is missing: look it up.
 * interrupted: Ctrl-C / SIGTERM while it was in flight.
 */
export type CheckoutFailureClass = 'refused' | 'not-sent' | 'lost' | 'interrupted';

/** Kinds where OVH may have placed the order even though no usable answer came back. */
const LOST_KINDS = new Set<OvhApiError['kind']>(['timeout', 'network', 'tls', 'server', 'malformed']);

/**
 * The only answers OVH documents as refusing a checkout before processing it: a validation message
 * (400) and the authentication refusals (401, 403). Anything else — 404, 408, 409, 429, 5xx… —
 * may come after the order was placed, so it is looked up.
 */
const REFUSED_BEFORE_PROCESSING = new Set([400, 401, 403]);

export function classifyCheckoutFailure(error: unknown): CheckoutFailureClass {
  if (error instanceof InterruptedError) return 'interrupted';
  if (error instanceof OvhApiError) {
    if (LOST_KINDS.has(error.kind)) return 'lost';
    return error.status !== undefined && REFUSED_BEFORE_PROCESSING.has(error.status) ? 'refused' : 'lost';
  }
  // Refusals raised before anything was sent (a second checkout of the same cart, a bad cart id).
  if (error instanceof CliError && ['checkout_repeated', 'missing_route_value'].includes(error.code)) return 'not-sent';
  return 'lost';
}

/** Why the answer is missing, in a few words: "no answer came in time", "the answer was garbled"… */
function describeLoss(error: unknown): string {
  if (error instanceof OvhApiError) {
    switch (error.kind) {
      case 'timeout':
        return 'no answer came in time';
      case 'network':
      case 'tls':
        return 'the connection broke before the answer arrived';
      case 'server':
        return `OVH answered with an internal error (HTTP ${error.status ?? '5xx'})`;
      case 'malformed':
        return 'the answer was garbled';
      default:
        return error.status !== undefined ? `OVH answered HTTP ${error.status}${error.ovhMessage ? ` (${error.ovhMessage})` : ''}` : error.message;
    }
  }
  if (error instanceof InterruptedError) return 'ovh-order was interrupted while waiting for the answer';
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Refusing a repeat
// ---------------------------------------------------------------------------------------------

/** An entry in words: `24rise01 ×1 (eco, monthly, no commitment) in gra, cart abc, started 2026-05-02 12:00 UTC: ordered`. */
export function describeEntry(entry: JournalEntry): string {
  const order = entry.orderId !== undefined ? `, order ${entry.orderId}` : '';
  return `${describeThing(entry.what)}, cart ${entry.cartId}, started ${utcMinuteText(entry.startedAt)}: ${stateWords(entry)}${order}`;
}

export function stateWords(entry: JournalEntry): string {
  switch (entry.state) {
    case 'pending':
      return 'checkout sent, outcome never recorded';
    case 'unknown':
      return 'answer lost, outcome unknown';
    case 'ordered':
      return entry.recovered ? 'ordered (found after the answer was lost)' : 'ordered';
    case 'not-ordered':
      return 'not ordered';
  }
}

/** Why an entry stops the same order, in one sentence (for the refusal and the wizard's question). */
export function repeatReason(entry: JournalEntry): string {
  if (isUnresolved(entry)) return `An earlier checkout of the same server has no confirmed outcome: ${describeEntry(entry)}.`;
  const minutes = Math.max(1, Math.round((Date.now() - Date.parse(entry.startedAt)) / 60_000));
  return `The same server was ordered ${minutes} minute${minutes > 1 ? 's' : ''} ago: ${describeEntry(entry)}.`;
}

/**
 * The refusal: the journal has unresolved checkouts of the same thing, or the same thing was just
 * ordered (IDENTICAL_ORDER_WINDOW_MS). Exit 2.
 */
export class UnresolvedOrderError extends UsageError {
  readonly entries: JournalEntry[];
  constructor(entries: JournalEntry[]) {
    const first = entries.find(isUnresolved) ?? entries[0]!;
    const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : '';
    const unresolved = isUnresolved(first);
    super(
      unresolved
        ? `Not ordering: an earlier checkout of the same server has no confirmed outcome — ${describeEntry(first)}${more}. Ordering it again could buy it twice.`
        : `Not ordering: the same server was just ordered — ${describeEntry(first)}${more}. An identical order within 10 minutes is refused, so that two runs do not buy two servers.`,
      {
        code: unresolved ? 'unresolved_order' : 'identical_order',
        hint: unresolved
          ? 'Check it first: `ovh-order status` looks it up again with OVH (or see your orders in the OVH control panel). ' +
            'If it was not ordered, or you really want another one, run again with --force.'
          : 'To buy several at once, use --quantity; to order another one anyway, run again with --force.',
      },
    );
    this.entries = entries;
  }
}

/**
 * Throws UnresolvedOrderError when the journal has entries that block ordering the same thing on
 * the same API again (unresolved, or ordered minutes ago), unless `force`. Returns the entries
 * that `force` overrides (to mark them).
 */
export function refuseRepeat(journal: Journal, endpoint: string, what: OrderedThing, force = false): JournalEntry[] {
  const entries = journal.findRepeats(fingerprintOf(endpoint, what));
  if (entries.length > 0 && !force) throw new UnresolvedOrderError(entries);
  return entries;
}

/**
 * A cart is checked out once. When the journal shows a checkout of this cart that may have gone
 * through (anything but `not-ordered`), it is never posted again — whatever --force says: the only
 * safe second try is a new cart. Exit 2.
 */
function refuseSecondCheckout(journal: Journal, cartId: string): void {
  refuseSecondCheckoutOf(cartId, journal.forCart(cartId));
}

function refuseSecondCheckoutOf(cartId: string, entries: readonly JournalEntry[]): void {
  const earlier = entries.find((e) => e.state !== 'not-ordered');
  if (!earlier) return;
  const what =
    earlier.state === 'ordered'
      ? `it was already checked out${earlier.orderId !== undefined ? ` (order ${earlier.orderId})` : ''}`
      : `it was already sent to checkout at ${earlier.startedAt} and the outcome is unknown`;
  throw new UsageError(`Not checking out cart ${cartId} again: ${what}. A cart is never checked out twice.`, {
    code: 'checkout_repeated',
    hint:
      earlier.state === 'ordered'
        ? 'To order another server, start a new order (a new cart).'
        : 'Check the outcome first with `ovh-order status`; to order anyway, start a new order (a new cart) with --force.',
  });
}

// ---------------------------------------------------------------------------------------------
// The hooks
// ---------------------------------------------------------------------------------------------

/** The lost answer left the outcome open, or showed nothing was bought: exit 1 with what to check. */
export class CheckoutOutcomeError extends CliError {
  readonly entry: JournalEntry;
  readonly lookup: LookupResult | undefined;
  constructor(message: string, options: { code: string; hint: string; entry: JournalEntry; lookup?: LookupResult; cause?: unknown }) {
    super(message, { code: options.code, hint: options.hint, exitCode: ExitCode.failure, cause: options.cause });
    this.entry = options.entry;
    this.lookup = options.lookup;
  }
}

export interface JournaledCheckoutOptions {
  journal: Journal;
  /** For the lookup after a lost answer (reads only); a function when the client may change (login mid-wizard). */
  api: LookupApi | (() => LookupApi);
  /** The API the checkout goes to (Endpoint.apiUrl). */
  endpoint: string;
  subsidiary?: string;
  /** What is being ordered; a function is asked right before the POST (the wizard knows it late). */
  what: OrderedThing | ((attempt: CheckoutAttempt) => OrderedThing | Promise<OrderedThing>);
  output: Pick<Output, 'warn' | 'info'>;
  /**
   * Unresolved checkouts of the same thing: refused unless `force` is true (`--force`), or a
   * function (the wizard asks the person) resolves to true.
   */
  force?: boolean | ((entries: JournalEntry[]) => Promise<boolean> | boolean);
  /** OVH's clock minus ours, once known. */
  timeOffsetSeconds?: () => number | undefined;
  /** Ctrl-C during the lookup. */
  signal?: AbortSignal;
  /** What a second Ctrl-C prints before quitting at once (ctx.quitNotes): the checkout in flight registers its cart here. */
  quitNotes?: Map<string, string>;
  /**
   * Why certificates are not verified on the way to a real endpoint (NODE_TLS_REJECT_UNAUTHORIZED=0),
   * when they are not: the checkout is then refused before anything is written or posted.
   */
  unverifiedTls?: string;
  /** Recorded with the entry: which run placed it (`watch:<id>`). */
  source?: string;
}

export interface JournaledCheckoutHooks extends CheckoutHooks {
  /** The journal entry of this checkout, once written. */
  entry(): JournalEntry | undefined;
}

/**
 * Hooks for `checkout()`: refuse a repeat of an unresolved order, write the entry before the POST,
 * record the order after it, and after a lost answer look the outcome up (never posting again).
 * `failed` returns the order when the lookup found it (the checkout succeeded after all), and
 * throws a CheckoutOutcomeError (exit 1) saying what to check otherwise.
 */
export function journaledCheckoutHooks(options: JournaledCheckoutOptions): JournaledCheckoutHooks {
  const { journal, output } = options;
  let entry: JournalEntry | undefined;
  // Ctrl-C while the POST is in flight: the answer is what says whether something was bought, so
  // it is awaited (bounded by --timeout); a second Ctrl-C quits at once, leaving the entry pending.
  const onInterrupt = () =>
    output.warn('Waiting for OVH to answer the checkout before stopping, so the order is not lost track of (press Ctrl-C again to quit now).');
  const quitNoteKey = 'checkout in flight';
  const noteQuit = (cartId: string) =>
    options.quitNotes?.set(
      quitNoteKey,
      `Quit while the checkout of cart ${cartId} was unresolved: the order may or may not have been placed. ` +
        'Do not order again before checking: `ovh-order status` looks it up with OVH.',
    );
  const listen = (cartId: string) => {
    options.signal?.addEventListener('abort', onInterrupt, { once: true });
    noteQuit(cartId);
  };
  const unlisten = () => {
    options.signal?.removeEventListener('abort', onInterrupt);
    options.quitNotes?.delete(quitNoteKey);
  };

  /** Refuses a repeat, then writes (and fsyncs) the entry. If this fails, nothing is posted. */
  async function beginEntry(attempt: CheckoutAttempt, what: OrderedThing): Promise<void> {
    refuseSecondCheckout(journal, attempt.cartId);
    const entries = journal.findRepeats(fingerprintOf(options.endpoint, what));
    if (entries.length > 0) {
      const force = typeof options.force === 'function' ? await options.force(entries) : options.force === true;
      if (!force) throw new UnresolvedOrderError(entries);
    }
    // Another run holding the journal: wait for it, but let Ctrl-C end the wait (nothing is sent).
    await journal.whenUnlocked(options.signal).catch((error: unknown) => {
      if (options.signal?.aborted) throw interruptedBeforePost(options.signal.reason);
      throw error;
    });
    if (options.signal?.aborted) throw interruptedBeforePost(options.signal.reason);
    // Checked again under the journal's lock: another ovh-order may have started (or just placed)
    // the same order meanwhile. The pending entry it leaves is what serialises two runs.
    const accepted = new Set(entries.map((e) => e.id));
    const begin = {
      cartId: attempt.cartId,
      endpoint: options.endpoint,
      subsidiary: options.subsidiary,
      what,
      ...(attempt.quote ? { quote: attempt.quote } : {}),
      clockOffsetSeconds: options.timeOffsetSeconds?.(),
      ...(options.source ? { source: options.source } : {}),
    };
    entry = journal.beginCheckout(begin, (current) => {
      refuseSecondCheckoutOf(attempt.cartId, current.sameCart);
      const fresh = current.sameThing.filter((e) => !accepted.has(e.id));
      if (fresh.length > 0) throw new UnresolvedOrderError(fresh);
    });
    if (entries.length > 0) {
      journal.markOverridden(
        entries.map((e) => e.id),
        entry.id,
      );
      const plural = entries.length > 1 ? 's' : '';
      output.warn(
        `Ordering despite ${entries.length} earlier checkout${plural} of the same server (--force): ${entries.map((e) => `cart ${e.cartId}, ${stateWords(e)}`).join('; ')}.`,
      );
    }
  }

  return {
    entry: () => entry,

    async before(attempt: CheckoutAttempt) {
      // Ctrl-C before the POST left: nothing is sent.
      if (options.signal?.aborted) throw interruptedBeforePost(options.signal.reason);
      if (options.unverifiedTls) throw unverifiedTlsRefusal(options.unverifiedTls);
      const what = typeof options.what === 'function' ? await options.what(attempt) : options.what;
      await journalOrNothing(() => beginEntry(attempt, what));
      listen(attempt.cartId);
    },

    after(result: PlacedOrderResult) {
      unlisten();
      if (!entry) return;
      try {
        entry = journal.recordOrder(entry.id, { orderId: result.orderId, url: result.url });
      } catch (error) {
        // The order exists; failing here would make the caller believe it does not.
        output.warn(
          `Order ${result.orderId} was placed, but the order journal could not be updated (${error instanceof Error ? error.message : String(error)}). ` +
            `\`ovh-order status\` will show its checkout as unresolved; the order itself is fine.`,
        );
      }
    },

    async failed(error: unknown, attempt: CheckoutAttempt): Promise<PlacedOrderResult | void> {
      unlisten();
      if (!entry) return;
      const cls = classifyCheckoutFailure(error);
      if (cls === 'refused' || cls === 'not-sent') {
        const said = redactSecrets(error instanceof OvhApiError ? (error.ovhMessage ?? error.message) : error instanceof Error ? error.message : String(error));
        entry = journal.recordOutcome(entry.id, 'not-ordered', cls === 'refused' ? `OVH refused the checkout: ${said}` : `not sent: ${said}`);
        return;
      }
      if (cls === 'interrupted') {
        entry = journal.recordOutcome(entry.id, 'unknown', 'interrupted while the checkout was in flight; it may have gone through');
        throw new InterruptedError(`Interrupted while checking out cart ${attempt.cartId}: the order may or may not have been placed.`, {
          hint: `Do not order again before checking: \`ovh-order status\` looks it up with OVH (cart ${attempt.cartId}).`,
        });
      }
      return recover(error, attempt);
    },
  };

  async function recover(error: unknown, attempt: CheckoutAttempt): Promise<PlacedOrderResult> {
    noteQuit(attempt.cartId);
    try {
      return await lookUp(error, attempt);
    } finally {
      options.quitNotes?.delete(quitNoteKey);
    }
  }

  async function lookUp(error: unknown, attempt: CheckoutAttempt): Promise<PlacedOrderResult> {
    const current = entry!;
    // Written to the journal and shown: an echoed token must not survive (the client redacts its own).
    const loss = redactSecrets(describeLoss(error));
    output.warn(`The answer to the checkout of cart ${attempt.cartId} was lost (${loss}). Not sending it again; looking it up instead…`);
    const knownOrderIds = new Set(
      journal
        .recent(1000)
        .filter((e) => e.id !== current.id && e.orderId !== undefined)
        .map((e) => e.orderId!),
    );
    let lookup: LookupResult;
    try {
      const api = typeof options.api === 'function' ? options.api() : options.api;
      lookup = await lookUpCheckout(api, current, {
        knownOrderIds,
        timeOffsetSeconds: options.timeOffsetSeconds?.(),
        signal: options.signal,
        // A checkout that timed out may still complete at OVH; a dropped connection or a 5xx answer has ended.
        mayStillBeProcessing: error instanceof OvhApiError && error.kind === 'timeout',
      });
    } catch (lookupError) {
      entry = journal.recordOutcome(current.id, 'unknown', `answer lost (${loss}); the lookup was interrupted`, { recovered: true });
      if (lookupError instanceof InterruptedError) {
        throw new InterruptedError(`Interrupted while looking up the checkout of cart ${attempt.cartId}: the order may or may not have been placed.`, {
          hint: `Do not order again before checking: \`ovh-order status\` looks it up with OVH.`,
        });
      }
      throw lookupError;
    }
    const seen = lookup.evidence.join('; ');
    if (lookup.state === 'ordered' && lookup.orderId !== undefined) {
      const note = `answer lost (${loss}); ${seen}`;
      entry = journal.recordOutcome(current.id, 'ordered', note, { order: { orderId: lookup.orderId, url: lookup.orderUrl }, recovered: true });
      output.warn(
        `The order went through after all: order ${lookup.orderId}. ` +
          `Check it with \`ovh-order status ${lookup.orderId}\`. The same order will be refused until you pass --force.`,
      );
      return recoveredResult(lookup, attempt);
    }
    if (lookup.state === 'ordered') {
      entry = journal.recordOutcome(current.id, 'ordered', `answer lost (${loss}); ${seen}; order id not found yet`, { recovered: true });
      throw new CheckoutOutcomeError(
        `The checkout of cart ${attempt.cartId} went through (${seen}), but its answer was lost (${loss}) and the order does not appear under your orders yet. It was not sent again.`,
        {
          code: 'checkout_answer_lost',
          hint: 'Do not order again: look for it in a few minutes with `ovh-order status` or in the OVH control panel (your orders).',
          entry: entry,
          lookup,
          cause: error,
        },
      );
    }
    if (lookup.state === 'not-ordered') {
      entry = journal.recordOutcome(current.id, 'not-ordered', `answer lost (${loss}); ${seen}`, { recovered: true });
      throw new CheckoutOutcomeError(
        `Nothing was ordered: the checkout of cart ${attempt.cartId} got no answer (${loss}), and ${seen}. It was not sent again.`,
        {
          code: 'checkout_not_placed',
          hint: 'You can order again (the journal allows it): run the same command when OVH answers normally.',
          entry: entry,
          lookup,
          cause: error,
        },
      );
    }
    entry = journal.recordOutcome(current.id, 'unknown', `answer lost (${loss}); ${seen}`, { recovered: true });
    const maybe =
      lookup.candidates.length > 0 ? ` Orders that might be it: ${lookup.candidates.join(', ')} (see each with \`ovh-order status <orderId>\`).` : '';
    throw new CheckoutOutcomeError(
      `The checkout of cart ${attempt.cartId} got no answer (${loss}), and ovh-order could not tell whether the order went through (${seen}). It was not sent again.${maybe}`,
      {
        code: 'checkout_outcome_unknown',
        hint:
          'Check before ordering again: in a few minutes, `ovh-order status` looks it up again (or see your orders in the OVH control panel). ' +
          'The same order is refused until then (--force overrides).',
        entry: entry,
        lookup,
        cause: error,
      },
    );
  }
}

/**
 * True when a failed `checkout()` certainly bought nothing: OVH refused it (4xx), the journal
 * refused to post it, or the lookup after a lost answer showed the cart still open. The caller may
 * then delete the cart; in every other case the cart must be kept and the orders checked.
 */
export function nothingWasOrdered(error: unknown): boolean {
  if (error instanceof UnresolvedOrderError || notPosted.has(error as object)) return true;
  if (error instanceof CheckoutOutcomeError) return error.code === 'checkout_not_placed';
  // Refused because this cart was (maybe) checked out before: that earlier order may exist.
  if (error instanceof CliError && error.code === 'checkout_repeated') return false;
  const cls = classifyCheckoutFailure(error);
  return cls === 'refused' || cls === 'not-sent';
}

/** Errors thrown before the POST left (Ctrl-C, the journal, TLS off): nothing was sent. */
const notPosted = new WeakSet<object>();

/**
 * Runs the journal work that must come before the POST. A journal that cannot be locked, read or
 * written stops the checkout: the error then says that nothing was ordered and names the problem.
 */
async function journalOrNothing(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // Refusals are usage errors (exit 2); an exit-1 error here is the journal's file (locked, read-only, a link…).
    if (error instanceof CliError && error.exitCode === ExitCode.failure) {
      const refusal = new CliError(`Nothing was ordered: the checkout was not sent, because ${lowerFirst(error.message)}`, {
        code: error.code,
        hint: error.hint,
        exitCode: ExitCode.failure,
        cause: error,
      });
      notPosted.add(refusal);
      throw refusal;
    }
    throw error;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function unverifiedTlsRefusal(why: string): CliError {
  const error = new CliError(`Nothing was ordered: not sending a checkout with certificate verification switched off (${why}).`, {
    code: 'tls_unverified',
    hint: "Without verification, anyone on the network path could answer in OVH's name. Unset NODE_TLS_REJECT_UNAUTHORIZED; for a private CA, use NODE_EXTRA_CA_CERTS.",
    exitCode: ExitCode.failure,
  });
  notPosted.add(error);
  return error;
}
function interruptedBeforePost(reason: unknown): InterruptedError {
  const error = new InterruptedError('Interrupted before the checkout was sent: nothing was ordered.', {
    cause: reason instanceof InterruptedError ? reason : undefined,
  });
  notPosted.add(error);
  return error;
}

/** A PlacedOrderResult built from the order found under /me/order (the POST's answer was lost). */
function recoveredResult(lookup: LookupResult, attempt: CheckoutAttempt): PlacedOrderResult {
  const found = lookup.order;
  const order: PlacedOrder = {
    orderId: lookup.orderId!,
    url: lookup.orderUrl ?? found?.url ?? '',
    prices: found
      ? { withoutTax: found.priceWithoutTax, withTax: found.priceWithTax, tax: found.tax }
      : { withoutTax: { currencyCode: 'N/A', text: '', value: 0 }, withTax: { currencyCode: 'N/A', text: '', value: 0 } },
  };
  return { orderId: order.orderId, url: order.url, order, body: attempt.body };
}

/** What a cart holds, as the journal records it (so the wizard and `order` fingerprint alike). */
export function orderedThingFromContents(contents: CartContents): OrderedThing {
  const server = contents.server;
  if (!server || !server.settings.planCode) {
    throw new CliError(`Cart ${contents.cart.cartId} has no server to order.`, { code: 'empty_cart', exitCode: ExitCode.failure });
  }
  const datacenter = contents.configurations.find((c) => c.label === 'dedicated_datacenter')?.value;
  return {
    range: contents.product ?? server.productId,
    planCode: server.settings.planCode,
    options: contents.options.map((o) => o.settings.planCode).filter((c): c is string => Boolean(c)),
    ...(datacenter ? { datacenter } : {}),
    quantity: server.settings.quantity ?? 1,
    duration: server.duration ?? '',
    pricingMode: server.settings.pricingMode ?? 'default',
  };
}

/** Whether a journal entry should block a repeat (re-exported for renderers). */
export { isUnresolved };
