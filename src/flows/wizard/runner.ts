// Runs the wizard's steps in order. A step answers the next state, or BACK: the runner then returns
// to the last step that asked the person something, with the state as it was before that step
// (steps that asked nothing — loading, values filled in from flags — are passed over both ways).
import { BACK, type Back, type Prompter } from '../../ui/prompter.js';
import type { WizardDeps, WizardState } from './state.js';

type StepId = 'range' | 'subsidiary' | 'load' | 'browse' | 'billing' | 'options' | 'configuration' | 'preview' | 'checkout';

export interface WizardStep {
  id: StepId;
  /** True when flags or a resumed cart already settled this step: it is not run at all. */
  skip?(state: WizardState, deps: WizardDeps): boolean;
  run(state: WizardState, deps: WizardDeps): Promise<WizardState | Back>;
}

interface HistoryEntry {
  index: number;
  before: WizardState;
  asked: boolean;
}

/**
 * A Prompter that counts the questions asked through it and remembers list answers: when the person
 * comes back to a list (after "back"), the previous answer is the default.
 */
function trackingPrompter(inner: Prompter, memory: Map<string, unknown>, onAsk: () => void): Prompter {
  function withMemory<Q extends { id: string; default?: unknown; choices: Array<{ value: unknown }> }>(question: Q): Q {
    if (question.default !== undefined || !memory.has(question.id)) return question;
    const previous = memory.get(question.id);
    return question.choices.some((c) => Object.is(c.value, previous)) ? { ...question, default: previous } : question;
  }
  function remember<T>(id: string, answer: T | Back): T | Back {
    if (answer !== BACK) memory.set(id, answer);
    return answer;
  }
  return {
    select: async (q) => (onAsk(), remember(q.id, await inner.select(withMemory(q)))),
    search: async (q) => (onAsk(), remember(q.id, await inner.search(withMemory(q)))),
    confirm: (q) => (onAsk(), inner.confirm(q)),
    input: (q) => (onAsk(), inner.input(q)),
    password: (q) => (onAsk(), inner.password(q)),
  };
}

/** Runs `steps` from `initial`; a state with an `outcome` ends the run (the wizard concluded). */
export async function runSteps(steps: readonly WizardStep[], initial: WizardState, deps: WizardDeps): Promise<WizardState> {
  const history: HistoryEntry[] = [];
  const memory = new Map<string, unknown>();
  let state = initial;
  let index = 0;
  while (index < steps.length) {
    if (state.outcome) break;
    const step = steps[index]!;
    if (step.skip?.(state, deps)) {
      index++;
      continue;
    }
    let asked = false;
    // deps is shared on purpose (a mid-flow login replaces deps.api for every later step).
    const prompter = deps.prompter;
    deps.canGoBack = history.some((h) => h.asked);
    deps.prompter = trackingPrompter(prompter, memory, () => (asked = true));
    let result: WizardState | Back;
    try {
      result = await step.run(state, deps);
    } finally {
      deps.prompter = prompter;
    }
    if (result !== BACK) {
      history.push({ index, before: state, asked });
      state = result;
      index++;
      continue;
    }
    // Back: to the last step that asked something; none → this step again.
    const at = history.map((h) => h.asked).lastIndexOf(true);
    if (at < 0) continue;
    const target = history[at]!;
    history.length = at;
    index = target.index;
    state = target.before;
  }
  return state;
}
