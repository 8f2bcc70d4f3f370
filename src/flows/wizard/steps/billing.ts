// Step 4: billing — duration and pricing mode from the cart product's own offer
// (`GET /order/cart/{id}/{product}?planCode=`): monthly, commitment and upfront choices, each with
// its effective monthly cost and what is due now; then the quantity, within the offer's limits.
// The server is then added to the cart (or the item already there is kept when nothing changed).
import { CliError, ExitCode } from '../../../domain/errors.js';
import { checkQuantity, defaultBillingChoice, type BillingChoice } from '../../../domain/billing.js';
import { BACK, type Back } from '../../../ui/prompter.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps, WizardState } from '../state.js';
import { cartOf, wait } from '../support.js';

const keyOf = (c: Pick<BillingChoice, 'pricingMode' | 'duration'>) => `${c.pricingMode}|${c.duration}`;

/** The quantity, within the offer's limits; BACK when the person pressed Esc (only when `allowBack`). */
async function askQuantity(deps: WizardDeps, choice: BillingChoice, previous: number | undefined, allowBack: boolean): Promise<number | Back> {
  const { min, max } = choice.quantity;
  if (max !== null && max <= min) return min;
  const question = {
    id: 'quantity',
    message: `How many servers?${max !== null ? ` (${min} to ${max})` : ''}`,
    default: String(previous ?? min),
    validate: (text: string) => checkQuantity(choice, Number(text.trim()))?.message ?? true,
  };
  const answer = allowBack ? await deps.prompter.input({ ...question, allowBack: true }) : await deps.prompter.input(question);
  return answer === BACK ? BACK : Number(answer.trim());
}

/** The billing choice: said when there is only one, else asked with `previous` preselected. */
async function askBilling(
  deps: WizardDeps,
  state: WizardState,
  choices: readonly BillingChoice[],
  previous: BillingChoice | undefined,
): Promise<BillingChoice | Back> {
  if (choices.length === 1) {
    deps.output.info(`Billing: ${deps.view.billingChoiceName(choices[0]!, state.locale)} (the only choice)`);
    return choices[0]!;
  }
  const answer = await deps.prompter.select<string>({
    id: 'billing',
    message: 'How do you want to pay?',
    note: '(prices per server, without tax)',
    choices: choices.map((c) => ({
      value: keyOf(c),
      name: deps.view.billingChoiceName(c, state.locale),
      short: c.label,
      description: deps.view.billingChoiceDescription(c, state.locale),
    })),
    default: keyOf(previous ?? defaultBillingChoice(choices)!),
    allowBack: deps.canGoBack === true,
  });
  return answer === BACK ? BACK : choices.find((c) => keyOf(c) === answer)!;
}

/** Puts the server in the cart: kept when identical, else the previous item (and its options) is removed first. */
async function placeServer(deps: WizardDeps, state: WizardState, choice: BillingChoice, quantity: number): Promise<void> {
  const session = await cartOf(deps);
  const offer = state.offer!;
  const ledger = deps.cart;
  const wanted = { planCode: offer.planCode, duration: choice.duration, pricingMode: choice.pricingMode, quantity };
  const current = ledger.server;
  if (
    current &&
    current.planCode === wanted.planCode &&
    current.duration === wanted.duration &&
    current.pricingMode === wanted.pricingMode &&
    current.quantity === quantity
  )
    return;
  if (current) {
    await wait(deps, 'Removing the previous server from the cart', () => session.removeItem(current.itemId));
    ledger.server = undefined;
    ledger.options = new Map();
  }
  const item = await wait(deps, `Adding ${offer.planCode} to the cart`, () => session.addServer(offer.product, wanted));
  ledger.server = { itemId: item.itemId, ...wanted };
}

export const billingStep: WizardStep = {
  id: 'billing',
  skip: (state) => state.resumed?.billing === true && state.billing !== undefined,
  async run(state, deps) {
    const offer = state.offer!;
    const session = await cartOf(deps);
    const choices = await wait(deps, 'Reading the billing choices', () => session.billingChoices(offer.product, offer.planCode, offer));
    if (choices.length === 0) {
      throw new CliError(`Plan ${offer.planCode} has no monthly or upfront price in this cart.`, { code: 'no_billing_choice', exitCode: ExitCode.failure });
    }
    // After "back", the server still in the cart carries the previous answer.
    const before = state.billing ?? (deps.cart.server?.planCode === offer.planCode ? deps.cart.server : undefined);
    let previous = before ? choices.find((c) => keyOf(c) === keyOf(before)) : undefined;
    for (;;) {
      const choice = await askBilling(deps, state, choices, previous);
      if (choice === BACK) return BACK;
      // Esc at the quantity returns to the billing question when there was one, else to the step before.
      const asked = choices.length > 1;
      const quantity = await askQuantity(
        deps,
        choice,
        state.quantity ?? (deps.cart.server?.planCode === offer.planCode ? deps.cart.server.quantity : undefined),
        asked || deps.canGoBack === true,
      );
      if (quantity === BACK) {
        if (!asked) return BACK;
        previous = choice;
        continue;
      }
      await placeServer(deps, state, choice, quantity);
      return { ...state, billing: choice, quantity };
    }
  },
};
