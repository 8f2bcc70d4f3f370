// What `ovh-order status` found out about an order, as data: its status in words, prices, the
// delivery follow-up and the servers delivered. src/flows/order-status.ts builds it; ui renders it.
import type { Price } from '../ovh/models/order.js';

export interface FollowUpStepReport {
  /** `VALIDATING`, `VALIDATED`, `DELIVERING`, `AVAILABLE`. */
  step: string;
  /** `TODO`, `DOING`, `DONE`, `ERROR`. */
  status: string;
  /** Date of the step's latest event, ISO; null before it started. */
  date: string | null;
  history: Array<{ date: string; description: string; label: string }>;
}

export interface OrderStatusReport {
  orderId: number;
  status: string;
  /** The status in words. */
  statusText: string;
  /** delivered or cancelled: nothing will change any more. */
  final: boolean;
  date: string | null;
  /** End of the withdrawal period; null when it was waived. */
  retractionDate: string | null;
  url: string;
  prices: { withoutTax: Price; tax: Price; withTax: Price };
  /** Null when OVH gives no follow-up for this order (the call is BETA). */
  followUp: FollowUpStepReport[] | null;
  /** Names of the delivered servers (service names), once OVH tells them. */
  servers: string[];
}
