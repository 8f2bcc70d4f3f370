// /order/cart and /order/cart/{cartId}: create, list (assigned to you), read, update, delete, assign.
import { randomUUID } from 'node:crypto';
import { ovhDate } from '../clock.js';
import { SUBSIDIARY_ENUM } from '../data/regions.js';
import type { RouteDef } from '../router.js';
import { stateOf } from '../runtime.js';
import type { CartRecord } from '../state.js';
import { validateBody } from '../validate.js';
import { subsidiaryOn } from './catalog.js';
import { cartOf, cartView, deleteItem, isExpired, writableCart } from './cart-access.js';

const DAY_MS = 86_400_000;

export const cartRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/order/cart',
    noAuth: true,
    handler: (req, sb) => {
      const body = validateBody(req.body, {
        ovhSubsidiary: { type: 'string', required: true, enum: SUBSIDIARY_ENUM[sb.region] },
        description: { type: 'string' },
        expire: { type: 'datetime' },
      });
      const sub = subsidiaryOn(sb, body.ovhSubsidiary as string);
      const now = sb.clock.nowMs();
      const cart: CartRecord = {
        cartId: randomUUID(),
        description: typeof body.description === 'string' ? body.description : '',
        // "Your cart will be saved for 1 day" unless `expire` is given.
        expire: ovhDate(typeof body.expire === 'string' ? Date.parse(body.expire) : now + DAY_MS),
        ovhSubsidiary: sub.code,
        readOnly: false,
        assignedTo: null,
        items: [],
        creation: ovhDate(now),
      };
      stateOf(sb).carts[cart.cartId] = cart;
      return cartView(cart);
    },
  },
  {
    method: 'GET',
    pattern: '/order/cart',
    noAuth: false,
    handler: (req, sb) => {
      const now = sb.clock.nowMs();
      return Object.values(stateOf(sb).carts)
        .filter((c) => c.assignedTo === req.caller?.nichandle && !isExpired(c, now))
        .filter((c) => req.query.description === undefined || c.description === req.query.description)
        .map((c) => c.cartId);
    },
  },
  { method: 'GET', pattern: '/order/cart/{cartId}', noAuth: true, handler: (req, sb) => cartView(cartOf(sb, req.params.cartId!)) },
  {
    method: 'PUT',
    pattern: '/order/cart/{cartId}',
    noAuth: true,
    handler: (req, sb) => {
      const body = validateBody(req.body, { description: { type: 'string' }, expire: { type: 'datetime' } });
      const cart = writableCart(sb, req.params.cartId!);
      if (typeof body.description === 'string') cart.description = body.description;
      if (typeof body.expire === 'string') cart.expire = ovhDate(Date.parse(body.expire));
      return cartView(cart);
    },
  },
  {
    method: 'DELETE',
    pattern: '/order/cart/{cartId}',
    noAuth: false,
    handler: (req, sb) => {
      const cart = cartOf(sb, req.params.cartId!);
      for (const itemId of [...cart.items]) {
        const item = stateOf(sb).items[String(itemId)];
        if (item && item.parentItemId === null) deleteItem(sb, cart, item);
      }
      delete stateOf(sb).carts[cart.cartId];
      return null;
    },
  },
  {
    method: 'POST',
    pattern: '/order/cart/{cartId}/assign',
    noAuth: false,
    handler: (req, sb) => {
      const cart = cartOf(sb, req.params.cartId!);
      cart.assignedTo = req.caller!.nichandle;
      return null;
    },
  },
];
