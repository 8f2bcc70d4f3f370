// Finding carts and items the way the API does (expired carts are gone), refusing changes to a
// checked-out cart, and the JSON views of carts and items.
import { ApiError, badRequest, notFound } from '../api-error.js';
import type { ResolvedAddon, ResolvedPlan } from '../data/offer-index.js';
import type { PricingEntry } from '../data/pricing.js';
import { orderPrice } from '../money.js';
import { stateOf, subsidiary, type SandboxRuntime } from '../runtime.js';
import type { CartRecord, ItemRecord } from '../state.js';
import { longParam } from '../validate.js';

/** An expired cart answers like an unknown one: 404 Client::NotFound (the API drops expired carts). */
export function cartOf(sb: SandboxRuntime, cartId: string): CartRecord {
  const cart = stateOf(sb).carts[cartId];
  if (!cart || isExpired(cart, sb.clock.nowMs())) throw notFound('cartId', cartId);
  return cart;
}

export function isExpired(cart: CartRecord, nowMs: number): boolean {
  return cart.expire !== null && Date.parse(cart.expire) <= nowMs;
}

export function writableCart(sb: SandboxRuntime, cartId: string): CartRecord {
  const cart = cartOf(sb, cartId);
  if (cart.readOnly) throw new ApiError(403, 'This cart has already been validated and is read-only');
  return cart;
}

export function itemOf(sb: SandboxRuntime, cart: CartRecord, itemIdText: string | number): ItemRecord {
  const itemId = typeof itemIdText === 'number' ? itemIdText : longParam(itemIdText, 'itemId');
  const item = stateOf(sb).items[String(itemId)];
  if (!item || item.cartId !== cart.cartId) throw notFound('itemId', itemId);
  return item;
}

export function cartView(cart: CartRecord): Record<string, unknown> {
  return { cartId: cart.cartId, description: cart.description, expire: cart.expire, readOnly: cart.readOnly, items: [...cart.items] };
}

function planOfItem(sb: SandboxRuntime, item: ItemRecord): ResolvedPlan | ResolvedAddon {
  const offers = sb.offers();
  const found = item.parentItemId === null ? offers.plan(item.planCode) : offers.addon(item.planCode);
  if (!found) throw new ApiError(500, `Sandbox: item ${item.itemId} refers to plan ${item.planCode}, which this sandbox's offer no longer has`);
  return found;
}

export function pricingsOfItem(sb: SandboxRuntime, item: ItemRecord, cart: CartRecord): PricingEntry[] {
  const offers = sb.offers();
  const sub = subsidiary(cart.ovhSubsidiary);
  const found = planOfItem(sb, item);
  return 'ranges' in found ? offers.planPricings(found, sub) : offers.addonPricings(found, sub);
}

function pricingFor(entries: PricingEntry[], mode: string, capacity: 'installation' | 'renew'): PricingEntry | undefined {
  return entries.find((e) => e.mode === mode && e.capacity === capacity);
}

/** Checks pricingMode and duration against the offer's renew pricings. */
export function checkModeAndDuration(entries: PricingEntry[], planCode: string, pricingMode: string, duration: string): void {
  const renews = entries.filter((e) => e.capacity === 'renew');
  const renew = renews.find((e) => e.mode === pricingMode);
  if (!renew) {
    throw badRequest(`Pricing mode ${pricingMode} is not available for plan ${planCode} (available: ${renews.map((e) => e.mode).join(', ')})`);
  }
  if (renew.duration !== duration) {
    throw badRequest(`Duration ${duration} is not available for plan ${planCode} with pricing mode ${pricingMode} (available: ${renew.duration})`);
  }
}

export function checkQuantity(quantity: number, max: number | null): void {
  if (quantity < 1) throw badRequest(`The input provided isn't valid: ${quantity} is less than the minimum of 1 (property 'quantity')`);
  if (max !== null && quantity > max)
    throw badRequest(`The input provided isn't valid: ${quantity} is greater than the maximum of ${max} (property 'quantity')`);
}

export function itemView(sb: SandboxRuntime, item: ItemRecord): Record<string, unknown> {
  const cart = stateOf(sb).carts[item.cartId]!;
  const sub = subsidiary(cart.ovhSubsidiary);
  const renew = pricingFor(pricingsOfItem(sb, item, cart), item.pricingMode, 'renew');
  const unit = renew?.price ?? 0;
  const view: Record<string, unknown> = {
    cartId: item.cartId,
    configurations: [...item.configurations],
    duration: item.duration,
    itemId: item.itemId,
    offerId: null,
    options: [...item.options],
  };
  // Server items carry no parentItemId in real answers; option items do.
  if (item.parentItemId !== null) view.parentItemId = item.parentItemId;
  view.prices = [
    { label: 'PRICE', price: orderPrice(unit, sub, true) },
    { label: 'TOTAL', price: orderPrice(unit * item.quantity, sub, true) },
  ];
  view.productId = item.productId;
  view.settings = { planCode: item.planCode, pricingMode: item.pricingMode, quantity: item.quantity };
  return view;
}

/** Removes an item, its options and all their configurations from the state and the cart. */
export function deleteItem(sb: SandboxRuntime, cart: CartRecord, item: ItemRecord): void {
  const state = stateOf(sb);
  for (const optionId of item.options) {
    const option = state.items[String(optionId)];
    if (option) deleteItem(sb, cart, option);
  }
  for (const configId of item.configurations) delete state.configurations[String(configId)];
  if (item.parentItemId !== null) {
    const parent = state.items[String(item.parentItemId)];
    if (parent) parent.options = parent.options.filter((id) => id !== item.itemId);
  }
  cart.items = cart.items.filter((id) => id !== item.itemId);
  delete state.items[String(item.itemId)];
}

/** Used by checkout: the renew and installation pricings of an item in its mode. */
export function itemPricing(sb: SandboxRuntime, item: ItemRecord): { installation: PricingEntry; renew: PricingEntry } {
  const cart = stateOf(sb).carts[item.cartId]!;
  const entries = pricingsOfItem(sb, item, cart);
  const installation = pricingFor(entries, item.pricingMode, 'installation');
  const renew = pricingFor(entries, item.pricingMode, 'renew');
  if (!installation || !renew) throw new ApiError(500, `Sandbox: no ${item.pricingMode} pricing for ${item.planCode}`);
  return { installation, renew };
}
