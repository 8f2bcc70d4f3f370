// The price of a plan with a chosen set of add-ons, for one pricing mode: what the wizard shows
// as a person changes memory, storage or bandwidth.
import { UsageError } from './errors.js';
import { addMoney, divideMoney, type Money } from './money.js';
import type { AddonPricing, Offer, OfferPromotion } from './offer-model.js';
import { addonPricingFor } from './offer-pricing.js';
import { defaultAddonOf } from './offers-public.js';

/** Priced like one add-on (mode, period, first period, setup, promotions), plus what is due now. */
export interface SelectionPrice extends AddonPricing {
  dueNow: Money;
  /** Selected add-ons that have no price for this mode (left out of the sums; the cart will say). */
  unpriced: string[];
}

/**
 * Price of the plan with a chosen set of add-ons, for one mode (and period length): the plan's own
 * prices plus each chosen add-on; mandatory families left unchosen count their default.
 */
export function priceOfSelection(offer: Offer, mode: string, addonPlanCodes: readonly string[], intervalMonths?: number): SelectionPrice {
  const pricing = offer.pricings.find((p) => p.mode === mode && (intervalMonths === undefined || p.intervalMonths === intervalMonths));
  if (!pricing) {
    const allowed = [...new Set(offer.pricings.map((p) => `${p.mode} ${p.duration}`))].join(', ');
    throw new UsageError(`Plan ${offer.planCode} is not sold as ${mode}${intervalMonths ? ` over ${intervalMonths} months` : ''}. Allowed: ${allowed}.`, {
      code: 'invalid_pricing_mode',
    });
  }
  const chosen = new Set(addonPlanCodes);
  let period = pricing.plan.periodPrice;
  let first = pricing.plan.firstPeriodPrice;
  let setup = pricing.plan.setup;
  const promotions = pricing.promotions.filter((p) => p.mode === mode && offerOwnPromotion(offer, p));
  const unpriced: string[] = [];
  for (const family of offer.addonFamilies) {
    let picked = family.addons.filter((a) => chosen.has(a.planCode));
    if (picked.length === 0 && family.mandatory) {
      const fallback = defaultAddonOf(family);
      picked = fallback ? [fallback] : [];
    }
    for (const addon of picked) {
      const price = addonPricingFor(addon.pricings, mode, pricing.intervalMonths);
      if (!price) {
        unpriced.push(addon.planCode);
        continue;
      }
      period = addMoney(period, price.periodPrice);
      first = addMoney(first, price.firstPeriodPrice);
      setup = addMoney(setup, price.setup);
      promotions.push(...price.promotions);
    }
  }
  return {
    mode,
    intervalMonths: pricing.intervalMonths,
    duration: pricing.duration,
    periodPrice: period,
    firstPeriodPrice: first,
    setup,
    monthlyEquivalent: divideMoney(period, pricing.intervalMonths),
    dueNow: addMoney(setup, first),
    promotions,
    unpriced,
  };
}

/** True for a promotion of the plan itself (not one carried in from a default add-on). */
function offerOwnPromotion(offer: Offer, promotion: OfferPromotion): boolean {
  return !offer.addonFamilies.some((f) => f.addons.some((a) => a.pricings.some((p) => p.promotions.includes(promotion))));
}
