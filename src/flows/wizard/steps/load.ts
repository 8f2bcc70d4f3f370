// Loading the range's catalog and the stock (in parallel, while the cart is being created).
import type { WizardStep } from '../runner.js';
import { loadRange } from '../support.js';

export const loadStep: WizardStep = {
  id: 'load',
  skip: (state) => state.offers !== undefined && state.offers.range === state.range && state.offers.subsidiary === state.subsidiary,
  async run(state, deps) {
    const range = state.range!;
    const subsidiary = state.subsidiary!;
    const offers = await loadRange(deps, range, subsidiary);
    for (const warning of offers.warnings) deps.output.warn(warning);
    return { ...state, offers };
  },
};
