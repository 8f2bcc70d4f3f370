// THE only code that places an order: one `POST /order/cart/{cartId}/checkout`, never retried (a
// retry after a lost answer could buy twice; the client never retries writes either). The retraction
// period is waived only when the caller says so explicitly. Hooks let a journal record the attempt
// before the POST and the result after it (safety issue: crash-safe checkout).
import type { QuotedTotal } from '../domain/journal.js';
import type { OvhApi } from '../ovh/api.js';
import type { CheckoutOptions, Order, PlacedOrder } from '../ovh/models/order.js';

export interface CheckoutChoice {
  /** Pay at once with the account's preferred payment method (default false: placed unpaid). */
  autopay: boolean;
  /** Waive the legal withdrawal period: only `true` waives; anything else sends false. */
  waiveRetraction?: boolean;
  /** The quote's total the person saw: kept with the attempt, so a lost answer is matched against it. */
  quote?: QuotedTotal;
}

/** What is about to be (or was) posted: the journal entry's core. */
export interface CheckoutAttempt {
  cartId: string;
  body: CheckoutOptions;
  /** When the POST was started. */
  at: Date;
  quote?: QuotedTotal;
}

export interface CheckoutHooks {
  /** Runs before the POST; if it throws, nothing is posted (e.g. the journal could not be written). */
  before?(attempt: CheckoutAttempt): Promise<void> | void;
  /** Runs after the order was placed. */
  after?(order: PlacedOrderResult, attempt: CheckoutAttempt): Promise<void> | void;
  /**
   * Runs when the POST failed. The outcome may be unknown (a lost answer): the hook may look the
   * order up WITHOUT posting again and return it, which `checkout` then returns (`after` is not
   * called for it); otherwise the error is rethrown.
   */
  failed?(error: unknown, attempt: CheckoutAttempt): Promise<PlacedOrderResult | void> | PlacedOrderResult | void;
}

export interface PlacedOrderResult {
  orderId: number;
  /** Where the person pays or follows the order. */
  url: string;
  /** The API's whole answer. */
  order: PlacedOrder;
  /** The body that was posted. */
  body: CheckoutOptions;
}

/** The checkout body: `waiveRetractationPeriod` is true only when explicitly requested. */
export function checkoutBody(choice: CheckoutChoice): CheckoutOptions {
  return { autoPayWithPreferredPaymentMethod: choice.autopay === true, waiveRetractationPeriod: choice.waiveRetraction === true };
}

/** Places the order. One POST; any failure propagates (after `hooks.failed`) and is never retried here. */
export async function checkout(
  api: Pick<OvhApi, 'checkout'>,
  cartId: string,
  choice: CheckoutChoice,
  hooks: CheckoutHooks = {},
  now: () => Date = () => new Date(),
): Promise<PlacedOrderResult> {
  const attempt: CheckoutAttempt = { cartId, body: checkoutBody(choice), at: now(), ...(choice.quote ? { quote: choice.quote } : {}) };
  await hooks.before?.(attempt);
  let order: PlacedOrder;
  try {
    order = await api.checkout(cartId, attempt.body);
  } catch (error) {
    const recovered = await hooks.failed?.(error, attempt);
    if (recovered) return recovered;
    throw error;
  }
  const result: PlacedOrderResult = { orderId: order.orderId, url: order.url, order, body: attempt.body };
  await hooks.after?.(result, attempt);
  return result;
}

/** The quote's total as the journal keeps it (the preview of `GET …/checkout`). */
export function quotedTotal(preview: Pick<Order, 'prices'>): QuotedTotal {
  return { withoutTax: preview.prices.withoutTax.value, currency: preview.prices.withoutTax.currencyCode };
}
