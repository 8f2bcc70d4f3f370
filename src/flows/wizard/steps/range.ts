// Step 1: which catalog. `--range` (or a resumed cart) settles it without asking.
import { BACK } from '../../../ui/prompter.js';
import type { Range } from '../../../domain/offer-model.js';
import type { WizardStep } from '../runner.js';

const RANGE_CHOICES: ReadonlyArray<{ value: Range; name: string; description: string }> = [
  { value: 'dedicated', name: 'dedicated  — the dedicated servers catalog', description: 'GET /order/catalog/formatted/dedicated, ordered as cart product "dedicated"' },
  { value: 'baremetal', name: 'baremetal  — Advance, Scale, High Grade', description: 'GET /order/catalog/public/baremetalServers, cart product "baremetalServers"' },
  { value: 'eco', name: 'eco        — Kimsufi, So you Start, Rise', description: 'GET /order/catalog/public/eco, cart product "eco"' },
];

export const rangeStep: WizardStep = {
  id: 'range',
  skip: (state) => state.range !== undefined,
  async run(state, deps) {
    const answer = await deps.prompter.select<Range>({
      id: 'range',
      message: 'Which range of servers?',
      choices: RANGE_CHOICES.map((c) => ({ ...c, short: c.value })),
      default: state.range ?? 'dedicated',
      allowBack: deps.canGoBack === true,
    });
    if (answer === BACK) return BACK;
    return { ...state, range: answer };
  },
};
