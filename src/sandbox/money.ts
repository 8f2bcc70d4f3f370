// Money as the API prints it. Amounts are integers in micro-cents (10^-8 of the unit) until the
// moment they are written as `{currencyCode, text, value}`.
import type { Subsidiary } from './data/regions.js';

export const MICROCENTS_PER_CENT = 1_000_000;
export interface OrderPrice {
  currencyCode: string;
  priceInUcents?: number;
  text: string;
  value: number;
}

/** Cents → micro-cents. */
export const centsToMicro = (cents: number): number => Math.round(cents) * MICROCENTS_PER_CENT;

/** Rounds micro-cents to whole cents (what any printed price shows). */
export const roundToCents = (micro: number): number => Math.round(micro / MICROCENTS_PER_CENT) * MICROCENTS_PER_CENT;

/** Tax on an amount, in micro-cents, at a percent rate. */
export const taxOf = (micro: number, ratePercent: number): number => Math.round((micro * ratePercent) / 100);

export function valueOf(micro: number): number {
  return Math.round(micro / MICROCENTS_PER_CENT) / 100;
}

/** The subsidiary's way: FR `89.99 €`, GB `£89.99`, IE `€ 16.99`, US `$89.99`. */
function formatPrice(micro: number, sub: Subsidiary): string {
  const amount = valueOf(micro).toFixed(2);
  switch (sub.pattern) {
    case 'prefix':
      return `${sub.symbol}${amount}`;
    case 'prefix-space':
      return `${sub.symbol} ${amount}`;
    default:
      return `${amount} ${sub.symbol}`;
  }
}

/** `order.Price` in the subsidiary's format; `withUcents` adds `priceInUcents` (cart prices). */
export function orderPrice(micro: number, sub: Subsidiary, withUcents = false): OrderPrice {
  const price: OrderPrice = { currencyCode: sub.currency, text: formatPrice(micro, sub), value: valueOf(micro) };
  if (withUcents) return { currencyCode: sub.currency, priceInUcents: micro, text: price.text, value: price.value };
  return price;
}

/** Billing documents (`/me/order…`, the checkout answer) print the currency code: `179.98 EUR`. */
export function billingPrice(micro: number, sub: Subsidiary): OrderPrice {
  return { text: `${valueOf(micro).toFixed(2)} ${sub.currency}`, value: valueOf(micro), currencyCode: sub.currency };
}
