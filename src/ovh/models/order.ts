// `order.Order`: what `GET /order/cart/{cartId}/checkout` (the quote), `GET …/summary` and
// `POST …/checkout` (the order) answer. Money here is `order.Price` = `{currencyCode, text, value}`
// (+ `priceInUcents` on cart items); amounts in micro-cents are in `priceInUcents` only.
//
// Required vs optional follows the real recorded answers (../shared/fixtures/ovh): sources trimmed
// detail lines to `{detailType, description, quantity, totalPrice}`, left out `contracts`, and the
// 2026 POST answer has only `orderId`, `url` and `prices.{withoutTax, withTax}`. Those fields are
// what the program needs; the rest is typed when present.
import { z } from 'zod';

/** order.Price. `value` is a float for display only; never compute with it. */
export const PriceSchema = z.looseObject({
  currencyCode: z.string(),
  text: z.string(),
  value: z.number(),
  priceInUcents: z.number().int().nullish(),
});
export type Price = z.infer<typeof PriceSchema>;

/** order.Contract: the terms the customer accepts by checking out. */
export const ContractSchema = z.looseObject({
  name: z.string(),
  url: z.string(),
  content: z.string().optional(),
});
export type Contract = z.infer<typeof ContractSchema>;

/** order.Reduction */
export const ReductionSchema = z.looseObject({
  context: z.string(),
  description: z.string(),
  price: PriceSchema,
  reductionDescription: z.string().nullish(),
  type: z.string(),
  value: PriceSchema,
});
export type Reduction = z.infer<typeof ReductionSchema>;

/** order.OrderDetailTypeEnum values seen in the schema (new ones pass as strings). */
export const ORDER_DETAIL_TYPES = [
  'ACCESSORY',
  'CAUTION',
  'CHOOSED',
  'CONSUMPTION',
  'CREATION',
  'DELIVERY',
  'DURATION',
  'GIFT',
  'INSTALLATION',
  'LICENSE',
  'MUTE',
  'OTHER',
  'OUTPLAN',
  'QUANTITY',
  'REFUND',
  'RENEW',
  'SPECIAL',
  'SWITCH',
  'TRANSFER',
  'VOUCHER',
] as const;

/**
 * order.OrderDetail: one line of the quote. `domain` is `*001` for the server and `*001.001`… for
 * its options; `cartItemID` links the line to a cart item.
 */
export const OrderDetailSchema = z.looseObject({
  description: z.string(),
  detailType: z.string().nullish(),
  quantity: z.number().int(),
  totalPrice: PriceSchema,
  cartItemID: z.number().int().nullish(),
  domain: z.string().optional(),
  unitPrice: PriceSchema.optional(),
  originalTotalPrice: PriceSchema.optional(),
  reductionTotalPrice: PriceSchema.optional(),
  reductions: z.array(ReductionSchema).optional(),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

/** order.OrderPrices */
export const OrderPricesSchema = z.looseObject({
  withoutTax: PriceSchema,
  withTax: PriceSchema,
  tax: PriceSchema,
  originalWithoutTax: PriceSchema.nullish(),
  reduction: PriceSchema.nullish(),
});
export type OrderPrices = z.infer<typeof OrderPricesSchema>;

/** `GET /order/cart/{cartId}/checkout` and `GET …/summary`: the quote (`orderId`/`url` null). */
export const OrderSchema = z.looseObject({
  orderId: z.number().int().nullable(),
  url: z.string().nullable(),
  prices: OrderPricesSchema,
  details: z.array(OrderDetailSchema),
  contracts: z.array(ContractSchema).optional(),
});
export type Order = z.infer<typeof OrderSchema>;

/** `POST /order/cart/{cartId}/checkout`: the order placed; `orderId` and `url` are what matter. */
export const PlacedOrderSchema = z.looseObject({
  orderId: z.number().int(),
  url: z.string(),
  prices: OrderPricesSchema.extend({ tax: PriceSchema.optional() }),
  details: z.array(OrderDetailSchema).optional(),
  contracts: z.array(ContractSchema).optional(),
});
export type PlacedOrder = z.infer<typeof PlacedOrderSchema>;

/** Body of `POST /order/cart/{cartId}/checkout` (order.cart.Checkout). */
export interface CheckoutOptions {
  /** Pay at once with the account's default payment method. */
  autoPayWithPreferredPaymentMethod: boolean;
  /** Give up the legal withdrawal period; never set without the customer's explicit consent. */
  waiveRetractationPeriod: boolean;
}
