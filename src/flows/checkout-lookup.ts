// Finding out, with reads only, whether a checkout whose answer was lost placed an order: the cart
// (read-only once checked out) and the orders dated since the checkout started, matched by plan
// code. Used right after a lost answer (checkout-recovery.ts) and later by `ovh-order status`.
import { raceInterrupt } from './interruptible.js';
import type { JournalEntry } from '../config/journal.js';
import { InterruptedError } from '../errors.js';
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
  /** The order was matched by its plan code (true) or taken as the only new order (false). */
  matchedByPlan?: boolean;
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

/** Margin before the entry's start when listing orders: clocks differ, and OVH dates by its own. */
export const ORDER_LOOKUP_MARGIN_MS = 5 * 60_000;

/**
 * Finds out, with reads only, whether the checkout of `entry.cartId` placed an order: the cart
 * (read-only once checked out) and the orders dated since the entry started, matched by plan code.
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
      return { state: 'unknown', cartReadOnly, ordersListed: false, evidence };
    }
    return { state: 'not-ordered', cartReadOnly, ordersListed: false, evidence };
  }

  const startedMs = Date.parse(entry.startedAt) + (options.timeOffsetSeconds ?? 0) * 1000;
  const since = new Date(startedMs - ORDER_LOOKUP_MARGIN_MS);
  let ids: number[] = [];
  let ordersListed = false;
  try {
    ids = await guard(listOrdersSince(api, since));
    ordersListed = true;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    evidence.push(`your orders could not be listed (${shortReason(error)})`);
  }

  const known = options.knownOrderIds ?? new Set<number>();
  const candidates = [...new Set(ids)]
    .filter((id) => !known.has(id))
    .sort((a, b) => b - a)
    .slice(0, options.maxCandidates ?? 5);
  const fresh: Array<{ order: BillingOrder; planMatch: boolean | null }> = [];
  for (const id of candidates) {
    try {
      const order = await guard(api.getOrder(id));
      const date = order.date ? Date.parse(String(order.date)) : Number.NaN;
      if (Number.isFinite(date) && date < since.getTime()) continue;
      const planMatch = await guard(orderHasPlan(api, id, entry.what.planCode));
      fresh.push({ order, planMatch });
      if (planMatch) break;
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      evidence.push(`order ${id} could not be read (${shortReason(error)})`);
    }
  }

  const matched = fresh.find((f) => f.planMatch === true);
  if (ordersListed && !matched) {
    evidence.push(
      fresh.length === 0 ? 'no new order appears under /me/order' : `no new order under /me/order is for ${entry.what.planCode}`,
    );
  }
  const found = (f: { order: BillingOrder }, byPlan: boolean): LookupResult => {
    evidence.push(`order ${f.order.orderId} ${byPlan ? `for ${entry.what.planCode} ` : ''}appears under /me/order`);
    return { state: 'ordered', orderId: f.order.orderId, orderUrl: f.order.url, order: f.order, cartReadOnly, ordersListed, matchedByPlan: byPlan, evidence };
  };
  // Newest first: the order just placed is the newest one for this plan.
  if (matched) return found(matched, true);
  // The cart says it went through; one new order whose lines could not be read is that order.
  const unreadable = fresh.filter((f) => f.planMatch === null);
  if (cartReadOnly === true && unreadable.length === 1 && fresh.length === 1) return found(unreadable[0]!, false);
  if (cartReadOnly === true) return { state: 'ordered', cartReadOnly, ordersListed, evidence };
  // The cart is gone (expired, deleted) or unreadable, and no order shows: cannot tell.
  return { state: 'unknown', cartReadOnly, ordersListed, evidence };
}

/** `GET /me/order?date.from=…`; an API that refuses the filter is asked without it. */
async function listOrdersSince(api: LookupApi, since: Date): Promise<number[]> {
  try {
    return await api.listOrders({ dateFrom: since.toISOString() });
  } catch (error) {
    if (error instanceof OvhApiError && error.kind === 'bad-request') return api.listOrders();
    throw error;
  }
}

/** true/false when the order's lines say whether it is for `planCode`; null when they could not be read. */
async function orderHasPlan(api: LookupApi, orderId: number, planCode: string): Promise<boolean | null> {
  let detailIds: number[];
  try {
    detailIds = await api.listOrderDetails(orderId);
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return null;
  }
  let readAny = false;
  for (const detailId of detailIds.slice(0, 12)) {
    try {
      const extension = await api.getOrderDetailExtension(orderId, detailId);
      readAny = true;
      if (extension.order.plan.code === planCode) return true;
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
    }
  }
  return readAny ? false : null;
}

function shortReason(error: unknown): string {
  if (error instanceof OvhApiError) {
    if (error.status !== undefined) return `HTTP ${error.status}${error.ovhMessage ? `: ${error.ovhMessage}` : ''}`;
    return error.kind;
  }
  return error instanceof Error ? error.message : String(error);
}

