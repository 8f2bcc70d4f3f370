// The account and its orders (`/me`, me-api-schema-eu-v1-order-subset.json).
import { z } from 'zod';
import { DateTimeSchema } from './datetime.js';
import { PriceSchema } from './order.js';

/**
 * nichandle.Nichandle, reduced to what ovh-order reads: who you are and which subsidiary your
 * carts must use. The other fields (address, phone…) pass through untyped.
 */
export const NichandleSchema = z.looseObject({
  nichandle: z.string(),
  ovhSubsidiary: z.string(),
  email: z.string().nullish(),
  country: z.string().nullish(),
  currency: z.looseObject({ code: z.string(), symbol: z.string().nullish() }).nullish(),
  firstname: z.string().nullish(),
  name: z.string().nullish(),
  organisation: z.string().nullish(),
  language: z.string().nullish(),
  state: z.string().nullish(),
});
export type Nichandle = z.infer<typeof NichandleSchema>;

/** me.payment.PaymentMethod (`GET /me/payment/method/{id}`). */
export const PaymentMethodSchema = z.looseObject({
  paymentMethodId: z.number().int(),
  paymentType: z.string(),
  status: z.string(),
  default: z.boolean(),
  description: z.string().nullish(),
  label: z.string().nullish(),
  expirationDate: DateTimeSchema.nullish(),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** Filters of `GET /me/payment/method`. */
export interface PaymentMethodQuery {
  default?: boolean;
  paymentType?: string;
  status?: string;
}

/** billing.Order (`GET /me/order/{orderId}`). `password` + `url` open the order page. */
export const BillingOrderSchema = z.looseObject({
  orderId: z.number().int(),
  date: DateTimeSchema.nullish(),
  expirationDate: DateTimeSchema.nullish(),
  retractionDate: DateTimeSchema.nullish(),
  password: z.string(),
  pdfUrl: z.string(),
  url: z.string(),
  priceWithTax: PriceSchema,
  priceWithoutTax: PriceSchema,
  tax: PriceSchema,
  metadatas: z.array(z.string()).nullish(),
});
export type BillingOrder = z.infer<typeof BillingOrderSchema>;

/** billing.order.OrderStatusEnum; an unknown future status is passed on as a string. */
export const KNOWN_ORDER_STATUSES = ['cancelled', 'cancelling', 'checking', 'delivered', 'delivering', 'documentsRequested', 'notPaid', 'unknown'] as const;
export type KnownOrderStatus = (typeof KNOWN_ORDER_STATUSES)[number];
/** `GET /me/order/{orderId}/status`: a bare JSON string. */
export const OrderStatusSchema = z.string().min(1);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** billing.OrderDetail (`GET /me/order/{orderId}/details/{orderDetailId}`); `quantity` is a string. */
export const BillingOrderDetailSchema = z.looseObject({
  orderDetailId: z.number().int(),
  description: z.string(),
  detailType: z.string().nullish(),
  domain: z.string(),
  quantity: z.string(),
  totalPrice: PriceSchema,
  unitPrice: PriceSchema,
  cancelled: z.boolean().optional(),
});
export type BillingOrderDetail = z.infer<typeof BillingOrderDetailSchema>;

/** billing.ItemDetail (`…/details/{orderDetailId}/extension`): which plan a detail line is. */
export const OrderDetailExtensionSchema = z.looseObject({
  order: z.looseObject({
    action: z.string().nullish(),
    type: z.string().nullish(),
    configurations: z.array(z.looseObject({ label: z.string(), value: z.string() })),
    plan: z.looseObject({
      code: z.string().nullish(),
      duration: z.string().nullish(),
      pricingMode: z.string().nullish(),
      quantity: z.number().int().nullish(),
      product: z.looseObject({ name: z.string().nullish() }),
    }),
  }),
});
export type OrderDetailExtension = z.infer<typeof OrderDetailExtensionSchema>;

/** billing.order.FollowUp (BETA): VALIDATING → VALIDATED → DELIVERING → AVAILABLE. */
export const OrderFollowUpStepSchema = z.looseObject({
  step: z.string(),
  status: z.string(),
  history: z.array(
    z.looseObject({
      date: DateTimeSchema,
      description: z.string(),
      label: z.string(),
    }),
  ),
});
export type OrderFollowUpStep = z.infer<typeof OrderFollowUpStepSchema>;
export const OrderFollowUpSchema = z.array(OrderFollowUpStepSchema);

/** Filters of `GET /me/order` (ISO datetimes). */
export interface OrderListQuery {
  dateFrom?: string;
  dateTo?: string;
}
