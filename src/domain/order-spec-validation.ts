// A spec checked against its offer (and, when known, the cart's billing choices, the item's
// requiredConfiguration and the stock): every problem at once, each with the allowed values.
import { UsageError, listAllowed } from './errors.js';
import { isOrderable, type OfferAvailability } from './availability.js';
import { billingChoiceLines, billingChoicesFromOffer, describeBillingChoices, checkQuantity, type BillingChoice } from './billing.js';
import { missingConfigurationMessage, planConfiguration, DATACENTER_LABEL, OS_LABEL, REGION_LABEL, type RequiredConfigurationItem } from './configuration.js';
import { monthsOfDuration } from './durations.js';
import type { Offer } from './offer-model.js';
import { resolveOptions } from './options.js';
import type { OrderSpec } from './order-spec.js';
import { describeDatacenter, normaliseDatacenter } from './places.js';

export interface SpecProblem {
  field: keyof OrderSpec | `configuration.${string}`;
  code:
    | 'unknown-plan'
    | 'wrong-range'
    | 'invalid-datacenter'
    | 'out-of-stock'
    | 'unknown-option'
    | 'exclusive-conflict'
    | 'option-not-sold-in-mode'
    | 'missing-option'
    | 'invalid-pricing'
    | 'invalid-quantity'
    | 'invalid-configuration';
  message: string;
  allowed?: string[];
}

export interface SpecValidationExtras {
  /** Offers of the spec's range (for the list of plan codes), and of other ranges (to say where a plan is). */
  offers?: readonly Offer[];
  /** Availability of the chosen hardware (see offerAvailability with hardwareFromOptions). */
  availability?: OfferAvailability;
}

/**
 * Every problem of a spec against its offer, each with the allowed values: unknown plan, plan of
 * another range, datacenter not offered or out of stock, unknown option, two options of an
 * exclusive family, pricing mode/duration not sold, quantity out of bounds, configuration values.
 */
export function validateSpecAgainstOffer(
  spec: OrderSpec,
  offer: Offer | undefined,
  billingChoices?: readonly BillingChoice[],
  requiredConfiguration?: readonly RequiredConfigurationItem[],
  extras: SpecValidationExtras = {},
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (!offer || offer.range !== spec.range) {
    const elsewhere = offer ?? extras.offers?.find((o) => o.planCode === spec.planCode && o.range !== spec.range);
    if (elsewhere && elsewhere.range !== spec.range) {
      problems.push({
        field: 'range',
        code: 'wrong-range',
        message: `Plan "${spec.planCode}" is in the ${elsewhere.range} range, not ${spec.range}.`,
        allowed: [elsewhere.range],
      });
    } else {
      const allowed = (extras.offers ?? []).filter((o) => o.range === spec.range).map((o) => o.planCode);
      problems.push({
        field: 'planCode',
        code: 'unknown-plan',
        message: `Unknown plan "${spec.planCode}" in the ${spec.range} range.${allowed.length ? ` Allowed: ${listAllowed(allowed)}.` : ''}`,
        allowed,
      });
    }
    return problems;
  }

  // Billing: the cart's choices when known, else the catalog's.
  const choices = billingChoices ?? billingChoicesFromOffer(offer);
  const months = monthsOfDuration(spec.duration);
  const choice = choices.find((c) => c.pricingMode === spec.pricingMode && c.months === months);
  if (!choice) {
    const allowed = describeBillingChoices(choices);
    problems.push({
      field: choices.some((c) => c.pricingMode === spec.pricingMode) ? 'duration' : 'pricingMode',
      code: 'invalid-pricing',
      message: [
        `Plan ${offer.planCode} is not sold as --pricing-mode ${spec.pricingMode} --duration ${spec.duration}. Its billing choices (--pricing-mode --duration):`,
        ...billingChoiceLines(choices),
      ].join('\n'),
      allowed,
    });
  } else {
    const quantityProblem = checkQuantity(choice, spec.quantity);
    if (quantityProblem) problems.push({ field: 'quantity', code: 'invalid-quantity', message: quantityProblem.message });
  }

  // Datacenter: offered by the plan (or by the item's requiredConfiguration), then in stock.
  const datacenter = normaliseDatacenter(spec.datacenter);
  const configuredDatacenters = requiredConfiguration?.find((r) => r.label === DATACENTER_LABEL)?.allowedValues;
  const offered = configuredDatacenters && configuredDatacenters.length > 0 ? configuredDatacenters.map(normaliseDatacenter) : offer.datacenters;
  if (offered.length > 0 && !offered.includes(datacenter)) {
    problems.push({
      field: 'datacenter',
      code: 'invalid-datacenter',
      message: `Datacenter "${spec.datacenter}" is not offered for ${offer.planCode}. Allowed: ${listAllowed(offered)}.`,
      allowed: [...offered],
    });
  } else if (extras.availability && extras.availability.match !== 'none') {
    const delay = extras.availability.datacenters.find((d) => d.datacenter === datacenter);
    if (!delay || !isOrderable(delay.availability)) {
      const allowed = extras.availability.orderableDatacenters;
      problems.push({
        field: 'datacenter',
        code: 'out-of-stock',
        message: `${offer.planCode} ${delay ? `is ${delay.label} in` : 'has no stock listed in'} ${describeDatacenter(datacenter)}.${allowed.length ? ` In stock: ${listAllowed(allowed)}.` : ' It is in stock nowhere right now.'}`,
        allowed: [...allowed],
      });
    }
  }

  // Options: priced in the spec's mode when that mode is valid; otherwise only their names are
  // checked (the billing problem above already says what is wrong).
  const billing = choice ? { pricingMode: spec.pricingMode, duration: spec.duration } : { pricingMode: 'default' };
  const options = resolveOptions(offer.addonFamilies, spec.options, billing);
  for (const p of options.problems) {
    if (!choice && p.code !== 'unknown-option' && p.code !== 'exclusive-conflict') continue;
    const code =
      p.code === 'unknown-option'
        ? 'unknown-option'
        : p.code === 'exclusive-conflict'
          ? 'exclusive-conflict'
          : p.code === 'not-sold-in-mode'
            ? 'option-not-sold-in-mode'
            : 'missing-option';
    problems.push({ field: 'options', code, message: p.message, ...(p.allowed ? { allowed: p.allowed } : {}) });
  }

  // Configuration: against the item's requiredConfiguration when known, else the catalog's values.
  const required: RequiredConfigurationItem[] =
    requiredConfiguration !== undefined
      ? [...requiredConfiguration]
      : offer.configurations.map((c) => ({ label: c.name, required: c.mandatory, type: 'String', allowedValues: c.values }));
  const values: Record<string, string> = { ...spec.configuration };
  const plan = planConfiguration(required, { values, datacenter: spec.datacenter, ...(spec.os !== undefined ? { os: spec.os } : {}) });
  for (const p of plan.problems) {
    if (p.label === DATACENTER_LABEL && problems.some((q) => q.field === 'datacenter')) continue;
    // The catalog lists only some labels; only the item's requiredConfiguration knows them all.
    if (p.code === 'unknown-label' && requiredConfiguration === undefined) continue;
    problems.push({
      field: p.label === OS_LABEL && spec.os !== undefined ? 'os' : `configuration.${p.label}`,
      code: 'invalid-configuration',
      message: p.message,
      ...(p.allowed ? { allowed: p.allowed } : {}),
    });
  }
  const datacenterRefused = problems.some((q) => q.field === 'datacenter');
  for (const m of plan.missing) {
    // `region` follows from the datacenter: once that is refused, "region missing" only adds noise.
    if (m.label === REGION_LABEL && datacenterRefused) continue;
    problems.push({
      field: `configuration.${m.label}`,
      code: 'invalid-configuration',
      message: missingConfigurationMessage(m),
      ...(m.allowedValues ? { allowed: m.allowedValues } : {}),
    });
  }
  return problems;
}

/** Throws a UsageError listing every problem (exit 2); returns quietly when there is none. */
export function assertSpecValid(problems: readonly SpecProblem[], source = 'order spec'): void {
  if (problems.length === 0) return;
  throw new UsageError(`${source} cannot be ordered:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, {
    code: 'invalid_spec',
    hint: 'Check the values with `ovh-order catalog`, or run `ovh-order wizard`.',
  });
}
