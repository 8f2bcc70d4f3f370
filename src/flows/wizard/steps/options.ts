// Step 5: hardware options, family by family (from the cart's `/options` answer, with the catalog's
// defaults). A mandatory family takes exactly one option — default: the catalog's default, else the
// cheapest — and every choice shows its price difference; an optional family can be skipped. The
// chosen options are then added to the cart in parallel (options no longer chosen are removed).
import { monthsOfDuration } from '../../../domain/durations.js';
import { subtractMoney, type Money } from '../../../domain/money.js';
import type { OfferAddon, OfferAddonFamily } from '../../../domain/offer-model.js';
import { addonPricingFor } from '../../../domain/offer-pricing.js';
import { optionFamiliesFromCart, resolveOptions } from '../../../domain/options.js';
import { capitalised, optionFamilyWords } from '../../../domain/words.js';
import { BACK } from '../../../ui/prompter.js';
import type { WizardStep } from '../runner.js';
import type { ChosenOption, WizardDeps, WizardState } from '../state.js';
import { cartOf, wait } from '../support.js';

const NONE = '::none';

function monthlyOf(addon: OfferAddon, mode: string, months: number | undefined): Money | undefined {
  return addonPricingFor(addon.pricings, mode, months)?.monthlyEquivalent;
}

/** Mandatory families first (catalog order within each group). */
function familiesInOrder(families: readonly OfferAddonFamily[]): OfferAddonFamily[] {
  return [...families.filter((f) => f.mandatory), ...families.filter((f) => !f.mandatory)].filter((f) => f.addons.length > 0);
}

/** What a family gets without asking: the default pick of a mandatory family (catalog default, else cheapest). */
function defaultPickOf(family: OfferAddonFamily, mode: string, duration: string): string | undefined {
  return resolveOptions([family], [], { pricingMode: mode, duration }).selected[0]?.planCode;
}

async function askFamily(
  deps: WizardDeps,
  state: WizardState,
  family: OfferAddonFamily,
  previous: string | undefined,
  allowBack: boolean,
): Promise<string | typeof BACK> {
  const mode = state.billing!.pricingMode;
  const duration = state.billing!.duration;
  const months = monthsOfDuration(duration);
  const all = family.addons.map((addon) => ({ addon, monthly: monthlyOf(addon, mode, months) }));
  // Options not sold in this pricing mode are left out (the cart would refuse them), unless none is.
  const sold = all.filter((p) => p.monthly !== undefined || p.addon.pricings.length === 0);
  const priced = (sold.length > 0 ? sold : all).sort((a, b) => (a.monthly?.micros ?? 0) - (b.monthly?.micros ?? 0));
  const pick = defaultPickOf(family, mode, duration);
  const base = family.mandatory ? priced.find((p) => p.addon.planCode === pick)?.monthly : undefined;
  const delta = (monthly: Money | undefined): Money | null => (monthly === undefined ? null : base ? subtractMoney(monthly, base) : monthly);
  const choices = priced.map(({ addon, monthly }) => ({
    value: addon.planCode,
    name: deps.view.addonChoiceName(addon, delta(monthly), state.locale),
    short: addon.name,
    // The code is what `order --option` takes (people cannot find option codes elsewhere).
    description: `order --option ${addon.planCode}`,
  }));
  const words = optionFamilyWords(family.name);
  if (!family.mandatory) choices.unshift({ value: NONE, name: 'None', short: 'None', description: `No ${words}` });
  const answer = await deps.prompter.select<string>({
    id: `option:${family.name}`,
    message: family.mandatory ? `${capitalised(words)} (choose one):` : `${capitalised(words)} (optional):`,
    choices,
    default: previous ?? (family.mandatory ? pick : NONE),
    allowBack,
  });
  return answer;
}

/** Adds the chosen options and removes the ones no longer chosen; each option is posted once. */
async function placeOptions(deps: WizardDeps, state: WizardState, chosen: readonly ChosenOption[]): Promise<void> {
  const session = await cartOf(deps);
  const server = deps.cart.server!;
  const ledger = deps.cart.options;
  const wanted = new Set(chosen.map((c) => c.planCode));
  const stale = [...ledger.entries()].filter(([code]) => !wanted.has(code));
  if (stale.length > 0) {
    await wait(deps, 'Removing options', () => Promise.all(stale.map(([, itemId]) => session.removeItem(itemId))));
    for (const [code] of stale) ledger.delete(code);
  }
  const missing = chosen.filter((c) => !ledger.has(c.planCode));
  if (missing.length === 0) return;
  const items = await wait(deps, `Adding ${missing.length} option${missing.length > 1 ? 's' : ''} to the cart`, () =>
    session.addOptions(
      state.offer!.product,
      server.itemId,
      missing.map((c) => ({ planCode: c.planCode, duration: server.duration, pricingMode: server.pricingMode, quantity: server.quantity })),
    ),
  );
  for (const item of items) if (item.settings.planCode) ledger.set(item.settings.planCode, item.itemId);
}

export const optionsStep: WizardStep = {
  id: 'options',
  skip: (state) => state.resumed?.options === true && state.options !== undefined,
  async run(state, deps) {
    const offer = state.offer!;
    const session = await cartOf(deps);
    const definitions = await wait(deps, 'Reading the hardware options', () => session.optionDefinitions(offer.product, offer.planCode));
    const families = familiesInOrder(optionFamiliesFromCart(definitions, offer));
    // Previous answers: the state's (resumed cart), else the options still in the cart (after "back").
    const inCart = [...deps.cart.options.keys()].map((planCode) => ({
      planCode,
      family: families.find((f) => f.addons.some((a) => a.planCode === planCode))?.name,
    }));
    const previous = new Map([
      ...inCart.filter((o) => o.family).map((o) => [o.family!, o.planCode] as const),
      ...(state.options ?? []).map((o) => [o.family, o.planCode] as const),
    ]);
    const answers = new Map<string, string>();
    const asked: number[] = [];
    let i = 0;
    while (i < families.length) {
      const family = families[i]!;
      if (family.mandatory && family.addons.length === 1) {
        answers.set(family.name, family.addons[0]!.planCode);
        deps.output.info(`${capitalised(optionFamilyWords(family.name))}: ${family.addons[0]!.name} (the only choice)`);
        i++;
        continue;
      }
      const answer = await askFamily(deps, state, family, answers.get(family.name) ?? previous.get(family.name), asked.length > 0 || deps.canGoBack === true);
      if (answer === BACK) {
        const back = asked.pop();
        if (back === undefined) return BACK;
        i = back;
        continue;
      }
      asked.push(i);
      answers.set(family.name, answer);
      i++;
    }
    const options: ChosenOption[] = families
      .filter((f) => answers.has(f.name) && answers.get(f.name) !== NONE)
      .map((f) => ({ family: f.name, planCode: answers.get(f.name)! }));
    await placeOptions(deps, state, options);
    return { ...state, optionFamilies: families, options };
  },
};
