// What the wizard shows, as the interface its steps are written against (like the Prompter and the
// Output): flows ask and tell, ui decides how it looks. ui/wizard-view.ts implements it with a theme.
import type { DatacenterDelay, OfferAvailability } from '../domain/availability.js';
import type { BillingChoice } from '../domain/billing.js';
import type { ConfigurationEntry } from '../domain/configuration.js';
import type { Money } from '../domain/money.js';
import type { Offer, OfferAddon } from '../domain/offer-model.js';
import type { Order } from '../ovh/models/order.js';
import type { PurchaseFacts } from '../domain/purchase.js';

/** A resumed cart: what it holds and what it lacks. */
export interface CartSummaryView {
  cartId: string;
  expire: string | null;
  /** For `(in 3 h)` beside the expiry. */
  now: Date;
  server: { planCode: string; name?: string; duration: string | null; pricingMode: string | null; quantity: number } | null;
  options: string[];
  configured: Record<string, string>;
  missing: string[];
}

export interface OrderPlacedView {
  orderId: number;
  url: string;
  autopay: boolean;
  total: string;
  statusCommand: string;
  /** The cart the order was made from (the receipt names it: OVH support and the journal use it). */
  cartId?: string;
}

/** Each member returns the words (and colours) for one thing the wizard shows. */
export interface WizardView {
  muted(text: string): string;
  money(value: Money, locale: string): string;
  offerLine(offer: Offer, availability: OfferAvailability | undefined, locale: string): string;
  offerDescription(offer: Offer, availability: OfferAvailability | undefined, locale: string): string;
  billingChoiceName(choice: BillingChoice, locale: string): string;
  billingChoiceDescription(choice: BillingChoice, locale: string): string;
  addonChoiceName(addon: Pick<OfferAddon, 'name' | 'planCode'>, delta: Money | null, locale: string): string;
  /** `refused`: OVH refused the preview in this datacenter for this hardware. */
  datacenterChoiceName(code: string, place: string, delay: DatacenterDelay | undefined, refused?: boolean): string;
  configurationNotes(entries: readonly ConfigurationEntry[]): string;
  cartSummary(view: CartSummaryView): string;
  orderPlaced(view: OrderPlacedView): string;
  /** The price preview; `facts` adds what is bought (server, where, how long) before the contracts. */
  preview(order: Order, locale: string, duration: string, facts?: PurchaseFacts): string;
  /** The final question: what, where, which commitment, for how much. */
  confirmation(order: Order, facts: PurchaseFacts, locale: string): string;
}
