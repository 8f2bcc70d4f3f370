// Step 6: the item's required configuration (`GET …/requiredConfiguration`), every label once.
//   - the datacenter first (checkout needs it although the API calls it optional): a list with the
//     delivery delay of the chosen hardware in each datacenter, orderable ones first;
//   - a label with a single allowed value is filled in and shown, never asked;
//   - `region` follows from the datacenter;
//   - other labels: a list when they have allowed values, else a text input checked by type;
//     optional labels with a few allowed values are offered with "leave unset" as the default.
// The values are then posted once each, in parallel.
import { delayRank, hardwareFromOptions, type OfferAvailability } from '../../../domain/availability.js';
import {
  assertConfigurationPlan,
  checkConfigurationType,
  DATACENTER_LABEL,
  isEffectivelyRequired,
  planConfiguration,
  type RequiredConfigurationItem,
} from '../../../domain/configuration.js';
import { datacenterInfo, normaliseDatacenter } from '../../../domain/places.js';
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

/** Datacenter values, orderable ones first (soonest first), then the rest. */
function orderDatacenters(values: readonly string[], stock: OfferAvailability | undefined, preferred: readonly string[] = []): string[] {
  const delay = (v: string) => stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(v));
  const rank = (v: string) => {
    const d = delay(v);
    return d ? (d.orderable ? 0 : 1) * 1e12 + delayRank(d.availability) : 2e12;
  };
  const preference = (v: string) => (preferred.includes(normaliseDatacenter(v)) ? 0 : 1);
  return [...values].sort((a, b) => preference(a) - preference(b) || rank(a) - rank(b) || a.localeCompare(b));
}

async function askDatacenter(deps: WizardDeps, requirement: RequiredConfigurationItem, stock: OfferAvailability | undefined, previous: string | undefined): Promise<string | Back> {
  const allowed = requirement.allowedValues ?? [];
  if (allowed.length === 0) {
    return deps.prompter.input({ id: `config:${DATACENTER_LABEL}`, message: 'Datacenter (e.g. gra, rbx, bhs):', default: previous, validate: (v) => (v.trim() ? true : 'A datacenter is needed.') });
  }
  for (;;) {
    const ordered = orderDatacenters(allowed, stock, deps.flags.datacenters ?? []);
    const answer = await deps.prompter.select<string>({
      id: `config:${DATACENTER_LABEL}`,
      message: 'Which datacenter? (delivery delay of this hardware)',
      choices: ordered.map((value) => ({
        value,
        name: deps.view.datacenterChoiceName(value, place(value), stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(value))),
        short: place(value) ? `${value} (${place(value)})` : value,
      })),
      default: previous ?? ordered[0],
      allowBack: true,
    });
    if (answer === BACK) return BACK;
    const delay = stock?.datacenters.find((d) => d.datacenter === normaliseDatacenter(answer));
    if (delay && !delay.orderable) {
      const go = await deps.prompter.confirm({
        id: 'confirm-datacenter-out-of-stock',
        message: `This hardware is ${delay.label} in ${answer}: checkout may be refused. Use ${answer} anyway?`,
        default: false,
      });
      if (!go) continue;
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
      message: `${requirement.label}${optional ? ' (optional)' : ''}:`,
      choices,
      default: previous ?? (optional ? UNSET : allowed[0]),
      allowBack: true,
    });
  }
  return deps.prompter.input({
    id: `config:${requirement.label}`,
    message: `${requirement.label} (${requirement.type}):`,
    default: previous,
    validate: (value) => checkConfigurationType(requirement, value.trim())?.message ?? true,
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
    const hardware = hardwareFromOptions(offer, (state.options ?? []).map((o) => o.planCode));
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
        requirement.label === DATACENTER_LABEL ? await askDatacenter(deps, requirement, stock, previous) : await askLabel(deps, requirement, previous);
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
    await wait(deps, 'Saving the configuration', () => session.configure(itemId, entries.map(({ label, value }) => ({ label, value }))));
    return { ...state, requirements, stock, configuration: entries };
  },
};
