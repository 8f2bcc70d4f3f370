// The cart and what is in it (order.cart.*). Products and options offered for a cart
// (GenericProductDefinition…) live in catalog.ts with the rest of "what can be bought".
import { z } from 'zod';
import { DateTimeSchema, DurationSchema } from './datetime.js';
import { PriceSchema } from './order.js';

/** order.cart.Cart; `expire` is null on carts without an expiry; `readOnly` true once checked out. */
export const CartSchema = z.looseObject({
  cartId: z.string(),
  description: z.string(),
  expire: DateTimeSchema.nullable(),
  items: z.array(z.number().int()),
  readOnly: z.boolean(),
});
export type Cart = z.infer<typeof CartSchema>;

/** `GET /order/cart` → ids of the carts assigned to you. */
export const CartIdListSchema = z.array(z.string());

/** Body of `POST /order/cart` (order.cart.Creation). */
export interface CartCreation {
  ovhSubsidiary: string;
  description?: string;
  /** ISO 8601 datetime; OVH keeps a cart one day by default. */
  expire?: string;
}

/** order.cart.Price: a labelled price on an item (`TOTAL`, `PRICE`, `RENEW`, `FEE`, `DISCOUNT`). */
export const CartPriceSchema = z.looseObject({
  label: z.string(),
  price: PriceSchema,
  promotions: z.array(z.looseObject({})).nullish(),
});
export type CartPrice = z.infer<typeof CartPriceSchema>;

/** order.cart.ItemSettings */
export const ItemSettingsSchema = z.looseObject({
  planCode: z.string().nullish(),
  pricingMode: z.string().nullish(),
  quantity: z.number().int().nullish(),
});

/**
 * order.cart.Item: a server or an option (`parentItemId` = its server). `configurations` may be
 * null; `parentItemId` is absent from the recorded server item.
 */
export const CartItemSchema = z.looseObject({
  itemId: z.number().int(),
  cartId: z.string(),
  productId: z.string(),
  duration: DurationSchema.nullable(),
  configurations: z.array(z.number().int()).nullable(),
  options: z.array(z.number().int()),
  offerId: z.string().nullish(),
  parentItemId: z.number().int().nullish(),
  prices: z.array(CartPriceSchema),
  settings: ItemSettingsSchema,
});
export type CartItem = z.infer<typeof CartItemSchema>;

/** Ids: items, configurations, payment methods, orders, order details. */
export const IdListSchema = z.array(z.number().int());

/** Body of `POST /order/cart/{cartId}/{product}` (order.cart.GenericProductCreation). */
export interface ProductCreation {
  planCode: string;
  /** ISO 8601 duration of one of the offer's renew prices for `pricingMode`, e.g. `P1M`. */
  duration: string;
  pricingMode: string;
  quantity: number;
}

/** Body of `POST /order/cart/{cartId}/{product}/options` (order.cart.GenericOptionCreation). */
export interface OptionCreation extends ProductCreation {
  /** The server item the option belongs to. */
  itemId: number;
}

/**
 * order.cart.ConfigurationRequirements. `allowedValues` is not in OVH's schema but real answers
 * carry it (null = free value; absent on `Nichandle` labels). `required` is known to be wrong for
 * `dedicated_datacenter` (false, yet checkout refuses without it).
 */
export const ConfigurationRequirementSchema = z.looseObject({
  label: z.string(),
  required: z.boolean(),
  type: z.string(),
  fields: z.array(z.string()).nullable(),
  allowedValues: z.array(z.string()).nullish(),
});
export type ConfigurationRequirement = z.infer<typeof ConfigurationRequirementSchema>;
export const ConfigurationRequirementListSchema = z.array(ConfigurationRequirementSchema);

/** order.cart.ConfigurationItem: one label/value set on an item. */
export const ConfigurationItemSchema = z.looseObject({
  id: z.number().int(),
  label: z.string(),
  value: z.string(),
});
export type ConfigurationItem = z.infer<typeof ConfigurationItemSchema>;

/** Body of `POST /order/cart/{cartId}/item/{itemId}/configuration`. */
export interface ConfigurationCreation {
  label: string;
  value: string;
}
