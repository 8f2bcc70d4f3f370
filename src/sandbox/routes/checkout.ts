// Summary (no auth), checkout preview (GET, auth, assigned cart) and checkout (POST): the cart is
// checked like the real API does, an order is recorded with the checkout body, the cart turns read-only.
import { randomInt } from 'node:crypto';
import { ApiError, badRequest } from '../api-error.js';
import { ovhDate } from '../clock.js';
import type { ApiRequest, RouteDef } from '../router.js';
import { stateOf, subsidiary, type SandboxRuntime } from '../runtime.js';
import { randomKey, type CartRecord, type OrderRecord } from '../state.js';
import { validateBody } from '../validate.js';
import { cartOf } from './cart-access.js';
import { checkCartForCheckout } from './checkout-rules.js';
import { buildOrder, orderView } from './order-builder.js';

/** The sandbox's own text (an invention: OVH's is unknown); the client decides by status, route and `readOnly`. */
const READ_ONLY_TEXT = 'This cart has already been validated and is read-only';

function assignedCart(req: ApiRequest, sb: SandboxRuntime): CartRecord {
  const cart = cartOf(sb, req.params.cartId!);
  if (cart.assignedTo !== req.caller?.nichandle) throw new ApiError(403, 'You are not allowed');
  return cart;
}

export function orderUrl(order: Pick<OrderRecord, 'orderId' | 'password' | 'ovhSubsidiary'>): string {
  return `https://${subsidiary(order.ovhSubsidiary).site}/cgi-bin/order/display-order.cgi?orderId=${order.orderId}&orderPassword=${order.password}`;
}

function serverName(sb: SandboxRuntime): string {
  const info = sb.regionInfo;
  return `ns${randomInt(1000000, 9999999)}.ip-${info.serverIpPrefix}-${randomInt(1, 255)}.${info.serverDomain}`;
}

function checkout(req: ApiRequest, sb: SandboxRuntime): unknown {
  const body = validateBody(
    req.body,
    { autoPayWithPreferredPaymentMethod: { type: 'boolean' }, waiveRetractationPeriod: { type: 'boolean' } },
    { optionalBody: true },
  );
  const cart = assignedCart(req, sb);
  if (cart.readOnly) throw new ApiError(403, READ_ONLY_TEXT);
  checkCartForCheckout(sb, cart);
  const state = stateOf(sb);
  const autoPay = body.autoPayWithPreferredPaymentMethod === true;
  if (autoPay) {
    if (!state.paymentMethod) throw badRequest('You do not have preferred payment method');
    if (!state.paymentMethod.valid) throw badRequest('Your preferred payment method is not valid');
  }
  const built = buildOrder(sb, cart);
  const now = ovhDate(sb.clock.now());
  const checkoutBody: OrderRecord['checkoutBody'] = {};
  if (typeof body.autoPayWithPreferredPaymentMethod === 'boolean') checkoutBody.autoPayWithPreferredPaymentMethod = body.autoPayWithPreferredPaymentMethod;
  if (typeof body.waiveRetractationPeriod === 'boolean') checkoutBody.waiveRetractationPeriod = body.waiveRetractationPeriod;
  const serverNames: Record<string, string> = {};
  for (const line of built.lines) serverNames[line.rootDomain] ??= serverName(sb);
  const order: OrderRecord = {
    orderId: ++state.counters.orderId,
    password: randomKey(8),
    cartId: cart.cartId,
    ovhSubsidiary: cart.ovhSubsidiary,
    date: now,
    paidAt: autoPay ? now : null,
    checkoutBody,
    withoutTax: built.withoutTax,
    tax: built.tax,
    serverNames,
    lines: built.lines.map((l) => ({
      orderDetailId: ++state.counters.orderDetailId,
      cartItemId: l.item.itemId,
      domain: l.domain,
      rootDomain: l.rootDomain,
      description: l.description,
      detailType: l.detailType,
      quantity: l.quantity,
      unitPrice: l.unit,
      totalPrice: l.total,
      plan: { code: l.item.planCode, duration: l.item.duration, pricingMode: l.item.pricingMode, quantity: l.item.quantity, productName: l.productName },
      configurations: l.configurations,
    })),
  };
  state.orders[String(order.orderId)] = order;
  cart.readOnly = true;
  return orderView(built, { orderId: order.orderId, url: orderUrl(order), billingText: true });
}

export const checkoutRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/order/cart/{cartId}/summary',
    noAuth: true,
    handler: (req, sb) => orderView(buildOrder(sb, cartOf(sb, req.params.cartId!)), { orderId: null, url: null }),
  },
  {
    method: 'GET',
    pattern: '/order/cart/{cartId}/checkout',
    noAuth: false,
    handler: (req, sb) => {
      const cart = assignedCart(req, sb);
      // A checked-out cart is refused like any change to it (see README: the real text is unknown).
      if (cart.readOnly) throw new ApiError(403, READ_ONLY_TEXT);
      // The preview refuses what checkout would refuse (the real API answers the missing-datacenter
      // error on GET already); payment is only looked at when ordering.
      checkCartForCheckout(sb, cart);
      return orderView(buildOrder(sb, cart), { orderId: null, url: null });
    },
  },
  { method: 'POST', pattern: '/order/cart/{cartId}/checkout', noAuth: false, handler: checkout },
];
