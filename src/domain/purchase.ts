// What one order buys, as the final confirmation says it (issue 12): the server, where, how many,
// and the billing (with the choices the cart offers, for the words and the commitment length).
import { billingChoiceOfMode, type BillingChoice } from './billing.js';
import type { CartItemReport } from './cart-report.js';
import { DATACENTER_LABEL } from './configuration.js';

export interface PurchaseFacts {
  /** Invoice name, `KS-1 | Intel Xeon-D 1520` (unknown without the catalog), and the plan code. */
  serverName?: string;
  planCode: string;
  datacenter: string;
  quantity: number;
  /** The account's subsidiary; unknown to `cart show` without an account or a stored profile. */
  subsidiary?: string;
  pricingMode: string;
  duration: string;
  /** The billing choices the cart (or the catalog) offers for this server. */
  billing: readonly BillingChoice[];
}

/**
 * What a cart buys, from what it holds (`cart show`): its one server item's plan, quantity, pricing
 * mode and duration (the billing in words from the mode's name), and its `dedicated_datacenter`.
 * Undefined unless the cart holds exactly one server with a datacenter set.
 */
export function purchaseFactsOfCart(items: readonly CartItemReport[], known: Pick<PurchaseFacts, 'subsidiary' | 'serverName'> = {}): PurchaseFacts | undefined {
  if (items.length !== 1) return undefined;
  const server = items[0]!;
  const datacenter = server.configuration.find((c) => c.label === DATACENTER_LABEL)?.value;
  if (!server.planCode || !server.pricingMode || !server.duration || !datacenter) return undefined;
  const choice = billingChoiceOfMode(server.pricingMode, server.duration);
  return {
    ...(known.serverName ? { serverName: known.serverName } : {}),
    planCode: server.planCode,
    datacenter,
    quantity: server.quantity,
    ...(known.subsidiary ? { subsidiary: known.subsidiary } : {}),
    pricingMode: server.pricingMode,
    duration: server.duration,
    billing: choice ? [choice] : [],
  };
}
