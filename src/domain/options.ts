// Option (add-on) selection rules for one plan:
//   - every mandatory family gets exactly one option: the person's, else the catalog default, else
//     the one the listing shows (its only add-on, else its cheapest in the default mode),
//     else the cheapest for the chosen pricing mode/duration ("if only one is missing the order fails");
//   - an exclusive family takes at most one;
//   - unknown option plan codes are refused, listing the plan's options.
// Families come from the catalog Offer or from the cart's `/options` answer (optionFamiliesFromCart).
import type { GenericOptionDefinition } from '../ovh/models/catalog.js';
import { UsageError, listAllowed } from './errors.js';
import { closeMatches } from './close-matches.js';
import { monthsOfDuration } from './durations.js';
import { compareMoney, divideMoney, moneyFromCartPrice } from './money.js';
import type { AddonPricing, Offer, OfferAddon, OfferAddonFamily } from './offer-model.js';
import { addonPricingFor } from './offer-pricing.js';
import { defaultAddonOf } from './offers-public.js';
import { capitalised, optionFamilyWords } from './words.js';

export interface SelectedOption {
  planCode: string;
  family: string;
  /** `chosen` by the person, the catalog `default`, the `cheapest`, or the family's `only` one. */
  source: 'chosen' | 'default' | 'cheapest' | 'only';
  /** The add-on's definition, when the catalog/cart has it. */
  addon: OfferAddon | null;
}

interface OptionProblem {
  code: 'unknown-option' | 'exclusive-conflict' | 'not-sold-in-mode' | 'no-option-for-mandatory-family';
  message: string;
  allowed?: string[];
}

export interface OptionSelection {
  selected: SelectedOption[];
  problems: OptionProblem[];
}

export interface OptionBilling {
  pricingMode: string;
  /** ISO duration or months of the chosen billing period; omitted = any period of the mode. */
  duration?: string;
}

/** The families a person looks for first: the hardware, then the network; licences and the rest after. */
const FAMILY_ORDER = ['memory', 'storage', 'system-storage', 'gpu', 'bandwidth', 'vrack'];

function familyRank(family: OfferAddonFamily): number {
  const known = FAMILY_ORDER.indexOf(family.name);
  return known >= 0 ? known : family.mandatory ? FAMILY_ORDER.length : FAMILY_ORDER.length + 1;
}

/** Families in the order a person reads them: memory, storage…, then other mandatory ones, then the rest. */
function familiesByImportance(families: readonly OfferAddonFamily[]): OfferAddonFamily[] {
  return families
    .map((family, index) => ({ family, index }))
    .sort((a, b) => familyRank(a.family) - familyRank(b.family) || a.index - b.index)
    .map((e) => e.family);
}

/** Every option plan code a plan accepts (defined add-ons and those the catalog only names), hardware first. */
export function allowedOptionCodes(families: readonly OfferAddonFamily[]): string[] {
  return [...new Set(familiesByImportance(families).flatMap((f) => [...f.addons.map((a) => a.planCode), ...f.missing]))];
}

/** `Unknown option "ram-64g"…`: close matches first, then every option, family by family (hardware first), none left out. */
function unknownOptionMessage(code: string, families: readonly OfferAddonFamily[]): string {
  const close = closeMatches(code, allowedOptionCodes(families));
  const lines = [`Unknown option "${code}" for this plan.${close.length > 0 ? ` Did you mean: ${close.join(', ')}?` : ''} Its options, by family:`];
  for (const family of familiesByImportance(families)) {
    const codes = [...family.addons.map((a) => a.planCode), ...family.missing].map((c) => (c === family.default ? `${c} (default)` : c));
    if (codes.length > 0) lines.push(`    ${capitalised(optionFamilyWords(family.name))}${family.mandatory ? ' (one is needed)' : ''}: ${codes.join(', ')}`);
  }
  return lines.join('\n');
}

function pricingFor(addon: OfferAddon, billing: OptionBilling): AddonPricing | undefined {
  const months = billing.duration === undefined ? undefined : monthsOfDuration(billing.duration);
  return addonPricingFor(addon.pricings, billing.pricingMode, months);
}

function cheapest(addons: readonly OfferAddon[], billing: OptionBilling): OfferAddon | undefined {
  let best: { addon: OfferAddon; price: AddonPricing } | undefined;
  for (const addon of addons) {
    const price = pricingFor(addon, billing);
    if (!price) continue;
    if (!best || compareMoney(price.monthlyEquivalent, best.price.monthlyEquivalent) < 0) best = { addon, price };
  }
  return best?.addon;
}

/**
 * Resolves the options to add for a plan: the person's `requested` plan codes, checked, plus one
 * for each mandatory family left out. Never throws; see `assertOptionSelection`.
 */
export function resolveOptions(families: readonly OfferAddonFamily[], requested: readonly string[], billing: OptionBilling): OptionSelection {
  const selected: SelectedOption[] = [];
  const problems: OptionProblem[] = [];
  const allowed = allowedOptionCodes(families);
  const byFamily = new Map<string, string[]>();

  for (const code of new Set(requested)) {
    const family = families.find((f) => f.addons.some((a) => a.planCode === code) || f.missing.includes(code));
    if (!family) {
      problems.push({ code: 'unknown-option', message: unknownOptionMessage(code, families), allowed });
      continue;
    }
    const addon = family.addons.find((a) => a.planCode === code) ?? null;
    if (addon && addon.pricings.length > 0 && !pricingFor(addon, billing)) {
      const modes = addon.pricings.map((p) => `${p.mode} ${p.duration}`);
      problems.push({
        code: 'not-sold-in-mode',
        message: `Option "${code}" is not sold with pricing mode ${billing.pricingMode}${billing.duration ? ` ${billing.duration}` : ''}. It has: ${listAllowed(modes)}.`,
        allowed: modes,
      });
      continue;
    }
    byFamily.set(family.name, [...(byFamily.get(family.name) ?? []), code]);
    selected.push({ planCode: code, family: family.name, source: 'chosen', addon });
  }

  for (const family of families) {
    const chosen = byFamily.get(family.name) ?? [];
    if (family.exclusive && chosen.length > 1) {
      const familyCodes = [...family.addons.map((a) => a.planCode), ...family.missing];
      problems.push({
        code: 'exclusive-conflict',
        message: `Options ${chosen.map((c) => `"${c}"`).join(' and ')} are both ${optionFamilyWords(family.name)}, of which only one can be chosen. Choose one of: ${listAllowed(familyCodes)}.`,
        allowed: familyCodes,
      });
    }
    if (!family.mandatory || chosen.length > 0) continue;
    const pick = pickForMandatory(family, billing);
    if (pick) selected.push(pick);
    else {
      problems.push({
        code: 'no-option-for-mandatory-family',
        message:
          family.addons.length + family.missing.length === 0
            ? `No ${optionFamilyWords(family.name)} option is in the catalog, and one is needed; the order cannot be completed.`
            : `One ${optionFamilyWords(family.name)} option is needed, priced for --pricing-mode ${billing.pricingMode}. Choose one of: ${listAllowed([...family.addons.map((a) => a.planCode), ...family.missing])}.`,
        allowed: [...family.addons.map((a) => a.planCode), ...family.missing],
      });
    }
  }
  return { selected, problems };
}

function pickForMandatory(family: OfferAddonFamily, billing: OptionBilling): SelectedOption | undefined {
  if (family.default) {
    const addon = family.addons.find((a) => a.planCode === family.default) ?? null;
    // A default the catalog names without defining is still the default: the cart knows it.
    if (!addon || addon.pricings.length === 0 || pricingFor(addon, billing)) {
      return { planCode: family.default, family: family.name, source: 'default', addon };
    }
  }
  // No default named: the listing shows the family's own pick (its only add-on, else its cheapest in
  // the default mode); that is what is ordered when it is sold in this mode, whatever the mode's prices.
  const listed = defaultAddonOf(family);
  if (listed && (listed.pricings.length === 0 || pricingFor(listed, billing))) {
    return { planCode: listed.planCode, family: family.name, source: family.addons.length === 1 ? 'only' : 'cheapest', addon: listed };
  }
  const best = cheapest(family.addons, billing);
  if (best) return { planCode: best.planCode, family: family.name, source: 'cheapest', addon: best };
  const names = [...family.addons.map((a) => a.planCode), ...family.missing];
  if (names.length === 1 && names[0] !== undefined) {
    return { planCode: names[0], family: family.name, source: 'only', addon: family.addons[0] ?? null };
  }
  return undefined;
}

/** Throws a UsageError listing every option problem; returns the selection otherwise. */
export function assertOptionSelection(selection: OptionSelection, planCode?: string): SelectedOption[] {
  if (selection.problems.length === 0) return selection.selected;
  const head = planCode ? `Options for plan ${planCode}:\n` : '';
  throw new UsageError(head + selection.problems.map((p) => p.message).join('\n'), {
    code: 'invalid_option',
    hint: 'See a plan’s options with the wizard, or in `ovh-order catalog --json`.',
  });
}

/**
 * Option families from the cart's `GET …/{product}/options?planCode=` answer. The cart gives
 * family/mandatory/exclusive per option but no default: the catalog offer, when given, supplies
 * defaults, product names and hardware facts.
 */
export function optionFamiliesFromCart(definitions: readonly GenericOptionDefinition[], offer?: Offer): OfferAddonFamily[] {
  const families = new Map<string, OfferAddonFamily>();
  for (const def of definitions) {
    const catalogFamily = offer?.addonFamilies.find((f) => f.name === def.family);
    const catalogAddon = catalogFamily?.addons.find((a) => a.planCode === def.planCode);
    let family = families.get(def.family);
    if (!family) {
      family = { name: def.family, mandatory: def.mandatory, exclusive: def.exclusive, default: catalogFamily?.default ?? null, addons: [], missing: [] };
      families.set(def.family, family);
    }
    family.mandatory ||= def.mandatory;
    family.exclusive ||= def.exclusive;
    const pricings: AddonPricing[] = [];
    for (const price of def.prices) {
      if (!price.capacities.includes('renew') || !price.price) continue;
      const months = monthsOfDuration(price.duration);
      if (!months) continue;
      const installation = def.prices.find((p) => p.pricingMode === price.pricingMode && p.capacities.includes('installation') && p.price);
      const periodPrice = moneyFromCartPrice({ ...price.price, priceInUcents: price.priceInUcents ?? price.price.priceInUcents ?? null });
      pricings.push({
        mode: price.pricingMode,
        intervalMonths: months,
        duration: price.duration,
        periodPrice,
        firstPeriodPrice: periodPrice,
        setup: installation?.price ? moneyFromCartPrice(installation.price) : { micros: 0, currency: periodPrice.currency },
        monthlyEquivalent: divideMoney(periodPrice, months),
        promotions: [],
      });
    }
    family.addons.push({
      planCode: def.planCode,
      name: catalogAddon?.name ?? def.productName,
      product: catalogAddon?.product ?? def.planCode,
      family: def.family,
      pricings: pricings.length > 0 ? pricings : (catalogAddon?.pricings ?? []),
      monthlyDelta: catalogAddon?.monthlyDelta ?? null,
      ramGb: catalogAddon?.ramGb ?? null,
      storage: catalogAddon?.storage ?? null,
      bandwidthMbps: catalogAddon?.bandwidthMbps ?? null,
    });
  }
  // A default the cart does not offer is no default.
  for (const family of families.values()) {
    if (family.default && !family.addons.some((a) => a.planCode === family.default)) family.default = null;
  }
  return [...families.values()];
}
