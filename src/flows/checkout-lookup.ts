// Finding out, with reads only, whether a checkout whose answer was lost placed an order: the cart
// (read-only once checked out) and the orders dated since the checkout started, matched by plan
// code. Used right after a lost answer (checkout-recovery.ts) and later by `ovh-order status`.
import { raceInterrupt } from './interruptible.js';
import type { JournalEntry } from '../domain/journal.js';
import { InterruptedError } from '../domain/errors.js';
import type { OvhApi } from '../ovh/api.js';
import { OvhApiError } from '../ovh/errors.js';
import type { BillingOrder } from '../ovh/models/me.js';

/** The read-only calls a lookup makes. */
export type LookupApi = Pick<OvhApi, 'getCart' | 'listOrders' | 'getOrder' | 'listOrderDetails' | 'getOrderDetailExtension'>;

export interface LookupResult {
  state: 'ordered' | 'not-ordered' | 'unknown';
  orderId?: number;
  orderUrl?: string;
  /** The order as /me/order shows it, when found. */
  order?: BillingOrder;
  /** true: checked out; false: still open; null: could not be read (gone, expired, error). */
  cartReadOnly: boolean | null;
  /** Whether /me/order could be listed. */
  ordersListed: boolean;
  /** Orders created in the checkout's time window that might be it (all of them when the outcome is unknown). */
  candidates: number[];
  /** What was seen, in words, for the note and the message. */
  evidence: string[];
}

export interface LookupOptions {
  /** Orders already accounted for by other journal entries: never taken for this one. */
  knownOrderIds?: ReadonlySet<number>;
  /** OVH's clock minus ours, in seconds (orders are dated by OVH). */
  timeOffsetSeconds?: number;
  /** Newest orders examined at most. */
  maxCandidates?: number;
  /** The moment of the lookup (default: now). */
  now?: () => Date;
  /** Stops the lookup (Ctrl-C). */
  signal?: AbortSignal;
  /**
   * The checkout may still be running at OVH (it timed out, or was started moments ago): an open
   * cart then proves nothing yet, and the outcome stays unknown.
   */
  mayStillBeProcessing?: boolean;
}

/** After this long, a checkout that has not made its cart read-only did not go through. */
export const CHECKOUT_SETTLE_MS = 5 * 60_000;

/** Clock slack when OVH's clock offset was measured (OVH dates orders to the second). */
const MEASURED_CLOCK_SLACK_MS = 5_000;
/** Clock slack when it was not: local clocks drift by minutes. */
const UNMEASURED_CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Finds out, with reads only, whether the checkout of `entry.cartId` placed an order. An order is
 * attributed to the entry only when it is provably its order: the cart is read-only (checked out),
 * and exactly one order was created between the checkout being sent and the lookup (within
 * CHECKOUT_SETTLE_MS of the checkout, on OVH's clock) with the cart's content — plan, options,
 * datacenter, quantity — and, when the quote's total is known, that total. None, several, or an
 * unreadable cart leave it unknown, with the candidates listed.
 */
export async function lookUpCheckout(api: LookupApi, entry: JournalEntry, options: LookupOptions = {}): Promise<LookupResult> {
  const evidence: string[] = [];
  const guard = <T>(work: Promise<T>): Promise<T> => raceInterrupt(work, options.signal);

  let cartReadOnly: boolean | null = null;
  try {
    const cart = await guard(api.getCart(entry.cartId));
    cartReadOnly = cart.readOnly;
    evidence.push(cart.readOnly ? 'the cart is read-only, so it was checked out' : 'the cart is still open, not checked out');
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    evidence.push(`the cart could not be read (${shortReason(error)})`);
  }

  // A cart that can be read and is still open was not checked out: no order can be its order
  // (an order for the same plan placed meanwhile elsewhere must not be taken for it).
  if (cartReadOnly === false) {
    if (options.mayStillBeProcessing) {
      evidence.push('OVH may still be processing the checkout');
      return { state: 'unknown', cartReadOnly, ordersListed: false, candidates: [], evidence };
    }
    return { state: 'not-ordered', cartReadOnly, ordersListed: false, candidates: [], evidence };
  }

  const window = orderWindow(entry, options);
  let ids: number[] = [];
  let ordersListed = false;
  try {
    ids = await guard(listOrdersBetween(api, window));
    ordersListed = true;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    evidence.push(`your orders could not be listed (${shortReason(error)})`);
  }

  const known = options.knownOrderIds ?? new Set<number>();
  const recentIds = [...new Set(ids)]
    .filter((id) => !known.has(id))
    .sort((a, b) => b - a)
    .slice(0, options.maxCandidates ?? 10);
  const matching: BillingOrder[] = [];
  const candidates: number[] = [];
  for (const id of recentIds) {
    try {
      const order = await guard(api.getOrder(id));
      const date = order.date ? Date.parse(String(order.date)) : Number.NaN;
      // An order dated outside the window is not this checkout's; an undated one might be.
      if (Number.isFinite(date) && (date < window.from.getTime() || date > window.to.getTime())) continue;
      candidates.push(id);
      const mismatch = await guard(contentMismatch(api, order, entry));
      if (mismatch === undefined) matching.push(order);
      else evidence.push(`order ${id} is not it (${mismatch})`);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      candidates.push(id);
      evidence.push(`order ${id} could not be read (${shortReason(error)})`);
    }
  }

  if (ordersListed && candidates.length === 0) evidence.push('no new order appears under /me/order');
  const base = { cartReadOnly, ordersListed, candidates };
  if (cartReadOnly === true && matching.length === 1) {
    const order = matching[0]!;
    evidence.push(`order ${order.orderId} for ${entry.what.planCode}, created after the checkout, matches the cart`);
    return { state: 'ordered', orderId: order.orderId, orderUrl: order.url, order, ...base, evidence };
  }
  if (matching.length > 1)
    evidence.push(`${matching.length} new orders match the cart (${matching.map((o) => o.orderId).join(', ')}), so none can be told to be this one`);
  else if (matching.length === 1) evidence.push(`order ${matching[0]!.orderId} matches, but without the cart it cannot be told to be this one`);
  // The cart says it went through and no other order could be it: ordered, id not known yet.
  if (cartReadOnly === true && candidates.length === 0) return { state: 'ordered', ...base, evidence };
  return { state: 'unknown', ...base, evidence };
}

/** When OVH may have dated this checkout's order: from its sending (on OVH's clock) to the lookup. */
function orderWindow(entry: JournalEntry, options: LookupOptions): { from: Date; to: Date } {
  // The offset of the moment the checkout was sent dates it best; today's dates the lookup.
  const sentOffset = entry.clockOffsetSeconds ?? options.timeOffsetSeconds;
  const slack = sentOffset === undefined ? UNMEASURED_CLOCK_SLACK_MS : MEASURED_CLOCK_SLACK_MS;
  const sent = Date.parse(entry.startedAt) + (sentOffset ?? 0) * 1000;
  const now = (options.now?.() ?? new Date()).getTime() + (options.timeOffsetSeconds ?? sentOffset ?? 0) * 1000;
  return { from: new Date(sent - slack), to: new Date(Math.min(now, sent + CHECKOUT_SETTLE_MS) + slack) };
}

/** `GET /me/order?date.from=…&date.to=…`; an API that refuses the filter is asked without it. */
async function listOrdersBetween(api: LookupApi, window: { from: Date; to: Date }): Promise<number[]> {
  try {
    return await api.listOrders({ dateFrom: window.from.toISOString(), dateTo: window.to.toISOString() });
  } catch (error) {
    if (error instanceof OvhApiError && error.kind === 'bad-request') return api.listOrders();
    throw error;
  }
}

/**
 * Why `order` is not the cart's order (undefined when it matches): its lines must hold the plan
 * with the same quantity and datacenter, every option, and its total must be the quote's.
 * Lines that cannot be read prove nothing, so they count as a mismatch.
 */
async function contentMismatch(api: LookupApi, order: BillingOrder, entry: JournalEntry): Promise<string | undefined> {
  const what = entry.what;
  if (entry.quote && order.priceWithoutTax) {
    const total = order.priceWithoutTax;
    if (total.currencyCode !== entry.quote.currency || Math.abs(total.value - entry.quote.withoutTax) > 0.005) {
      return `its total ${total.value} ${total.currencyCode} is not the quote's ${entry.quote.withoutTax} ${entry.quote.currency}`;
    }
  }
  const detailIds = await api.listOrderDetails(order.orderId);
  const plans: Array<{ code: string; quantity?: number; datacenter?: string }> = [];
  for (const detailId of detailIds.slice(0, 24)) {
    try {
      const extension = await api.getOrderDetailExtension(order.orderId, detailId);
      const datacenter = extension.order.configurations?.find((c) => c.label === 'dedicated_datacenter')?.value;
      plans.push({
        code: extension.order.plan.code ?? '',
        quantity: Number(extension.order.plan.quantity),
        datacenter: datacenter ? String(datacenter).toLowerCase() : undefined,
      });
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      return 'its lines could not be read';
    }
  }
  const server = plans.find((p) => p.code === what.planCode);
  if (!server) return `it is not for ${what.planCode}`;
  if (server.quantity !== undefined && Number.isFinite(server.quantity) && server.quantity !== what.quantity)
    return `quantity ${server.quantity}, not ${what.quantity}`;
  if (what.datacenter && server.datacenter && server.datacenter !== what.datacenter) return `datacenter ${server.datacenter}, not ${what.datacenter}`;
  const codes = new Set(plans.map((p) => p.code));
  const missing = what.options.filter((o) => !codes.has(o));
  if (missing.length > 0) return `it lacks ${missing.join(', ')}`;
  return undefined;
}

function shortReason(error: unknown): string {
  if (error instanceof OvhApiError) {
    if (error.status !== undefined) return `HTTP ${error.status}${error.ovhMessage ? `: ${error.ovhMessage}` : ''}`;
    return error.kind;
  }
  return error instanceof Error ? error.message : String(error);
}
