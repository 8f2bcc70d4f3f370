// Loading the range's catalog and the stock (in parallel, while the cart is being created).
import { loadOffers } from '../../offers-loader.js';
import type { WizardStep } from '../runner.js';
import { wait } from '../support.js';

export const loadStep: WizardStep = {
  id: 'load',
  skip: (state) => state.offers !== undefined && state.offers.range === state.range && state.offers.subsidiary === state.subsidiary,
  async run(state, deps) {
    const range = state.range!;
    const subsidiary = state.subsidiary!;
    const offers = await wait(deps, `Loading the ${range} catalog and stock for ${subsidiary}`, () =>
      loadOffers(deps.api, { range, subsidiary, refresh: deps.flags.refresh, cache: deps.cache, endpoint: deps.endpoint.apiUrl, now: deps.now }),
    );
    for (const warning of offers.warnings) deps.output.warn(warning);
    return { ...state, offers };
  },
};
