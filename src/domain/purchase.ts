// What one order buys, as the final confirmation says it (issue 12): the server, where, how many,
// and the billing (with the choices the cart offers, for the words and the commitment length).
import type { BillingChoice } from './billing.js';

export interface PurchaseFacts {
  /** Invoice name, `KS-1 | Intel Xeon-D 1520`, and the plan code. */
  serverName: string;
  planCode: string;
  datacenter: string;
  quantity: number;
  subsidiary: string;
  pricingMode: string;
  duration: string;
  /** The billing choices the cart (or the catalog) offers for this server. */
  billing: readonly BillingChoice[];
}
