// Items of a cart (list, read, update, delete — a server takes its options along) and their
// configurations (any label and value accepted; checkout judges them), plus requiredConfiguration.
import { notFound } from '../api-error.js';
import type { ApiRequest, RouteDef } from '../router.js';
import { stateOf, type SandboxRuntime } from '../runtime.js';
import type { ConfigurationRecord, ItemRecord } from '../state.js';
import { longParam, validateBody } from '../validate.js';
import { requiredConfiguration } from './required-configuration.js';
import { cartOf, checkModeAndDuration, checkQuantity, deleteItem, itemOf, itemView, pricingsOfItem, writableCart } from './cart-access.js';

function configurationOf(sb: SandboxRuntime, item: ItemRecord, idText: string): ConfigurationRecord {
  const id = longParam(idText, 'configurationId');
  const config = stateOf(sb).configurations[String(id)];
  if (!config || config.itemId !== item.itemId) throw notFound('configurationId', id);
  return config;
}

const configView = (c: ConfigurationRecord) => ({ id: c.id, label: c.label, value: c.value });
const cartAndItem = (req: ApiRequest, sb: SandboxRuntime) => {
  const cart = cartOf(sb, req.params.cartId!);
  return { cart, item: itemOf(sb, cart, req.params.itemId!) };
};

export const itemsRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/order/cart/{cartId}/item', noAuth: true, handler: (req, sb) => [...cartOf(sb, req.params.cartId!).items] },
  { method: 'GET', pattern: '/order/cart/{cartId}/item/{itemId}', noAuth: true, handler: (req, sb) => itemView(sb, cartAndItem(req, sb).item) },
  {
    method: 'PUT',
    pattern: '/order/cart/{cartId}/item/{itemId}',
    noAuth: true,
    handler: (req, sb) => {
      const body = validateBody(req.body, { duration: { type: 'duration' }, quantity: { type: 'integer' } });
      const cart = writableCart(sb, req.params.cartId!);
      const item = itemOf(sb, cart, req.params.itemId!);
      if (typeof body.duration === 'string') {
        checkModeAndDuration(pricingsOfItem(sb, item, cart), item.planCode, item.pricingMode, body.duration);
        item.duration = body.duration;
      }
      if (typeof body.quantity === 'number') {
        checkQuantity(body.quantity, item.parentItemId === null ? 10 : null);
        item.quantity = body.quantity;
      }
      return itemView(sb, item);
    },
  },
  {
    method: 'DELETE',
    pattern: '/order/cart/{cartId}/item/{itemId}',
    noAuth: true,
    handler: (req, sb) => {
      const cart = writableCart(sb, req.params.cartId!);
      deleteItem(sb, cart, itemOf(sb, cart, req.params.itemId!));
      return null;
    },
  },
  {
    method: 'GET',
    pattern: '/order/cart/{cartId}/item/{itemId}/requiredConfiguration',
    noAuth: true,
    handler: (req, sb) => {
      const { item } = cartAndItem(req, sb);
      if (item.parentItemId !== null) return [];
      return requiredConfiguration(sb.offers().plan(item.planCode)!, sb.regionInfo);
    },
  },
  {
    method: 'GET',
    pattern: '/order/cart/{cartId}/item/{itemId}/configuration',
    noAuth: true,
    handler: (req, sb) => {
      const { item } = cartAndItem(req, sb);
      const configs = stateOf(sb).configurations;
      return item.configurations.filter((id) => req.query.label === undefined || configs[String(id)]?.label === req.query.label);
    },
  },
  {
    method: 'POST',
    pattern: '/order/cart/{cartId}/item/{itemId}/configuration',
    noAuth: true,
    handler: (req, sb) => {
      const body = validateBody(req.body, { label: { type: 'string', required: true }, value: { type: 'text', required: true } });
      const cart = writableCart(sb, req.params.cartId!);
      const item = itemOf(sb, cart, req.params.itemId!);
      const state = stateOf(sb);
      // Any label and value are accepted here, as on the real API: refusals come at checkout.
      const config: ConfigurationRecord = {
        id: ++state.counters.configurationId,
        itemId: item.itemId,
        label: body.label as string,
        value: body.value as string,
      };
      state.configurations[String(config.id)] = config;
      item.configurations.push(config.id);
      return configView(config);
    },
  },
  {
    method: 'GET',
    pattern: '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
    noAuth: true,
    handler: (req, sb) => configView(configurationOf(sb, cartAndItem(req, sb).item, req.params.configurationId!)),
  },
  {
    method: 'DELETE',
    pattern: '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
    noAuth: true,
    handler: (req, sb) => {
      const cart = writableCart(sb, req.params.cartId!);
      const item = itemOf(sb, cart, req.params.itemId!);
      const config = configurationOf(sb, item, req.params.configurationId!);
      item.configurations = item.configurations.filter((id) => id !== config.id);
      delete stateOf(sb).configurations[String(config.id)];
      return null;
    },
  },
];
