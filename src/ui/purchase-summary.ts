// What is bought, said above the final question (issue 12): the server, where (code, city,
// country, and a warning when that is on another continent than the account's subsidiary), how
// many, the billing in words with what the commitment totals, what is due now and what renews.
// The question itself repeats the datacenter and the commitment.
import { billingChoicesFromOffer, billingWords, findBillingChoice, type BillingChoice } from '../domain/billing.js';
import type { Offer } from '../domain/offer-model.js';
import type { PurchaseFacts } from '../domain/purchase.js';
import { addMoney, moneyFromCartPrice, multiplyMoney, type Money } from '../domain/money.js';
import { datacenterInfo } from '../domain/places.js';
import { homeRegionOfSubsidiary, subsidiaryInfo } from '../domain/subsidiaries.js';
import type { Order } from '../ovh/models/order.js';
import { formatMoney } from './format.js';
import { renewalWithoutTax } from './preview-view.js';
import { renderPairs } from './table.js';
import type { Theme } from './theme.js';

/** The facts of an order spec and its catalog offer. */
export function purchaseFacts(
  spec: { planCode: string; datacenter: string; quantity: number; subsidiary: string; pricingMode: string; duration: string },
  offer: Offer,
): PurchaseFacts {
  return {
    serverName: offer.name,
    planCode: spec.planCode,
    datacenter: spec.datacenter,
    quantity: spec.quantity,
    subsidiary: spec.subsidiary,
    pricingMode: spec.pricingMode,
    duration: spec.duration,
    billing: billingChoicesFromOffer(offer),
  };
}

const CONTINENT_OF_REGION: Record<string, string> = { europe: 'Europe', canada: 'North America', northAmerica: 'North America', apac: 'Asia-Pacific' };

/** `gra — Gravelines, France`; the bare code when the place is not known. */
function datacenterWords(code: string): string {
  const info = datacenterInfo(code);
  return info ? `${info.code} — ${info.city}, ${info.countryName}` : code;
}

/** A sentence when the datacenter is on another continent than the subsidiary's customers. */
function otherContinentNote(datacenter: string, subsidiary: string | undefined): string | undefined {
  if (!subsidiary) return undefined;
  const place = datacenterInfo(datacenter);
  const home = homeRegionOfSubsidiary(subsidiary);
  if (!place || !home) return undefined;
  const there = CONTINENT_OF_REGION[place.region];
  const here = CONTINENT_OF_REGION[home];
  if (!there || !here || there === here) return undefined;
  const account = subsidiaryInfo(subsidiary)?.name ?? subsidiary;
  return `${place.city} is in ${there}, another continent than your ${account} account (${here}).`;
}

/** `12-month commitment, paid monthly`: the offered choice's words, else the words of the mode's name (never a guess). */
function billingOf(facts: Pick<PurchaseFacts, 'billing' | 'pricingMode' | 'duration'>): string {
  return findBillingChoice(facts.billing, facts.pricingMode, facts.duration)?.label ?? billingWords(facts.pricingMode, facts.duration);
}

function commitmentTotal(order: Order, choice: BillingChoice | undefined): Money | null {
  if (!choice || choice.commitmentMonths <= choice.months) return null;
  const renewal = renewalWithoutTax(order);
  if (!renewal) return null;
  const periods = Math.ceil(choice.commitmentMonths / Math.max(choice.months, 1));
  const setup = order.details.filter((d) => String(d.detailType ?? '').toUpperCase() === 'INSTALLATION').map((d) => moneyFromCartPrice(d.totalPrice));
  return setup.reduce((sum, m) => addMoney(sum, m), multiplyMoney(renewal, periods));
}

export function renderPurchaseSummary(order: Order, facts: PurchaseFacts, options: { locale: string; theme?: Theme }): string {
  const money = (m: Money) => formatMoney(m.micros, m.currency, options.locale);
  const price = options.theme?.price ?? ((s: string) => s);
  const choice = findBillingChoice(facts.billing, facts.pricingMode, facts.duration);
  const pairs: Array<[string, string]> = [
    ['Server', facts.serverName ? `${facts.serverName.replace(/\s+/g, ' ').trim()} (${facts.planCode})` : facts.planCode],
    ['Datacenter', datacenterWords(facts.datacenter)],
    ['Quantity', String(facts.quantity)],
    ['Billing', billingOf(facts)],
  ];
  const total = commitmentTotal(order, choice);
  if (total && choice) pairs.push(['Commitment', `${price(money(total))} + tax over ${choice.commitmentMonths} months (setup included)`]);
  pairs.push(['Due now', `${price(money(moneyFromCartPrice(order.prices.withTax)))} (tax included)`]);
  const renewal = renewalWithoutTax(order);
  if (renewal) {
    const months = choice?.months ?? 1;
    pairs.push(['Then renews', `${price(money(renewal))} + tax every ${months === 1 ? 'month' : `${months} months`}`]);
  }
  const lines = [renderPairs(pairs, options.theme?.muted)];
  const far = otherContinentNote(facts.datacenter, facts.subsidiary);
  if (far) lines.push(`${options.theme ? options.theme.warn('!') : '!'} ${far}`);
  return lines.join('\n');
}

/** `Order KS-1 in gra, no commitment, for 94,61 € with tax?` (short enough for 80 columns). */
export function confirmationQuestion(order: Order, facts: PurchaseFacts, locale: string): string {
  const total = moneyFromCartPrice(order.prices.withTax);
  const name = (facts.serverName ?? '').split('|')[0]!.trim() || facts.planCode;
  const what = facts.quantity > 1 ? `${facts.quantity} × ${name}` : name;
  return `Order ${what} in ${facts.datacenter}, ${commitmentWords(facts)}, for ${formatMoney(total.micros, total.currency, locale)} with tax?`;
}

/** `no commitment`, `12-month commitment`, `12 months upfront`. */
function commitmentWords(facts: Pick<PurchaseFacts, 'billing' | 'pricingMode' | 'duration'>): string {
  const choice = findBillingChoice(facts.billing, facts.pricingMode, facts.duration);
  if (!choice || choice.kind === 'monthly') return 'no commitment';
  if (choice.kind === 'upfront') return `${choice.months} months upfront`;
  return `${choice.commitmentMonths}-month commitment`;
}
