// The order journal: what ovh-order was about to buy, written BEFORE `POST …/checkout` and
// completed after it. If the answer to a checkout is lost (timeout, dropped connection, 5xx, crash,
// Ctrl-C) the entry stays "pending" and the next attempt to order the same thing is refused until
// someone checks: a lost answer must never turn into a second server with a 12-month commitment.
//
// One JSON file `<configDir>/journal.json`, 0600 in a 0700 directory, replaced atomically (temp file
// in the same directory + fsync + rename) under a lock file, so a crash or a second ovh-order never
// leaves it half-written. Every operation is synchronous on purpose: a signal handler cannot run in
// the middle of one. It holds no secret: only the cart id, the endpoint URL, what was ordered,
// times and the order id/url.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { configDir, displayPath } from './paths.js';
import { acquireLock, writeAtomically } from './atomic-file.js';
import { ensurePrivateDir, fixFileMode } from './store.js';

export { LOCK_STALE_MS } from './atomic-file.js';

export const JOURNAL_FILE = 'journal.json';
export const JOURNAL_VERSION = 1;
/** Resolved entries beyond this many are forgotten (unresolved ones never are). */
export const JOURNAL_MAX_ENTRIES = 200;
const LOCK_WAIT_MS = 5_000;

/**
 * pending: the checkout was (maybe) sent, no answer recorded yet.
 * ordered: the order exists (its id is known, or the cart became read-only).
 * not-ordered: established that nothing was bought.
 * unknown: the answer was lost and the lookup could not tell; a person must check.
 */
export type JournalState = 'pending' | 'ordered' | 'not-ordered' | 'unknown';
export const JOURNAL_STATES: readonly JournalState[] = ['pending', 'ordered', 'not-ordered', 'unknown'];

/** What is being bought, as the person chose it. */
export interface OrderedThing {
  /** Catalog range: `eco`, `baremetal`, `dedicated` (the cart product `baremetalServers` is stored as `baremetal`). */
  range: string;
  planCode: string;
  /** Option plan codes. */
  options: string[];
  datacenter?: string;
  quantity: number;
  /** ISO 8601 duration, e.g. `P1M`. */
  duration: string;
  pricingMode: string;
}

export interface JournalEntry {
  id: string;
  cartId: string;
  /** API the checkout goes to (URL or preset name), never with credentials. */
  endpoint: string;
  subsidiary?: string;
  what: OrderedThing;
  /** Stable hash of endpoint + what: two entries with the same fingerprint order "the same thing". */
  fingerprint: string;
  /** ISO time the checkout was about to be posted. */
  startedAt: string;
  state: JournalState;
  orderId?: number;
  orderUrl?: string;
  resolvedAt?: string;
  /** What happened / what to check, in words. */
  note?: string;
  /**
   * The checkout's answer was lost and the outcome was established by looking it up (cart state,
   * /me/order). An order found that way still blocks the same order until someone passes --force:
   * the run that lost the answer may be retried by a script that never saw the outcome.
   */
  recovered?: boolean;
  /** Set when a later order was forced past this unresolved entry (`--force`). */
  overriddenAt?: string;
  /** The entry id of that later order. */
  overriddenBy?: string;
}

export interface BeginCheckout {
  cartId: string;
  endpoint: string;
  subsidiary?: string;
  what: OrderedThing;
}

interface JournalDocument {
  version: number;
  entries: JournalEntry[];
}

export interface Journal {
  /** Absolute path of journal.json. */
  readonly path: string;
  /** Permission problems found and fixed while opening. */
  readonly warnings: string[];
  /**
   * Records, durably, that a checkout is about to be posted. Call it BEFORE the POST. `check`
   * runs under the journal's lock with the unresolved entries ordering the same thing and the
   * entries of the same cart, as they are at that moment (another ovh-order may have written
   * since they were last read); if it throws, nothing is written.
   */
  beginCheckout(input: BeginCheckout, check?: (current: { sameThing: JournalEntry[]; sameCart: JournalEntry[] }) => void): JournalEntry;
  /** The checkout answered with an order: state `ordered`. */
  recordOrder(id: string, order: { orderId: number; url?: string | null }, note?: string): JournalEntry;
  /** The outcome of a lost answer (or any other resolution), with a note for the person. */
  recordOutcome(id: string, state: JournalState, note?: string, extra?: OutcomeExtra): JournalEntry;
  /** Marks unresolved entries as knowingly overridden by the order `byId` (`--force`). */
  markOverridden(ids: readonly string[], byId: string): void;
  /**
   * Entries ordering the same thing that a person must look at before ordering it again (see
   * `isUnresolved`), newest first.
   */
  findUnresolved(fingerprint: string): JournalEntry[];
  /** All unresolved entries, newest first. */
  unresolved(): JournalEntry[];
  /** Every entry for one cart, newest first. */
  forCart(cartId: string): JournalEntry[];
  /** The `n` most recent entries, newest first. */
  recent(n?: number): JournalEntry[];
  get(id: string): JournalEntry | undefined;
}

export interface OutcomeExtra {
  order?: { orderId: number; url?: string | null };
  /** The outcome comes from a lookup after a lost answer (see JournalEntry.recovered). */
  recovered?: boolean;
}

export interface OpenJournalOptions {
  now?: () => Date;
  /** How long to wait for another ovh-order holding the lock (default 5 s). */
  lockWaitMs?: number;
  /** Resolved entries kept (default JOURNAL_MAX_ENTRIES). */
  maxEntries?: number;
}

/** The endpoint as it may be written down: no user:password, no query, no fragment. */
export function journalEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    // A preset name such as `ovh-eu`.
    return endpoint;
  }
}

/** Only the known fields, normalised (options sorted, codes trimmed), so nothing else is ever persisted. */
export function normaliseThing(what: OrderedThing): OrderedThing {
  const out: OrderedThing = {
    // The cart product `baremetalServers` is the range `baremetal`: the wizard and `order` name it apart.
    range: String(what.range) === 'baremetalServers' ? 'baremetal' : String(what.range),
    planCode: String(what.planCode).trim(),
    options: [...(what.options ?? [])].map((o) => String(o).trim()).sort(),
    quantity: Number(what.quantity) || 1,
    duration: String(what.duration).trim(),
    pricingMode: String(what.pricingMode).trim(),
  };
  if (what.datacenter) out.datacenter = String(what.datacenter).trim().toLowerCase();
  return out;
}

/**
 * Stable hash naming "the same server ordered again": API, range, plan, datacenter, quantity and
 * billing. Options are left out on purpose: a retried command resolves the same defaults, and the
 * order command can then refuse before it builds a cart (options are only known inside the cart).
 */
export function fingerprintOf(endpoint: string, what: OrderedThing): string {
  const w = normaliseThing(what);
  const canonical = JSON.stringify([
    journalEndpoint(endpoint),
    w.range,
    w.planCode,
    w.datacenter ?? null,
    w.quantity,
    w.duration,
    w.pricingMode,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/**
 * Unresolved = ordering the same thing again could buy it twice, so it is refused until checked:
 * the outcome is not known (pending, unknown), or the order was only found by a lookup after its
 * answer was lost. Entries overridden with --force no longer count.
 */
export function isUnresolved(entry: JournalEntry): boolean {
  if (entry.overriddenAt) return false;
  if (entry.state === 'pending' || entry.state === 'unknown') return true;
  return entry.state === 'ordered' && entry.recovered === true;
}

/** One line describing what an entry ordered: `24rise01 ×1 (eco, P1M default) in gra + 2 options`. */
export function describeThing(what: OrderedThing): string {
  const place = what.datacenter ? ` in ${what.datacenter}` : '';
  const options = what.options.length > 0 ? ` + ${what.options.length} option${what.options.length > 1 ? 's' : ''}` : '';
  return `${what.planCode} ×${what.quantity} (${what.range}, ${what.duration} ${what.pricingMode})${place}${options}`;
}

export function openJournal(env: NodeJS.ProcessEnv, options: OpenJournalOptions = {}): Journal {
  const now = options.now ?? (() => new Date());
  const dir = configDir(env);
  const file = path.join(dir, JOURNAL_FILE);
  const lockFile = `${file}.lock`;
  const warnings: string[] = [];
  if (fs.existsSync(dir)) warnings.push(...ensurePrivateDir(dir, env));
  const fileWarning = fixFileMode(file, env);
  if (fileWarning) warnings.push(fileWarning);

  const read = (): JournalDocument => readDocument(file, env);

  /** Read-modify-write under the lock; the change is on disk (renamed into place) when this returns. */
  const update = <T>(change: (doc: JournalDocument) => T): T => {
    warnings.push(...ensurePrivateDir(dir, env));
    const release = acquireLock(lockFile, env, options.lockWaitMs ?? LOCK_WAIT_MS);
    try {
      const doc = read();
      const result = change(doc);
      doc.entries = prune(doc.entries, options.maxEntries ?? JOURNAL_MAX_ENTRIES);
      writeAtomically(file, `${JSON.stringify(doc, null, 2)}\n`);
      return result;
    } finally {
      release();
    }
  };

  const mustFind = (doc: JournalDocument, id: string): JournalEntry => {
    const entry = doc.entries.find((e) => e.id === id);
    if (!entry) {
      throw new CliError(`The order journal has no entry ${id}.`, {
        code: 'journal_entry_missing',
        hint: `${displayPath(file, env)} was changed by something else; check your orders with \`ovh-order status\`.`,
        exitCode: ExitCode.failure,
      });
    }
    return entry;
  };

  const newestFirst = (entries: JournalEntry[]) => [...entries].sort((a, b) => b.startedAt.localeCompare(a.startedAt));

  return {
    path: file,
    warnings,
    beginCheckout(input, check) {
      const what = normaliseThing(input.what);
      const endpoint = journalEndpoint(input.endpoint);
      const entry: JournalEntry = {
        id: randomUUID(),
        cartId: String(input.cartId),
        endpoint,
        ...(input.subsidiary ? { subsidiary: String(input.subsidiary) } : {}),
        what,
        fingerprint: fingerprintOf(endpoint, what),
        startedAt: now().toISOString(),
        state: 'pending',
      };
      update((doc) => {
        check?.({
          sameThing: newestFirst(doc.entries.filter((e) => e.fingerprint === entry.fingerprint && isUnresolved(e))),
          sameCart: newestFirst(doc.entries.filter((e) => e.cartId === entry.cartId)),
        });
        doc.entries.push(entry);
      });
      return { ...entry };
    },
    recordOrder(id, order, note) {
      return this.recordOutcome(id, 'ordered', note, { order });
    },
    recordOutcome(id, state, note, extra = {}) {
      const { order } = extra;
      return update((doc) => {
        const entry = mustFind(doc, id);
        entry.state = state;
        if (extra.recovered !== undefined) entry.recovered = extra.recovered;
        if (order) {
          entry.orderId = order.orderId;
          if (order.url) entry.orderUrl = order.url;
        }
        if (note !== undefined) entry.note = note;
        if (state === 'pending') delete entry.resolvedAt;
        else entry.resolvedAt = now().toISOString();
        return { ...entry };
      });
    },
    markOverridden(ids, byId) {
      if (ids.length === 0) return;
      update((doc) => {
        for (const entry of doc.entries) {
          if (!ids.includes(entry.id)) continue;
          entry.overriddenAt = now().toISOString();
          entry.overriddenBy = byId;
        }
      });
    },
    findUnresolved(fingerprint) {
      return newestFirst(read().entries.filter((e) => e.fingerprint === fingerprint && isUnresolved(e)));
    },
    unresolved() {
      return newestFirst(read().entries.filter(isUnresolved));
    },
    forCart(cartId) {
      return newestFirst(read().entries.filter((e) => e.cartId === cartId));
    },
    recent(n = 10) {
      return newestFirst(read().entries).slice(0, n);
    },
    get(id) {
      return read().entries.find((e) => e.id === id);
    },
  };
}

/** Keeps every unresolved entry and the newest resolved ones, in their original order. */
function prune(entries: JournalEntry[], max: number): JournalEntry[] {
  if (entries.length <= max) return entries;
  const keepResolved = new Set(
    entries
      .filter((e) => !isUnresolved(e))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, Math.max(0, max - entries.filter(isUnresolved).length))
      .map((e) => e.id),
  );
  return entries.filter((e) => isUnresolved(e) || keepResolved.has(e.id));
}

function readDocument(file: string, env: NodeJS.ProcessEnv): JournalDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: JOURNAL_VERSION, entries: [] };
    throw unreadable(file, env, (error as NodeJS.ErrnoException).code ?? 'unreadable', error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, env, 'it is not valid JSON', error);
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries) || !entries.every(isEntryShape)) {
    throw unreadable(file, env, 'it does not have the expected entries');
  }
  return { version: JOURNAL_VERSION, entries: entries as JournalEntry[] };
}

function isEntryShape(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    typeof e.cartId === 'string' &&
    typeof e.fingerprint === 'string' &&
    typeof e.startedAt === 'string' &&
    typeof e.state === 'string' &&
    (JOURNAL_STATES as readonly string[]).includes(e.state) &&
    Boolean(e.what) &&
    typeof e.what === 'object'
  );
}

function unreadable(file: string, env: NodeJS.ProcessEnv, detail: string, cause?: unknown): CliError {
  // A journal that cannot be read might hide an unresolved order: refuse rather than guess.
  return new CliError(`Cannot read the order journal ${displayPath(file, env)}: ${detail}.`, {
    code: 'journal_unreadable',
    hint: 'It records checkouts whose outcome may be unknown. Check your recent orders in the OVH control panel, then move that file aside and run the command again.',
    exitCode: ExitCode.failure,
    cause,
  });
}
