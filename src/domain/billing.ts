// Billing choices for one plan, from the cart's product offer (`GET /order/cart/{id}/{product}`):
// which pricing mode × duration can be added, what each costs per month, and what is due now.
// The cart answer is what the add-item call will accept, so it is the authority for modes and
// durations. Amounts come from the catalog's view of the same plan when it has the mode: those are
// the listed prices (the default hardware included, promotions applied between their dates), which
// the quote matches; the cart's own amounts (the plan alone, no promotion) are the fallback.
import type { GenericProductDefinition, GenericProductPricing } from '../ovh/models/catalog.js';
import { monthsOfDuration } from './durations.js';
import { addMoney, divideMoney, moneyFromCartPrice, multiplyMoney, zeroMoney, type Money } from './money.js';
import type { BillingKind, Offer, OfferPricing } from './offer-model.js';
import { billingKindOf, commitmentMonthsOf, sortPricings } from './offer-pricing.js';

export interface BillingChoice {
  pricingMode: string;
  /** ISO duration to send when adding the item (`P1M`, `P1Y`…), as the cart gave it. */
  duration: string;
  /** Months in one billed period. */
  months: number;
  kind: BillingKind;
  /** Months committed to; 0 without commitment. */
  commitmentMonths: number;
  /** `Monthly, no commitment`, `12-month commitment, paid monthly`, `12 months paid upfront`. */
  label: string;
  /** One period's price; null when neither the cart nor the catalog says. */
  periodPrice: Money | null;
  setup: Money | null;
  monthlyEquivalent: Money | null;
  /** Setup + the first period (for upfront modes, the whole upfront total). */
  dueNow: Money | null;
  /** Setup + every period of the commitment (or of one period without commitment). */
  termTotal: Money | null;
  /** Promotions in these amounts, named for the person (`FLASHSALE… until 2027-02-01`). */
  promotions: string[];
  quantity: { min: number; max: number | null };
}

function billingLabel(kind: BillingKind, months: number, commitmentMonths: number): string {
  switch (kind) {
    case 'monthly':
      return 'Monthly, no commitment';
    case 'commitment':
      return `${commitmentMonths}-month commitment, paid monthly`;
    case 'upfront':
      return `${months} months paid upfront`;
  }
}

/**
 * A pricing mode and duration (a cart item's, a spec's) in the words of the billing question:
 * `degressivity12 P1M` → `12-month commitment, paid monthly`. A mode OVH names otherwise than
 * `default`, `degressivityN` or `upfrontN` keeps its name (there are no words to guess).
 */
export function billingWords(pricingMode: string, duration: string): string {
  const named = pricingMode === 'default' || /^(?:degressivity|upfront)\d+$/.test(pricingMode);
  const choice = named ? billingChoiceOfMode(pricingMode, duration) : undefined;
  if (choice) return choice.label;
  const months = monthsOfDuration(duration) ?? 1;
  return `${pricingMode}, billed every ${months === 1 ? 'month' : `${months} months`}`;
}

/** A cart pricing's amount; `priceInUcents` (an integer) wins over `value`. Null when it has no price. */
function cartMoney(pricing: GenericProductPricing): Money | null {
  if (!pricing.price) return null;
  return moneyFromCartPrice({ ...pricing.price, priceInUcents: pricing.priceInUcents ?? pricing.price.priceInUcents ?? null });
}

type ChoiceBase = Omit<BillingChoice, 'monthlyEquivalent' | 'dueNow' | 'termTotal' | 'label' | 'promotions'> & {
  /** The first period after promotions (default: periodPrice). */
  firstPeriodPrice?: Money | null;
  promotions?: string[];
};

function finish({ firstPeriodPrice, promotions, ...base }: ChoiceBase): BillingChoice {
  const { periodPrice, setup, months, commitmentMonths } = base;
  const periods = Math.max(1, Math.ceil(Math.max(commitmentMonths, months) / Math.max(months, 1)));
  const first = firstPeriodPrice ?? periodPrice;
  return {
    ...base,
    label: billingLabel(base.kind, months, commitmentMonths),
    monthlyEquivalent: periodPrice && months > 0 ? divideMoney(periodPrice, months) : null,
    dueNow: first && setup ? addMoney(setup, first) : null,
    termTotal: periodPrice && first && setup ? addMoney(addMoney(setup, first), multiplyMoney(periodPrice, periods - 1)) : null,
    promotions: promotions ?? [],
  };
}

/** `NAME until 2027-02-01` for each promotion of a catalog pricing (once each). */
function promotionNames(pricing: OfferPricing | undefined): string[] {
  const names = (pricing?.promotions ?? []).map((p) => (p.endDate ? `${p.name} until ${p.endDate.slice(0, 10)}` : p.name));
  return [...new Set(names)];
}

/**
 * Billing choices from a cart product offer: one per pricing mode × renew duration. `offer`
 * (the catalog's view of the same plan) supplies amounts the cart answer lacks.
 */
export function buildBillingChoices(definition: GenericProductDefinition, offer?: Offer): BillingChoice[] {
  const choices: BillingChoice[] = [];
  const seen = new Set<string>();
  for (const renew of definition.prices) {
    if (!renew.capacities.includes('renew')) continue;
    const months = monthsOfDuration(renew.duration);
    if (months === undefined || months === 0) continue;
    const key = `${renew.pricingMode}|${months}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const installation = definition.prices.find((p) => p.pricingMode === renew.pricingMode && p.capacities.includes('installation'));
    const fromCatalog = offer?.pricings.find((p) => p.mode === renew.pricingMode && p.intervalMonths === months);
    const kind = fromCatalog?.kind ?? billingKindOf(renew.pricingMode, null, months);
    const periodPrice = fromCatalog?.periodPrice ?? cartMoney(renew) ?? null;
    let setup: Money | null;
    if (fromCatalog) setup = fromCatalog.setup;
    else if (installation) setup = cartMoney(installation);
    else setup = periodPrice ? zeroMoney(periodPrice.currency) : null;
    const commitmentMonths = fromCatalog?.commitmentMonths ?? commitmentOfMode(renew.pricingMode, kind, months);
    choices.push(
      finish({
        pricingMode: renew.pricingMode,
        duration: renew.duration,
        months,
        kind,
        commitmentMonths,
        periodPrice,
        firstPeriodPrice: fromCatalog?.firstPeriodPrice,
        setup,
        promotions: promotionNames(fromCatalog),
        quantity: {
          min: renew.minimumQuantity ?? fromCatalog?.quantity.min ?? 1,
          max: renew.maximumQuantity ?? fromCatalog?.quantity.max ?? null,
        },
      }),
    );
  }
  return sortChoices(choices);
}

/** Months committed to, from the mode's name alone (`degressivity12`); a whole period when it does not say. */
function commitmentOfMode(pricingMode: string, kind: BillingKind, months: number): number {
  return kind === 'monthly' ? 0 : commitmentMonthsOf(pricingMode, undefined, null) || months;
}

/**
 * The choice a cart item names by its pricing mode and duration, worked out from OVH's mode names
 * alone (no catalog, no prices): enough to say the billing in words. Undefined for a duration
 * that is not whole months.
 */
export function billingChoiceOfMode(pricingMode: string, duration: string): BillingChoice | undefined {
  const months = monthsOfDuration(duration);
  if (months === undefined || months === 0) return undefined;
  const kind = billingKindOf(pricingMode, null, months);
  return finish({
    pricingMode,
    duration,
    months,
    kind,
    commitmentMonths: commitmentOfMode(pricingMode, kind, months),
    periodPrice: null,
    setup: null,
    quantity: { min: 1, max: null },
  });
}

/** The same choices from the catalog alone (before a cart exists). */
export function billingChoicesFromOffer(offer: Offer): BillingChoice[] {
  return sortChoices(
    offer.pricings.map((p: OfferPricing) =>
      finish({
        pricingMode: p.mode,
        duration: p.duration,
        months: p.intervalMonths,
        kind: p.kind,
        commitmentMonths: p.commitmentMonths,
        periodPrice: p.periodPrice,
        firstPeriodPrice: p.firstPeriodPrice,
        setup: p.setup,
        promotions: promotionNames(p),
        quantity: p.quantity,
      }),
    ),
  );
}

function sortChoices(choices: BillingChoice[]): BillingChoice[] {
  const keyed = choices.map((c) => ({ c, kind: c.kind, commitmentMonths: c.commitmentMonths, intervalMonths: c.months, mode: c.pricingMode }));
  return sortPricings(keyed).map((k) => k.c);
}

/** The choice for a mode and duration (`P12M` matches `P1Y`); without a duration, the mode's only/first one. */
export function findBillingChoice(choices: readonly BillingChoice[], pricingMode: string, duration?: string): BillingChoice | undefined {
  const months = duration === undefined ? undefined : monthsOfDuration(duration);
  return choices.find((c) => c.pricingMode === pricingMode && (months === undefined ? duration === undefined : c.months === months));
}

/** The choice a person gets without asking: `default` monthly, else the first. */
export function defaultBillingChoice(choices: readonly BillingChoice[]): BillingChoice | undefined {
  return choices.find((c) => c.pricingMode === 'default' && c.months === 1) ?? choices[0];
}

/** Allowed `mode duration` pairs, as `--pricing-mode` and `--duration` take them: `default P1M, degressivity12 P1M`. */
export function describeBillingChoices(choices: readonly BillingChoice[]): string[] {
  return choices.map((c) => `${c.pricingMode} ${c.duration}`);
}

/** One line per choice for a message: its words, then the flag values that ask for it (`degressivity12 P1M`). */
export function billingChoiceLines(choices: readonly BillingChoice[], indent = '    '): string[] {
  const width = Math.max(0, ...choices.map((c) => c.label.length));
  return choices.map((c) => `${indent}${c.label.padEnd(width)}  ${c.pricingMode} ${c.duration}`);
}

export interface QuantityProblem {
  message: string;
}

/** Checks a quantity against a choice's limits; undefined when fine. */
export function checkQuantity(choice: Pick<BillingChoice, 'quantity'>, quantity: number): QuantityProblem | undefined {
  if (!Number.isInteger(quantity) || quantity < choice.quantity.min) {
    return { message: `Quantity ${quantity} is below the minimum of ${choice.quantity.min}.` };
  }
  if (choice.quantity.max !== null && quantity > choice.quantity.max) {
    return { message: `Quantity ${quantity} is above the maximum of ${choice.quantity.max} per order.` };
  }
  return undefined;
}

/** The human billing flags of `order`: `--commitment 12|24` and `--upfront`. */
export interface BillingWish {
  /** Months committed to; undefined with `--upfront` alone. */
  commitmentMonths?: number;
  upfront: boolean;
}

/** The flags that ask for a choice: `--commitment 12 --upfront`; none for monthly without commitment. */
export function billingWishFlags(choice: Pick<BillingChoice, 'kind' | 'commitmentMonths'>): string {
  if (choice.kind === 'monthly') return 'no flag (monthly)';
  return `--commitment ${choice.commitmentMonths}${choice.kind === 'upfront' ? ' --upfront' : ''}`;
}

/**
 * The choice the human flags name: `--commitment N` the N-month commitment paid monthly, with
 * `--upfront` the N months paid now; `--upfront` alone the plan's only upfront choice. Undefined
 * when the plan offers no such choice (or `--upfront` alone is ambiguous).
 */
export function choiceForWish(choices: readonly BillingChoice[], wish: BillingWish): BillingChoice | undefined {
  const kind = wish.upfront ? 'upfront' : 'commitment';
  const matching = choices.filter((c) => c.kind === kind && (wish.commitmentMonths === undefined || c.commitmentMonths === wish.commitmentMonths));
  return matching.length === 1 || wish.commitmentMonths !== undefined ? matching[0] : undefined;
}
