// The order journal's model: what an entry says, when two entries order "the same thing", and
// which entries stop the same order from being placed again. Pure: the file itself (lock, atomic
// replace, permissions) is src/config/journal.ts; the checkout hooks are src/flows/checkout-recovery.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { billingWords } from './billing.js';

/**
 * pending: the checkout was (maybe) sent, no answer recorded yet.
 * ordered: the order exists (its id is known, or the cart became read-only).
 * not-ordered: established that nothing was bought.
 * unknown: the answer was lost and the lookup could not tell; a person must check.
 */
type JournalState = 'pending' | 'ordered' | 'not-ordered' | 'unknown';

/** An identical order placed within this long is refused unless --force (`--quantity` buys several). */
const IDENTICAL_ORDER_WINDOW_MS = 10 * 60_000;

const OrderedThingSchema = z.object({
  range: z.string(),
  planCode: z.string(),
  options: z.array(z.string()),
  datacenter: z.string().optional(),
  quantity: z.number(),
  duration: z.string(),
  pricingMode: z.string(),
});

/** What is being bought, as the person chose it. */
export type OrderedThing = z.infer<typeof OrderedThingSchema>;

const QuotedTotalSchema = z.object({ withoutTax: z.number(), currency: z.string() });

/** The quote's total the person confirmed (the lookup after a lost answer matches orders against it). */
export type QuotedTotal = z.infer<typeof QuotedTotalSchema>;

const JournalEntrySchema = z.object({
  id: z.string().min(1),
  cartId: z.string().min(1),
  /** API the checkout goes to (URL, or `sandbox`), never with credentials. */
  endpoint: z.string(),
  subsidiary: z.string().optional(),
  what: OrderedThingSchema,
  /** The quote's total when the checkout was sent (entries written before it existed have none). */
  quote: QuotedTotalSchema.optional(),
  /** Stable hash of endpoint + what: two entries with the same fingerprint order "the same thing". */
  fingerprint: z.string(),
  /** ISO time the checkout was about to be posted (our clock). */
  startedAt: z.string(),
  /** OVH's clock minus ours at that moment, in seconds, when it had been measured. */
  clockOffsetSeconds: z.number().optional(),
  state: z.enum(['pending', 'ordered', 'not-ordered', 'unknown']),
  orderId: z.number().optional(),
  orderUrl: z.string().optional(),
  resolvedAt: z.string().optional(),
  /** What happened / what to check, in words. */
  note: z.string().optional(),
  /**
   * The checkout's answer was lost and the outcome was established by looking it up (cart state,
   * /me/order). An order found that way still blocks the same order until someone passes --force:
   * the run that lost the answer may be retried by a script that never saw the outcome.
   */
  recovered: z.boolean().optional(),
  /** Which run placed it, when it says (`watch:<id>`): `watch --max-orders` counts its own orders by it. */
  source: z.string().optional(),
  /** Set when a later order was forced past this entry (`--force`). */
  overriddenAt: z.string().optional(),
  /** The entry id of that later order. */
  overriddenBy: z.string().optional(),
});

export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** journal.json: unknown fields are dropped, a wrong one makes the whole file unreadable. */
export const JournalDocumentSchema = z.object({ version: z.number().optional(), entries: z.array(JournalEntrySchema) });

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
    // A preset name such as `ovh-eu`, or `sandbox`.
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
  const canonical = JSON.stringify([journalEndpoint(endpoint), w.range, w.planCode, w.datacenter ?? null, w.quantity, w.duration, w.pricingMode]);
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

/** An order of the same thing confirmed less than IDENTICAL_ORDER_WINDOW_MS before `now`. */
function isRecentIdenticalOrder(entry: JournalEntry, now: Date): boolean {
  if (entry.overriddenAt || entry.state !== 'ordered') return false;
  const age = now.getTime() - Date.parse(entry.startedAt);
  return age >= -IDENTICAL_ORDER_WINDOW_MS && age < IDENTICAL_ORDER_WINDOW_MS;
}

/** Entries that stop the same order from being placed again without --force: unresolved, or just ordered. */
export function blocksRepeat(entry: JournalEntry, now: Date): boolean {
  return isUnresolved(entry) || isRecentIdenticalOrder(entry, now);
}

/** One line describing what an entry ordered: `24rise01 ×1 (eco, P1M default) in gra + 2 options`. */
export function describeThing(what: OrderedThing): string {
  const place = what.datacenter ? ` in ${what.datacenter}` : '';
  const options = what.options.length > 0 ? ` + ${what.options.length} option${what.options.length > 1 ? 's' : ''}` : '';
  const billing = billingWords(what.pricingMode, what.duration);
  return `${what.planCode} ×${what.quantity} (${what.range}, ${billing.charAt(0).toLowerCase()}${billing.slice(1)})${place}${options}`;
}

interface BeginCheckout {
  cartId: string;
  endpoint: string;
  subsidiary?: string;
  what: OrderedThing;
  quote?: QuotedTotal;
  clockOffsetSeconds?: number;
  source?: string;
}

/** The journal as flows use it (src/config/journal.ts keeps it in a file). */
export interface Journal {
  /** Absolute path of journal.json. */
  readonly path: string;
  /** Permission problems found and fixed while opening. */
  readonly warnings: string[];
  /**
   * Records, durably, that a checkout is about to be posted. Call it BEFORE the POST. `check`
   * runs under the journal's lock with the entries that block ordering the same thing again (see
   * `blocksRepeat`) and the entries of the same cart, as they are at that moment (another
   * ovh-order may have written since they were last read); if it throws, nothing is written.
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
  /**
   * Resolves once no other ovh-order holds the journal's lock (or after the lock wait); rejects
   * with the signal's reason on Ctrl-C. Awaited before beginCheckout, whose own wait is synchronous.
   */
  whenUnlocked(signal?: AbortSignal): Promise<void>;
  /** Entries ordering the same thing that block ordering it again now (`blocksRepeat`), newest first. */
  findRepeats(fingerprint: string): JournalEntry[];
  /** All unresolved entries, newest first. */
  unresolved(): JournalEntry[];
  /** Every entry for one cart, newest first. */
  forCart(cartId: string): JournalEntry[];
  /** The `n` most recent entries, newest first. */
  recent(n?: number): JournalEntry[];
  get(id: string): JournalEntry | undefined;
}

interface OutcomeExtra {
  order?: { orderId: number; url?: string | null };
  /** The outcome comes from a lookup after a lost answer (see JournalEntry.recovered). */
  recovered?: boolean;
}
