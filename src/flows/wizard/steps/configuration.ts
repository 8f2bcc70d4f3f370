// Step 6: the item's required configuration (`GET …/requiredConfiguration`), every label once.
//   - the datacenter first (checkout needs it although the API calls it optional): a list with the
//     delivery delay of the chosen hardware in each datacenter, orderable ones first, the
//     subsidiary's own region first among equals; one OVH refused for this hardware is marked and
//     never the default (Enter at every question ends at the quote);
//   - a label with a single allowed value is filled in and shown, never asked;
//   - `region` follows from the datacenter;
//   - other labels: a list when they have allowed values, else a text input checked by type;
//     optional labels with a few allowed values are offered with "leave unset" as the default.
// The values are then posted once each, in parallel.
import { delayRank, fqnOf, hardwareFromOptions, type OfferAvailability } from '../../../domain/availability.js';
import {
  assertConfigurationPlan,
  checkConfigurationType,
  DATACENTER_LABEL,
  isEffectivelyRequired,
  planConfiguration,
  type RequiredConfigurationItem,
} from '../../../domain/configuration.js';
import { datacenterInfo, normaliseDatacenter } from '../../../domain/places.js';
import { configurationLabelTitle } from '../../../domain/words.js';
import { homeRegionOfSubsidiary } from '../../../domain/subsidiaries.js';
import type { ConfigurationRequirement } from '../../../ovh/models/cart.js';
import { BACK, type Back } from '../../../ui/prompter.js';
import { stockFor } from '../../offers-loader.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps } from '../state.js';
import { cartOf, wait } from '../support.js';

const UNSET = '::unset';

function place(code: string): string {
  const info = datacenterInfo(code);
  return info ? `${info.city}, ${info.countryName}` : '';
}

/** What the datacenter question knows besides the stock. */
export interface DatacenterContext {
  /** `--datacenter` codes: first. */
  preferred?: readonly string[];
  /** The subsidiary's own region (`europe` for FR): first among equal delays. */
  homeRegion?: string;
  /** Datacenters OVH refused the preview in for this hardware: last, never the default. */
  refused?: ReadonlySet<string>;
}

/**
 * Datacenter values: orderable ones (soonest first), then those without stock information, then
 * those out of stock, then those OVH refused; among equals the subsidiary's own region, then by code.
 */
export function orderDatacenters(values: readonly string[], stock: OfferAvailability | undefined, context: DatacenterContext = {}): string[] {
  const preferred = context.preferred ?? [];
  const delay = (v: string) => stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(v));
  const rank = (v: string) => {
    if (context.refused?.has(normaliseDatacenter(v))) return 4e12;
    const d = delay(v);
    if (!d) return 2e12;
    return d.orderable ? delayRank(d.availability) : 3e12 + delayRank(d.availability);
  };
  const preference = (v: string) => (preferred.includes(normaliseDatacenter(v)) ? 0 : 1);
  const away = (v: string) => (context.homeRegion && datacenterInfo(v)?.region === context.homeRegion ? 0 : 1);
  return [...values].sort((a, b) => preference(a) - preference(b) || rank(a) - rank(b) || away(a) - away(b) || a.localeCompare(b));
}

/** The datacenter Enter picks: the first in order neither refused nor declined, else the first. */
function defaultDatacenter(
  ordered: readonly string[],
  stock: OfferAvailability | undefined,
  refused: ReadonlySet<string>,
  declined: ReadonlySet<string>,
): string | undefined {
  const usable = ordered.filter((v) => !refused.has(normaliseDatacenter(v)) && !declined.has(v));
  const inStock = usable.find((v) => stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(v))?.orderable !== false);
  return inStock ?? usable[0] ?? ordered[0];
}

/** The set of datacenters OVH refused for this hardware (created on first use). */
export function refusedDatacentersFor(deps: WizardDeps, hardwareKey: string): Set<string> {
  const all = (deps.cart.refusedDatacenters ??= new Map<string, Set<string>>());
  let refused = all.get(hardwareKey);
  if (!refused) all.set(hardwareKey, (refused = new Set()));
  return refused;
}

async function askDatacenter(
  deps: WizardDeps,
  requirement: RequiredConfigurationItem,
  stock: OfferAvailability | undefined,
  previous: string | undefined,
  context: DatacenterContext & { refused: ReadonlySet<string> },
): Promise<string | Back> {
  const allowed = requirement.allowedValues ?? [];
  if (allowed.length === 0) {
    return deps.prompter.input({
      id: `config:${DATACENTER_LABEL}`,
      message: 'Datacenter (e.g. gra, rbx, bhs):',
      default: previous,
      validate: (v) => (v.trim() ? true : 'A datacenter is needed.'),
      allowBack: true,
    });
  }
  const declined = new Set<string>();
  for (;;) {
    const ordered = orderDatacenters(allowed, stock, context);
    const usablePrevious = previous !== undefined && !context.refused.has(normaliseDatacenter(previous)) && !declined.has(previous) ? previous : undefined;
    const answer = await deps.prompter.select<string>({
      id: `config:${DATACENTER_LABEL}`,
      message: 'Which datacenter? (delivery delay of this hardware)',
      choices: ordered.map((value) => ({
        value,
        name: deps.view.datacenterChoiceName(
          value,
          place(value),
          stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(value)),
          context.refused.has(normaliseDatacenter(value)),
        ),
        short: place(value) ? `${value} (${place(value)})` : value,
      })),
      default: usablePrevious ?? defaultDatacenter(ordered, stock, context.refused, declined),
      allowBack: true,
    });
    if (answer === BACK) return BACK;
    const refused = context.refused.has(normaliseDatacenter(answer));
    const delay = stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(answer));
    if (refused || (delay && !delay.orderable)) {
      // Nothing better left to pick: Enter goes on (OVH's answer will say); otherwise Enter picks again.
      const alternatives = ordered.filter((v) => v !== answer && !context.refused.has(normaliseDatacenter(v)) && !declined.has(v));
      const go = await deps.prompter.confirm({
        id: 'confirm-datacenter-out-of-stock',
        message: refused
          ? `OVH refused this hardware in ${answer} a moment ago. Use ${answer} anyway?`
          : `This hardware is ${delay!.label} in ${answer}: checkout may be refused. Use ${answer} anyway?`,
        default: alternatives.length === 0 && !refused,
      });
      if (!go) {
        declined.add(answer);
        continue;
      }
    }
    return answer;
  }
}

async function askLabel(deps: WizardDeps, requirement: RequiredConfigurationItem, previous: string | undefined): Promise<string | Back> {
  const allowed = requirement.allowedValues ?? [];
  const optional = !isEffectivelyRequired(requirement);
  if (allowed.length > 0) {
    const choices = allowed.map((value) => ({ value, name: value }));
    if (optional) choices.unshift({ value: UNSET, name: 'Leave unset' });
    return deps.prompter.select<string>({
      id: `config:${requirement.label}`,
      message: `${configurationLabelTitle(requirement.label)}${optional ? ' (optional)' : ''}:`,
      choices,
      default: previous ?? (optional ? UNSET : allowed[0]),
      allowBack: true,
    });
  }
  return deps.prompter.input({
    id: `config:${requirement.label}`,
    message: `${configurationLabelTitle(requirement.label)} (${requirement.type}):`,
    default: previous,
    validate: (value) => checkConfigurationType(requirement, value.trim())?.message ?? true,
    allowBack: true,
  });
}

/** Labels the wizard asks when nothing gave them: the needed ones, and optional ones with a short list of allowed values. */
function isAskable(requirement: ConfigurationRequirement): boolean {
  if (isEffectivelyRequired(requirement)) return true;
  const allowed = requirement.allowedValues ?? [];
  return allowed.length > 1 && !requirement.type.startsWith('/');
}

export const configurationStep: WizardStep = {
  id: 'configuration',
  async run(state, deps) {
    const session = await cartOf(deps);
    const offer = state.offer!;
    const itemId = deps.cart.server!.itemId;
    const hardware = hardwareFromOptions(
      offer,
      (state.options ?? []).map((o) => o.planCode),
    );
    const [requirements, stock] = await wait(deps, 'Reading the required configuration and the stock', () =>
      Promise.all([
        session.requiredConfiguration(itemId),
        stockFor(deps.api, offer, hardware, state.offers?.availabilities ?? []).catch(() => offer.availability),
      ]),
    );

    const given: Record<string, string> = { ...state.givenConfiguration };
    const flagged = deps.flags.datacenters?.length === 1 ? deps.flags.datacenters[0] : undefined;
    let datacenter = flagged !== undefined && given[DATACENTER_LABEL] === undefined ? flagged : undefined;
    // Given values that do not fit are reported, then asked for again.
    const first = planConfiguration(requirements, { values: given, datacenter });
    for (const problem of first.problems) {
      deps.output.warn(problem.message);
      delete given[problem.label];
      if (problem.label === DATACENTER_LABEL) datacenter = undefined;
    }

    if (datacenter !== undefined) {
      const delay = stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(datacenter));
      if (delay && !delay.orderable) deps.output.warn(`This hardware is ${delay.label} in ${datacenter} (--datacenter): checkout may be refused.`);
    }

    // The questions, in order: the datacenter, then the other needed labels, then optional ones.
    const settled = planConfiguration(requirements, { values: given, datacenter });
    const settledLabels = new Set(settled.entries.map((e) => e.label));
    const datacenterRequirement = requirements.find((r) => r.label === DATACENTER_LABEL);
    const queue: ConfigurationRequirement[] = [];
    if (datacenterRequirement && !settledLabels.has(DATACENTER_LABEL)) queue.push(datacenterRequirement);
    for (const r of requirements) {
      if (r.label === DATACENTER_LABEL || settledLabels.has(r.label) || !isAskable(r)) continue;
      // `region` follows from the datacenter when it can: decided after the datacenter is known.
      queue.push(r);
    }

    const datacenterContext = {
      preferred: deps.flags.datacenters ?? [],
      homeRegion: homeRegionOfSubsidiary(state.subsidiary),
      refused: refusedDatacentersFor(deps, fqnOf(offer.planCode, hardware)),
    };
    const answers = new Map<string, string>();
    const asked: number[] = [];
    let i = 0;
    while (i < queue.length) {
      const requirement = queue[i]!;
      if (requirement.label !== DATACENTER_LABEL) {
        // Filled in by the datacenter (region) or by a single allowed value since: not asked.
        const chosenDatacenter = answers.get(DATACENTER_LABEL) ?? datacenter ?? given[DATACENTER_LABEL];
        const now = planConfiguration(requirements, { values: { ...given, ...Object.fromEntries(answers) }, datacenter: chosenDatacenter });
        if (now.entries.some((e) => e.label === requirement.label && e.source !== 'given')) {
          i++;
          continue;
        }
      }
      const previous = answers.get(requirement.label);
      const answer =
        requirement.label === DATACENTER_LABEL
          ? await askDatacenter(deps, requirement, stock, previous, datacenterContext)
          : await askLabel(deps, requirement, previous);
      if (answer === BACK) {
        const back = asked.pop();
        if (back === undefined) return BACK;
        answers.delete(queue[back]!.label);
        i = back;
        continue;
      }
      asked.push(i);
      if (answer === UNSET) answers.delete(requirement.label);
      else answers.set(requirement.label, answer.trim());
      i++;
    }

    const values = { ...given, ...Object.fromEntries(answers) };
    const entries = assertConfigurationPlan(planConfiguration(requirements, { values, datacenter: answers.has(DATACENTER_LABEL) ? undefined : datacenter }));
    const notAsked = entries.filter((e) => !answers.has(e.label));
    if (notAsked.length > 0) deps.output.info(deps.view.configurationNotes(notAsked));
    await wait(deps, 'Saving the configuration', () =>
      session.configure(
        itemId,
        entries.map(({ label, value }) => ({ label, value })),
      ),
    );
    return { ...state, requirements, stock, configuration: entries };
  },
};
