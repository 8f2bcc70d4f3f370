// Cart products (eco, baremetalServers, dedicated): offers, options, and adding server and option
// items. A plan is sold only through the product of its own catalog.
import { badRequest } from '../api-error.js';
import type { ResolvedPlan } from '../data/offer-index.js';
import type { Range } from '../data/plans.js';
import type { PricingEntry } from '../data/pricing.js';
import type { Subsidiary } from '../data/regions.js';
import { orderPrice } from '../money.js';
import type { RouteDef } from '../router.js';
import { stateOf, subsidiary, type SandboxRuntime } from '../runtime.js';
import type { ItemRecord, ProductId } from '../state.js';
import { requireQuery, validateBody } from '../validate.js';
import { cartOf, checkModeAndDuration, checkQuantity, itemOf, itemView, writableCart } from './cart-access.js';

const PRODUCTS: ProductId[] = ['eco', 'baremetalServers', 'dedicated'];
const RANGE_OF: Record<ProductId, Range> = { eco: 'eco', baremetalServers: 'baremetalServers', dedicated: 'dedicated' };

function genericPricing(entry: PricingEntry, sub: Subsidiary): Record<string, unknown> {
  return {
    capacities: [entry.capacity],
    description: entry.description,
    duration: entry.duration,
    interval: entry.interval,
    maximumQuantity: entry.quantityMax,
    maximumRepeat: entry.repeatMax,
    minimumQuantity: 1,
    minimumRepeat: 1,
    price: orderPrice(entry.price, sub, true),
    priceInUcents: entry.price,
    pricingMode: entry.mode,
    pricingType: 'rental',
  };
}

function planOf(sb: SandboxRuntime, product: ProductId, planCode: string): ResolvedPlan {
  const plan = sb.offers().plan(planCode);
  if (!plan || !plan.ranges.includes(RANGE_OF[product])) throw badRequest(`Plan code not found: ${planCode}`);
  return plan;
}

const creationSpec = {
  planCode: { type: 'string', required: true },
  duration: { type: 'duration', required: true },
  pricingMode: { type: 'string', required: true },
  quantity: { type: 'integer', required: true },
} as const;

function newItem(sb: SandboxRuntime, fields: Omit<ItemRecord, 'itemId' | 'options' | 'configurations'>): ItemRecord {
  const state = stateOf(sb);
  const item: ItemRecord = { ...fields, itemId: ++state.counters.itemId, options: [], configurations: [] };
  state.items[String(item.itemId)] = item;
  state.carts[item.cartId]!.items.push(item.itemId);
  return item;
}

function routesOf(product: ProductId): RouteDef[] {
  const base = `/order/cart/{cartId}/${product}`;
  return [
    {
      method: 'GET',
      pattern: base,
      noAuth: true,
      handler: (req, sb) => {
        const cart = cartOf(sb, req.params.cartId!);
        const sub = subsidiary(cart.ovhSubsidiary);
        const offers = sb.offers();
        return offers
          .plansOf(RANGE_OF[product])
          .filter((p) => req.query.planCode === undefined || p.planCode === req.query.planCode)
          .filter((p) => req.query.family === undefined || p.line === req.query.family)
          .map((p) => ({
            planCode: p.planCode,
            prices: offers.planPricings(p, sub).map((e) => genericPricing(e, sub)),
            productName: p.invoiceName,
            productType: 'delivery',
          }));
      },
    },
    {
      method: 'POST',
      pattern: base,
      noAuth: true,
      handler: (req, sb) => {
        const body = validateBody(req.body, creationSpec);
        const cart = writableCart(sb, req.params.cartId!);
        const plan = planOf(sb, product, body.planCode as string);
        const entries = sb.offers().planPricings(plan, subsidiary(cart.ovhSubsidiary));
        checkModeAndDuration(entries, plan.planCode, body.pricingMode as string, body.duration as string);
        checkQuantity(body.quantity as number, 10);
        const item = newItem(sb, {
          cartId: cart.cartId,
          productId: product,
          planCode: plan.planCode,
          duration: body.duration as string,
          pricingMode: body.pricingMode as string,
          quantity: body.quantity as number,
          parentItemId: null,
        });
        return itemView(sb, item);
      },
    },
    {
      method: 'GET',
      pattern: `${base}/options`,
      noAuth: true,
      handler: (req, sb) => {
        const cart = cartOf(sb, req.params.cartId!);
        const planCode = requireQuery(req.query, 'planCode');
        const offers = sb.offers();
        const plan = offers.plan(planCode);
        if (!plan || !plan.ranges.includes(RANGE_OF[product])) return [];
        const sub = subsidiary(cart.ovhSubsidiary);
        return plan.families
          .filter((f) => req.query.family === undefined || f.name === req.query.family)
          .flatMap((family) =>
            family.addons.map((code) => {
              const addon = offers.addon(code)!;
              return {
                exclusive: family.exclusive,
                family: family.name,
                mandatory: family.mandatory,
                planCode: code,
                prices: offers.addonPricings(addon, sub).map((e) => genericPricing(e, sub)),
                productName: addon.product.description,
                productType: 'delivery',
              };
            }),
          );
      },
    },
    {
      method: 'POST',
      pattern: `${base}/options`,
      noAuth: true,
      handler: (req, sb) => {
        const body = validateBody(req.body, { itemId: { type: 'integer', required: true }, ...creationSpec });
        const cart = writableCart(sb, req.params.cartId!);
        const parent = itemOf(sb, cart, body.itemId as number);
        if (parent.parentItemId !== null) throw badRequest(`Item ${parent.itemId} is an option: options are added to a server item`);
        if (parent.productId !== product) throw badRequest(`Item ${parent.itemId} was added through /order/cart/{cartId}/${parent.productId}, not /${product}`);
        const offers = sb.offers();
        const plan = offers.plan(parent.planCode)!;
        const code = body.planCode as string;
        const addon = offers.addon(code);
        if (!addon) throw badRequest(`Plan code not found: ${code}`);
        if (!offers.familyOf(plan, code)) throw badRequest(`Option ${code} is not available for plan ${plan.planCode}`);
        const entries = offers.addonPricings(addon, subsidiary(cart.ovhSubsidiary));
        checkModeAndDuration(entries, code, body.pricingMode as string, body.duration as string);
        if (body.pricingMode !== parent.pricingMode || body.duration !== parent.duration) {
          throw badRequest(`Option ${code} must use the pricing mode and duration of its server item (${parent.pricingMode}, ${parent.duration})`);
        }
        checkQuantity(body.quantity as number, null);
        const item = newItem(sb, {
          cartId: cart.cartId,
          productId: product,
          planCode: code,
          duration: body.duration,
          pricingMode: body.pricingMode,
          quantity: body.quantity as number,
          parentItemId: parent.itemId,
        });
        parent.options.push(item.itemId);
        return itemView(sb, item);
      },
    },
  ];
}

export const productRoutes: RouteDef[] = PRODUCTS.flatMap(routesOf);
