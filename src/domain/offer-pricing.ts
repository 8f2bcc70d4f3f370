// Catalog pricings (micro-cents, one entry per mode × capacity) → per-mode prices: the period
// price, the setup fee, what a month costs, what is due at order, with promotions applied and named.
import type { CatalogPricing, CatalogPromotion } from '../ovh/models/catalog.js';
import { durationOfMonths, monthsOfDuration, monthsOfInterval } from './durations.js';
import { addMoney, compareMoney, divideMoney, moneyFromMicroCents, zeroMoney, type Money } from './money.js';
import { compareCodes, type AddonPricing, type BillingKind, type OfferPricing, type OfferPromotion } from './offer-model.js';

/** `monthly`, `commitment` or `upfront`, from the engagement type, else the mode name, else the interval. */
export function billingKindOf(mode: string, engagement: string | null | undefined, intervalMonths: number): BillingKind {
  if (engagement === 'upfront' || /^upfront\d+$/.test(mode)) return 'upfront';
  if (engagement === 'periodic' || /^degressivity\d+$/.test(mode)) return 'commitment';
  return intervalMonths > 1 ? 'upfront' : 'monthly';
}

/** Months committed to: the pricing's `commitment`, else its engagement duration, else the number in the mode name. */
export function commitmentMonthsOf(mode: string, commitment: number | undefined, engagementDuration: string | null | undefined): number {
  if (commitment !== undefined && commitment > 0) return commitment;
  if (engagementDuration) {
    const months = monthsOfDuration(engagementDuration);
    if (months) return months;
  }
  const fromName = /^(?:upfront|degressivity)(\d+)$/.exec(mode);
  return fromName?.[1] ? Number(fromName[1]) : 0;
}

/** The price after one promotion: `total` is the amount after it, `discount` the amount off. */
function promotedMicros(price: number, promotion: CatalogPromotion): number {
  if (promotion.total) return promotion.total.value;
  if (promotion.discount) return Math.max(0, price - promotion.discount.value);
  return price;
}

/**
 * A promotion applies between its `startDate` (inclusive) and its `endDate` (exclusive); a bound the
 * catalog leaves out (or writes unreadably) does not limit it. The 2022 bare-metal catalog still
 * carries promotions that ended on 2022-02-08: OVH's quote no longer applies them.
 */
function promotionApplies(promotion: Pick<CatalogPromotion, 'startDate' | 'endDate'>, now: Date): boolean {
  const at = now.getTime();
  const start = promotion.startDate ? Date.parse(promotion.startDate) : Number.NaN;
  const end = promotion.endDate ? Date.parse(promotion.endDate) : Number.NaN;
  return !(start > at) && !(end <= at);
}

/**
 * The first promotion start or end after `now` among these pricings: prices worked out at `now`
 * hold until then (a cache of them must not outlive it).
 */
export function nextPromotionBoundary(pricings: Iterable<Pick<CatalogPricing, 'promotions'>>, now: Date): Date | undefined {
  let next = Number.POSITIVE_INFINITY;
  for (const pricing of pricings) {
    for (const promotion of pricing.promotions ?? []) {
      for (const date of [promotion.startDate, promotion.endDate]) {
        const at = date ? Date.parse(date) : Number.NaN;
        if (at > now.getTime() && at < next) next = at;
      }
    }
  }
  return Number.isFinite(next) ? new Date(next) : undefined;
}

interface PricedAmount {
  before: Money;
  after: Money;
  promotions: OfferPromotion[];
}

/** The price with the promotions that apply at `now` (the others are left out, not only unapplied). */
function priceWithPromotions(pricing: CatalogPricing, currency: string, appliesTo: 'setup' | 'renew', now: Date): PricedAmount {
  const before = moneyFromMicroCents(pricing.price, currency);
  let after = before;
  const promotions: OfferPromotion[] = [];
  for (const promotion of pricing.promotions ?? []) {
    if (!promotionApplies(promotion, now)) continue;
    const promoted = moneyFromMicroCents(promotedMicros(pricing.price, promotion), currency);
    promotions.push({
      name: promotion.name,
      description: promotion.description ?? null,
      appliesTo,
      mode: pricing.mode,
      before,
      after: promoted,
      endDate: promotion.endDate ?? null,
      durationMonths: promotion.duration ?? null,
    });
    if (compareMoney(promoted, after) < 0) after = promoted;
  }
  return { before, after, promotions };
}

/**
 * One pass over a plan's pricings: the renew pricings billed in whole months, one per mode × period
 * length (consumption/hourly pricings are not offers one can order here; a repeated mode × period
 * keeps its first entry), and the installation pricing of each mode.
 */
function splitPricings(pricings: readonly CatalogPricing[]): { renews: CatalogPricing[]; installations: Map<string, CatalogPricing> } {
  const seen = new Set<string>();
  const renews: CatalogPricing[] = [];
  const installations = new Map<string, CatalogPricing>();
  for (const p of pricings) {
    if (p.capacities.includes('installation')) {
      if (!installations.has(p.mode)) installations.set(p.mode, p);
      continue;
    }
    if (!p.capacities.includes('renew')) continue;
    const months = monthsOfInterval(p.interval, p.intervalUnit);
    const key = `${p.mode}|${months}`;
    if (months === 0 || seen.has(key)) continue;
    seen.add(key);
    renews.push(p);
  }
  return { renews, installations };
}

/** The plan's own per-mode prices (no add-ons) at `now`, in catalog order of modes. */
export function planPricings(pricings: readonly CatalogPricing[], currency: string, now: Date = new Date()): OfferPricing[] {
  const result: OfferPricing[] = [];
  const { renews, installations } = splitPricings(pricings);
  for (const renew of renews) {
    const intervalMonths = monthsOfInterval(renew.interval, renew.intervalUnit);
    const installation = installations.get(renew.mode);
    const setup = installation ? priceWithPromotions(installation, currency, 'setup', now) : undefined;
    const period = priceWithPromotions(renew, currency, 'renew', now);
    const setupBefore = setup?.before ?? zeroMoney(currency);
    const setupAfter = setup?.after ?? zeroMoney(currency);
    const engagement = renew.engagementConfiguration?.type;
    result.push({
      mode: renew.mode,
      kind: billingKindOf(renew.mode, engagement, intervalMonths),
      intervalMonths,
      duration: durationOfMonths(intervalMonths),
      commitmentMonths: commitmentMonthsOf(renew.mode, renew.commitment, renew.engagementConfiguration?.duration),
      engagement: engagement === 'periodic' || engagement === 'upfront' ? engagement : null,
      periodPrice: period.before,
      firstPeriodPrice: period.after,
      setup: setupAfter,
      setupBeforePromotion: setupBefore,
      monthlyEquivalent: divideMoney(period.before, intervalMonths),
      dueNow: addMoney(setupAfter, period.after),
      plan: { periodPrice: period.before, firstPeriodPrice: period.after, setup: setupAfter },
      quantity: { min: renew.quantity?.min ?? 1, max: renew.quantity?.max ?? null },
      promotions: [...(setup?.promotions ?? []), ...period.promotions],
    });
  }
  return sortPricings(result);
}

const kindOrder: Record<BillingKind, number> = { monthly: 0, commitment: 1, upfront: 2 };

/** Monthly first, then commitments, then upfront; shorter before longer. */
export function sortPricings<T extends { kind: BillingKind; commitmentMonths: number; intervalMonths: number; mode: string }>(pricings: T[]): T[] {
  return pricings.sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.commitmentMonths - b.commitmentMonths ||
      a.intervalMonths - b.intervalMonths ||
      (a.mode === 'default' ? -1 : b.mode === 'default' ? 1 : compareCodes(a.mode, b.mode)),
  );
}

/** An add-on's per-mode prices at `now`. */
export function addonPricings(pricings: readonly CatalogPricing[], currency: string, now: Date = new Date()): AddonPricing[] {
  const { renews, installations } = splitPricings(pricings);
  return renews.map((renew) => {
    const intervalMonths = monthsOfInterval(renew.interval, renew.intervalUnit);
    const installation = installations.get(renew.mode);
    const period = priceWithPromotions(renew, currency, 'renew', now);
    const setup = installation ? priceWithPromotions(installation, currency, 'setup', now) : undefined;
    return {
      mode: renew.mode,
      intervalMonths,
      duration: durationOfMonths(intervalMonths),
      periodPrice: period.before,
      firstPeriodPrice: period.after,
      setup: setup?.after ?? zeroMoney(currency),
      monthlyEquivalent: divideMoney(period.before, intervalMonths),
      promotions: [...(setup?.promotions ?? []), ...period.promotions],
    };
  });
}

/** The add-on pricing for a mode (and, when given, a period length in months). */
export function addonPricingFor(pricings: readonly AddonPricing[], mode: string, intervalMonths?: number): AddonPricing | undefined {
  return pricings.find((p) => p.mode === mode && (intervalMonths === undefined || p.intervalMonths === intervalMonths));
}

/** Adds fixed add-on prices (the defaults of mandatory families) to a plan pricing. */
export function withAddonPrices(pricing: OfferPricing, addons: readonly AddonPricing[]): OfferPricing {
  let period = pricing.periodPrice;
  let first = pricing.firstPeriodPrice;
  let setup = pricing.setup;
  let setupBefore = pricing.setupBeforePromotion;
  const promotions = [...pricing.promotions];
  for (const addon of addons) {
    period = addMoney(period, addon.periodPrice);
    first = addMoney(first, addon.firstPeriodPrice);
    setup = addMoney(setup, addon.setup);
    setupBefore = addMoney(setupBefore, addon.setup);
    promotions.push(...addon.promotions);
  }
  return {
    ...pricing,
    periodPrice: period,
    firstPeriodPrice: first,
    setup,
    setupBeforePromotion: setupBefore,
    monthlyEquivalent: divideMoney(period, pricing.intervalMonths),
    dueNow: addMoney(setup, first),
    promotions,
  };
}

/** The pricing a listing shows: mode `default` billed monthly, else the cheapest per month. */
export function defaultPricing(pricings: readonly OfferPricing[]): OfferPricing | undefined {
  return defaultModePricing(pricings) ?? [...pricings].sort((a, b) => compareMoney(a.monthlyEquivalent, b.monthlyEquivalent))[0];
}

/** The first choice of `defaultPricing`: mode `default` billed monthly, else mode `default` at all. */
export function defaultModePricing<T extends Pick<OfferPricing, 'mode' | 'intervalMonths'>>(pricings: readonly T[]): T | undefined {
  return pricings.find((p) => p.mode === 'default' && p.intervalMonths === 1) ?? pricings.find((p) => p.mode === 'default');
}
