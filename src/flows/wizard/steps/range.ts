// Step 1: which catalog. `--range` (or a resumed cart) settles it without asking.
// Each range is described by what its catalog holds (its offers' product lines), read from the
// catalog cache when an earlier run filled it; without one, by what it is, never by a guessed list.
import { BACK } from '../../../ui/prompter.js';
import { RANGES, type Range } from '../../../domain/offer-model.js';
import { describeRangeContents, rangeContents } from '../../../domain/range-contents.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps } from '../state.js';

const RANGE_WHAT: Readonly<Record<Range, string>> = {
  dedicated: 'the dedicated servers catalog',
  baremetal: 'the bare-metal servers catalog',
  eco: 'the eco catalog',
};

/** `eco        — Kimsufi, Rise, So you Start, Game` from the cached catalog, else `— the eco catalog`. */
async function rangeChoices(deps: WizardDeps): Promise<Array<{ value: Range; name: string; description: string }>> {
  const subsidiary = deps.defaultSubsidiary?.toUpperCase() ?? deps.endpoint.subsidiaries[0];
  return Promise.all(
    RANGES.map(async (range) => {
      const cache = deps.cache;
      const key = subsidiary === undefined ? undefined : { range, subsidiary, endpoint: deps.catalogCacheKey ?? deps.endpoint.name };
      const cached = !key || !cache ? undefined : await Promise.resolve(cache.getSummaries ? cache.getSummaries(key) : cache.get(key)).catch(() => undefined);
      const lines = cached ? rangeContents(cached.summaries) : [];
      const name = `${range.padEnd(10)} — ${lines.length > 0 ? describeRangeContents(lines, { counts: false }) : RANGE_WHAT[range]}`;
      const description =
        lines.length > 0
          ? `${RANGE_WHAT[range]}: ${describeRangeContents(lines)} offers (${subsidiary})`
          : `${RANGE_WHAT[range]}; its servers are listed once it is read`;
      return { value: range, name, description };
    }),
  );
}

export const rangeStep: WizardStep = {
  id: 'range',
  skip: (state) => state.range !== undefined,
  async run(state, deps) {
    const answer = await deps.prompter.select<Range>({
      id: 'range',
      message: 'Which range of servers?',
      choices: (await rangeChoices(deps)).map((c) => ({ ...c, short: c.value })),
      default: state.range,
      suggested: 'dedicated',
      allowBack: deps.canGoBack === true,
    });
    if (answer === BACK) return BACK;
    return { ...state, range: answer };
  },
};
