// The wizard: range → subsidiary → (catalog + stock, cart) → browse → billing → options →
// configuration → preview → checkout. Written against Prompter and Output only.
import { runSteps, type WizardStep } from './runner.js';
import { initialState, type WizardDeps, type WizardState } from './state.js';
import { resumeCart } from './resume.js';
import { billingStep } from './steps/billing.js';
import { browseStep } from './steps/browse.js';
import { checkoutStep } from './steps/checkout.js';
import { configurationStep } from './steps/configuration.js';
import { loadStep } from './steps/load.js';
import { optionsStep } from './steps/options.js';
import { previewStep } from './steps/preview.js';
import { rangeStep } from './steps/range.js';
import { subsidiaryStep } from './steps/subsidiary.js';

export type { WizardDeps, WizardFlags, WizardState } from './state.js';
export { resumeLine } from './support.js';

const WIZARD_STEPS: readonly WizardStep[] = [
  rangeStep,
  subsidiaryStep,
  loadStep,
  browseStep,
  billingStep,
  optionsStep,
  configurationStep,
  previewStep,
  checkoutStep,
];

/** Runs the whole wizard (resuming `deps.flags.cart` when given) and returns its final state. */
export async function runWizard(deps: WizardDeps, locale = 'en-GB'): Promise<WizardState> {
  let state = initialState(deps.flags, locale);
  if (deps.flags.cart) state = await resumeCart(deps, deps.flags.cart, state);
  return runSteps(WIZARD_STEPS, state, deps);
}
