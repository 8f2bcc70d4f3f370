// `cart list`: the carts assigned to the account (`GET /order/cart`), each read for its
// description, expiry, item count and whether ovh-order created it. A cart that vanishes between
// the list and the read (it expired, or was deleted meanwhile) is left out, not an error.
import type { OvhApi } from '../ovh/api.js';
import type { Cart } from '../ovh/models/cart.js';
import { OvhApiError } from '../ovh/errors.js';
import { parseCartDescription } from './cart-builder.js';
import type { CartHeader, CartSummary } from '../domain/cart-report.js';

export type CartListApi = Pick<OvhApi, 'listCarts' | 'getCart'>;

export function cartHeader(cart: Cart, now: Date): CartHeader {
  const marker = parseCartDescription(cart.description);
  const expireMs = cart.expire ? Date.parse(cart.expire) : Number.NaN;
  const expiresInSeconds = Number.isNaN(expireMs) ? null : Math.round((expireMs - now.getTime()) / 1000);
  return {
    cartId: cart.cartId,
    description: cart.description,
    createdByOvhOrder: marker !== undefined,
    createdAt: marker ? marker.createdAt.toISOString() : null,
    expire: cart.expire,
    expiresInSeconds,
    expired: expiresInSeconds !== null && expiresInSeconds <= 0,
    readOnly: cart.readOnly,
  };
}

export function summariseCart(cart: Cart, now: Date): CartSummary {
  return { ...cartHeader(cart, now), itemCount: cart.items.length };
}

/** Reads carts in small batches: one call per cart, without a burst against the fair-use limit. */
export async function readCarts(api: Pick<OvhApi, 'getCart'>, ids: readonly string[], batch = 5): Promise<Cart[]> {
  const carts: Cart[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    const settled = await Promise.allSettled(ids.slice(i, i + batch).map((id) => api.getCart(id)));
    for (const result of settled) {
      if (result.status === 'fulfilled') carts.push(result.value);
      else if (!(result.reason instanceof OvhApiError && (result.reason.kind === 'not-found' || result.reason.kind === 'expired'))) throw result.reason;
    }
  }
  return carts;
}

/** The account's carts, soonest to expire first. */
export async function listCarts(api: CartListApi, now: Date): Promise<CartSummary[]> {
  const ids = await api.listCarts();
  const carts = await readCarts(api, ids);
  return carts
    .map((cart) => summariseCart(cart, now))
    .sort((a, b) => (a.expiresInSeconds ?? Infinity) - (b.expiresInSeconds ?? Infinity) || a.cartId.localeCompare(b.cartId));
}
