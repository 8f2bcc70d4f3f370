// The order journal seen from a command: the checkout hooks a command passes to `checkout()` (so
// the wizard and `ovh-order order` journal and recover alike), and `ovh-order status` without an
// id, which lists the journal's recent orders and looks unresolved ones up again with OVH.
import type { Column, renderTable } from '../ui/table.js';
import type { Context } from '../runtime/context.js';
import type { Session } from './session.js';
import { openJournal } from '../config/journal.js';
import type { Journal, JournalEntry, OrderedThing } from '../domain/journal.js';
import { CliError, CredentialsError, ExitCode, InterruptedError } from '../domain/errors.js';
import type { OvhApi } from '../ovh/api.js';
import type { OrderSpec } from '../domain/order-spec.js';
import type { Output } from '../ui/output.js';
import type { Prompter } from '../ui/prompter.js';
import type { CheckoutAttempt } from '../flows/checkout.js';
import { utcMinuteText } from '../domain/words.js';
import {
  CHECKOUT_SETTLE_MS,
  describeEntry,
  isUnresolved,
  repeatReason,
  journaledCheckoutHooks,
  lookUpCheckout,
  orderedThingFromContents,
  refuseRepeat,
  stateWords,
  type JournaledCheckoutHooks,
  type JournaledCheckoutOptions,
} from '../flows/checkout-recovery.js';

/**
 * The API an entry is written against. `--sandbox` runs get a new port each time, so they are
 * journaled as `sandbox` (one simulated account, kept in its state file).
 */
export function journalEndpointOf(session: Pick<Session, 'endpoint' | 'endpointSource'>): string {
  return session.endpointSource === 'sandbox' ? SANDBOX_JOURNAL_ENDPOINT : session.endpoint.apiUrl;
}

const SANDBOX_JOURNAL_ENDPOINT = 'sandbox';

/** Opens the journal and shows its permission warnings (a file found open to others is tightened). */
export function openOrderJournal(ctx: Pick<Context, 'env' | 'now'>, output: Pick<Output, 'warn'>): Journal {
  const journal = openJournal(ctx.env, { now: () => ctx.now() });
  for (const warning of journal.warnings) output.warn(warning);
  journal.warnings.length = 0;
  return journal;
}

export interface CheckoutHooksForOptions {
  /** What is ordered; when absent it is read from the cart right before the POST. */
  what?: JournaledCheckoutOptions['what'];
  /** `--force` (true), or a question for the person (the wizard). */
  force?: JournaledCheckoutOptions['force'];
  subsidiary?: string;
  /** The client to read with, when it may change during the command (login mid-wizard). Default: the session's. */
  api?: () => OvhApi;
  /** Recorded with the entry (`watch:<id>`). */
  source?: string;
}

/** The journal hooks for `checkout(api, cartId, choice, hooks)` in a command with a session. */
export function checkoutHooksFor(ctx: Context, session: Session, output: Output, options: CheckoutHooksForOptions = {}): JournaledCheckoutHooks {
  const api = options.api ?? (() => session.api);
  const readWhat = async (attempt: CheckoutAttempt): Promise<OrderedThing> => {
    const { CartSession } = await import('../flows/cart-builder.js');
    const cart = await CartSession.open(api(), attempt.cartId);
    return orderedThingFromContents(await cart.contents());
  };
  return journaledCheckoutHooks({
    journal: openOrderJournal(ctx, output),
    api,
    endpoint: journalEndpointOf(session),
    subsidiary: options.subsidiary ?? session.defaultSubsidiary,
    what: options.what ?? readWhat,
    output,
    force: options.force,
    timeOffsetSeconds: () => api().client.timeOffsetSeconds,
    signal: ctx.interrupt.signal,
    quitNotes: ctx.quitNotes,
    unverifiedTls: unverifiedTls(ctx, session),
    ...(options.source ? { source: options.source } : {}),
  });
}

/**
 * Why a checkout to this endpoint would go without certificate verification, if it would: Node
 * accepts any certificate under NODE_TLS_REJECT_UNAUTHORIZED=0 with only a warning. The `--sandbox`
 * runs on this machine, so only real endpoints are refused.
 */
function unverifiedTls(ctx: Pick<Context, 'env'>, session: Pick<Session, 'endpointSource'>): string | undefined {
  if (session.endpointSource === 'sandbox') return undefined;
  return ctx.env.NODE_TLS_REJECT_UNAUTHORIZED === '0' || process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0' ? 'NODE_TLS_REJECT_UNAUTHORIZED=0' : undefined;
}

/** What an order spec buys, as the journal records it. */
export function orderedThingFromSpec(
  spec: Pick<OrderSpec, 'range' | 'planCode' | 'options' | 'datacenter' | 'quantity' | 'duration' | 'pricingMode'>,
): OrderedThing {
  return {
    range: spec.range,
    planCode: spec.planCode,
    options: [...spec.options],
    datacenter: spec.datacenter,
    quantity: spec.quantity,
    duration: spec.duration,
    pricingMode: spec.pricingMode,
  };
}

/**
 * For `ovh-order order`, called with the complete spec before any cart exists: refuses at once
 * (UnresolvedOrderError, exit 2) when the journal has an unresolved checkout of the same server,
 * unless --force or --dry-run; then journals the checkout itself.
 */
export function orderCheckoutHooks(
  ctx: Context,
  session: Session,
  output: Output,
  spec: OrderSpec,
  options: { force: boolean; dryRun: boolean; source?: string },
): JournaledCheckoutHooks {
  const what = orderedThingFromSpec(spec);
  const hooks = checkoutHooksFor(ctx, session, output, { what, force: options.force, subsidiary: spec.subsidiary, source: options.source });
  if (!options.dryRun) {
    // Refused before any cart exists; the checkout hooks check both again right before the POST.
    const tls = unverifiedTls(ctx, session);
    if (tls)
      throw new CliError(`Not ordering: certificate verification is switched off (${tls}), so the answers could come from anyone on the network path.`, {
        code: 'tls_unverified',
        hint: 'Unset NODE_TLS_REJECT_UNAUTHORIZED; for a private CA, use NODE_EXTRA_CA_CERTS. --dry-run still shows the price.',
        exitCode: ExitCode.failure,
      });
    refuseRepeat(openOrderJournal(ctx, output), journalEndpointOf(session), what, options.force);
  }
  return hooks;
}

/**
 * For the wizard: what is ordered is read from the cart right before the POST, the client is the
 * wizard's current one (it changes on a mid-flow login), and an unresolved earlier checkout of the
 * same server is put to the person as a question (default No) instead of --force.
 */
export function wizardCheckoutHooks(ctx: Context, session: Session, output: Output, prompter: Prompter, api: () => OvhApi): JournaledCheckoutHooks {
  return checkoutHooksFor(ctx, session, output, {
    api,
    force: async (entries) => {
      for (const entry of entries) output.warn(repeatReason(entry));
      output.warn(
        'Ordering again could buy it twice. Check first with `ovh-order status` (or your orders in the OVH control panel); several servers at once are one order with a quantity.',
      );
      return prompter.confirm({ id: 'order-despite-unresolved', message: 'Order it anyway?', default: false });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// `ovh-order status` without an id
// ---------------------------------------------------------------------------------------------

const JOURNAL_LIST_LIMIT = 20;

export interface JournalStatusDeps {
  output: Output;
  /** Opens a session with the account; undefined when there are no usable credentials. */
  openSession?: () => Promise<Session | undefined>;
}

/**
 * The entries `status` shows: with --sandbox only the sandbox's, otherwise only real APIs' (the
 * simulated orders never mix with the account's), newest first.
 */
function entriesShown(ctx: Pick<Context, 'globals'>, journal: Journal): JournalEntry[] {
  const sandbox = ctx.globals.sandbox === true;
  return journal
    .recent(Number.MAX_SAFE_INTEGER)
    .filter((e) => (e.endpoint === SANDBOX_JOURNAL_ENDPOINT) === sandbox)
    .filter((e) => sandbox || !onThisMachine(e.endpoint) || sameHost(e.endpoint, ctx.globals.endpoint))
    .slice(0, JOURNAL_LIST_LIMIT);
}

/**
 * An API served on this machine (loopback: `ovh-order sandbox`, a test server) is never OVH's: its
 * entries are shown only when `--endpoint` names that API, never among the account's orders.
 */
function onThisMachine(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

function sameHost(endpoint: string, current: string | undefined): boolean {
  if (!current) return false;
  try {
    return new URL(endpoint).host === new URL(current).host;
  } catch {
    return false;
  }
}

/** An entry's API in a few letters: `eu.api.ovh.com`, `127.0.0.1:8443`, `ovh-eu`. */
function apiName(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * The journal's table; on a terminal narrower than it (a cart id alone is 36 columns), each cart id
 * goes on its own line under its row instead of wrapping every line. Not on a terminal: one row each.
 */
function fitJournalTable(
  render: typeof renderTable,
  columns: Column[],
  rows: string[][],
  options: { heading: (s: string) => string; muted: (s: string) => string; width: number | undefined },
): string {
  const whole = render(columns, rows, { heading: options.heading });
  // eslint-disable-next-line no-control-regex
  const visible = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '').trimEnd().length;
  if (options.width === undefined || whole.split('\n').every((line) => visible(line) <= options.width!)) return whole;
  const [header = '', ...lines] = render(
    columns.slice(0, -1),
    rows.map((row) => row.slice(0, -1)),
    { heading: options.heading },
  ).split('\n');
  return [header.trimEnd(), ...lines.flatMap((line, i) => [line.trimEnd(), options.muted(`  cart ${rows[i]!.at(-1)!}`)])].join('\n');
}

/**
 * Lists the journal's recent orders (newest first): the sandbox's with --sandbox, the real APIs'
 * otherwise, each row naming its API when they differ. Unresolved checkouts on the current API
 * are first looked up again with OVH (reads only) and their outcome recorded. Exit 0.
 */
export async function runJournalStatus(ctx: Context, deps: JournalStatusDeps): Promise<number> {
  const { output } = deps;
  const journal = openOrderJournal(ctx, output);
  const rechecked = await recheckUnresolved(ctx, journal, deps);
  const entries = entriesShown(ctx, journal);
  const mixed = new Set(entries.map((e) => e.endpoint)).size > 1;

  if (ctx.globals.json) {
    output.json({
      journal: journal.path,
      rechecked,
      entries: entries.map((e) => ({ ...e, unresolved: isUnresolved(e) })),
    });
    return 0;
  }
  if (entries.length === 0) {
    const which = ctx.globals.sandbox === true ? 'sandbox orders' : 'orders';
    output.info(
      `No ${which} in the journal yet (${journal.path}). ${ctx.globals.sandbox === true ? 'Orders placed with --sandbox' : 'Orders placed with ovh-order'} are listed here.`,
    );
    return 0;
  }
  const { renderTable: render } = await import('../ui/table.js');
  const { createTheme } = await import('../ui/theme.js');
  const theme = createTheme(ctx, ctx.stdout);
  const rows = entries.map((e) => [
    ...(mixed ? [apiName(e.endpoint)] : []),
    utcMinuteText(e.startedAt),
    `${e.what.planCode} ×${e.what.quantity}${e.what.datacenter ? ` ${e.what.datacenter}` : ''}`,
    e.orderId !== undefined ? String(e.orderId) : '—',
    isUnresolved(e) ? theme.warn(stateWords(e)) : e.state === 'ordered' ? theme.ok(stateWords(e)) : stateWords(e),
    e.cartId,
  ]);
  const columns: Column[] = [
    ...(mixed ? [{ header: 'API' }] : []),
    { header: 'Started' },
    { header: 'Server' },
    { header: 'Order', align: 'right' },
    { header: 'Outcome' },
    { header: 'Cart' },
  ];
  output.result(
    fitJournalTable(render, columns, rows, {
      heading: theme.heading,
      muted: theme.muted,
      width: ctx.stdout.isTTY === true ? (ctx.stdout.columns ?? 80) : undefined,
    }),
  );
  const open = entries.filter(isUnresolved);
  for (const entry of open) {
    if (entry.state === 'ordered') {
      output.warn(
        `Order ${entry.orderId ?? '(id not known yet)'} was found after the answer to its checkout was lost (cart ${entry.cartId}); ` +
          'the same order is refused until you pass --force, so that a retried command does not buy it twice.',
      );
    } else {
      output.warn(`Needs checking: ${describeEntry(entry)}.${entry.note ? ` Last seen: ${entry.note}.` : ''}`);
    }
  }
  if (open.some((e) => e.state !== 'ordered')) {
    output.info(
      'The same order is refused while a checkout needs checking. Look at your orders (`ovh-order status <orderId>`, or the OVH control panel); ' +
        'then `ovh-order order … --force` orders it anyway.',
    );
  }
  for (const line of rechecked) output.info(line);
  return 0;
}

/** Looks pending/unknown entries of the session's API up again; returns one line per change. */
async function recheckUnresolved(ctx: Context, journal: Journal, deps: JournalStatusDeps): Promise<string[]> {
  const open = journal.unresolved().filter((e) => e.state === 'pending' || e.state === 'unknown');
  if (open.length === 0 || !deps.openSession) return [];
  let session: Session | undefined;
  try {
    session = await deps.openSession();
  } catch (error) {
    if (error instanceof CredentialsError) {
      deps.output.warn('Not logged in: unresolved checkouts are listed as recorded, not looked up again (`ovh-order login`).');
      return [];
    }
    throw error;
  }
  if (!session) return [];
  const endpoint = journalEndpointOf(session);
  const changes: string[] = [];
  const known = new Set(journal.recent(1000).flatMap((e) => (e.orderId !== undefined ? [e.orderId] : [])));
  for (const entry of open.filter((e) => e.endpoint === endpoint)) {
    const lookup = await deps.output.spin(`Looking up the checkout of cart ${entry.cartId}`, () =>
      lookUpCheckout(session.api, entry, {
        knownOrderIds: known,
        timeOffsetSeconds: session.api.client.timeOffsetSeconds,
        signal: ctx.interrupt.signal,
        mayStillBeProcessing: ctx.now().getTime() - Date.parse(entry.startedAt) < CHECKOUT_SETTLE_MS,
      }).catch((error: unknown) => {
        if (error instanceof InterruptedError) throw error;
        return undefined;
      }),
    );
    if (!lookup || lookup.state === 'unknown') continue;
    const order = lookup.orderId !== undefined ? { orderId: lookup.orderId, url: lookup.orderUrl } : undefined;
    // Wait for another ovh-order's lock here, where Ctrl-C can stop the wait (the write's own wait cannot).
    await journal.whenUnlocked(ctx.interrupt.signal);
    const updated: JournalEntry = journal.recordOutcome(entry.id, lookup.state, `looked up again: ${lookup.evidence.join('; ')}`, { order, recovered: true });
    if (updated.orderId !== undefined) known.add(updated.orderId);
    changes.push(
      `Cart ${entry.cartId}: ${stateWords(updated)}${updated.orderId !== undefined ? ` (order ${updated.orderId})` : ''} — ${lookup.evidence.join('; ')}.`,
    );
  }
  return changes;
}
