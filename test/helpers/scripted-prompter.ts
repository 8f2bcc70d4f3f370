// A Prompter that answers from a script, in order, and fails the test on any question the script
// did not expect (a question asked twice, a single-value label asked at all, a question out of order).
import { BACK, type Back, type Choice, type InputQuestion, type Prompter, type SearchQuestion } from '../../src/ui/prompter.js';

/** The answer of a person pressing Enter: the question's default (a select without one: its first choice). */
export const ENTER = Symbol('enter');

export interface ScriptedAnswer {
  /** The question id (exact) or a pattern, e.g. 'range' or /^config:/. */
  id: string | RegExp;
  /**
   * The answer: a value, BACK, or a function choosing among the offered choices
   * (select/search) — e.g. `(choices) => choices[0].value`.
   */
  answer: unknown;
}

interface AskedQuestion {
  id: string;
  kind: 'select' | 'search' | 'confirm' | 'input' | 'password';
  message: string;
  choices?: Array<Choice<unknown>>;
  default?: unknown;
  /** A search's match summary for the whole list (nothing typed). */
  summary?: string;
  answer: unknown;
}

class UnexpectedQuestionError extends Error {
  override name = 'UnexpectedQuestionError';
}

export interface ScriptedPrompter extends Prompter {
  /** Every question asked, with the answer given. */
  readonly asked: AskedQuestion[];
  /** Answers not consumed yet (a finished flow should leave none). */
  remaining(): ScriptedAnswer[];
}

export function scriptedPrompter(script: ScriptedAnswer[]): ScriptedPrompter {
  const queue = [...script];
  const asked: AskedQuestion[] = [];

  function next(kind: AskedQuestion['kind'], id: string, message: string, choices?: Array<Choice<unknown>>, def?: unknown): unknown {
    const step = queue.shift();
    if (!step) throw new UnexpectedQuestionError(`Unexpected ${kind} question "${id}" (${message}): the script has no more answers.`);
    const matches = typeof step.id === 'string' ? step.id === id : step.id.test(id);
    if (!matches) throw new UnexpectedQuestionError(`Unexpected ${kind} question "${id}" (${message}); the script expected "${String(step.id)}".`);
    const answer =
      step.answer === ENTER
        ? (def ?? choices?.find((c) => !c.disabled)?.value)
        : typeof step.answer === 'function'
          ? (step.answer as (c: Array<Choice<unknown>>) => unknown)(choices ?? [])
          : step.answer;
    if (choices && answer !== BACK) {
      const offered = choices.find((c) => Object.is(c.value, answer) || JSON.stringify(c.value) === JSON.stringify(answer));
      if (!offered)
        throw new UnexpectedQuestionError(
          `Answer ${JSON.stringify(answer)} to "${id}" is not among the choices: ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`,
        );
      if (offered.disabled) throw new UnexpectedQuestionError(`Answer ${JSON.stringify(answer)} to "${id}" is a disabled choice.`);
    }
    asked.push({ id, kind, message, choices, default: def, answer });
    return answer;
  }

  return {
    asked,
    remaining: () => [...queue],
    async select<T>(q: { id: string; message: string; choices: Array<Choice<T>>; default?: T; suggested?: T; allowBack?: boolean }): Promise<T | Back> {
      const answer = next('select', q.id, q.message, q.choices, q.default ?? q.suggested);
      if (answer === BACK && !q.allowBack) throw new UnexpectedQuestionError(`"${q.id}" does not allow going back.`);
      return answer as T | Back;
    },
    async search<T>(q: SearchQuestion<T>): Promise<T | Back> {
      const answer = next('search', q.id, q.message, q.choices, q.default ?? q.suggested);
      if (q.matchSummary) asked.at(-1)!.summary = q.matchSummary(q.choices);
      if (answer === BACK && !q.allowBack) throw new UnexpectedQuestionError(`"${q.id}" does not allow going back.`);
      return answer as T | Back;
    },
    async confirm(q) {
      const answer = next('confirm', q.id, q.message, undefined, q.default);
      if (typeof answer !== 'boolean') throw new UnexpectedQuestionError(`Confirm "${q.id}" needs a boolean answer.`);
      return answer;
    },
    input: (async (q: InputQuestion) => {
      const given = next('input', q.id, q.message, undefined, q.default);
      if (given === BACK) {
        if (!q.allowBack) throw new UnexpectedQuestionError(`"${q.id}" does not allow going back.`);
        return BACK;
      }
      const answer = String(given);
      const verdict = q.validate?.(answer) ?? true;
      if (verdict !== true) throw new UnexpectedQuestionError(`Input "${q.id}" rejected the scripted answer "${answer}": ${verdict}`);
      return answer;
    }) as Prompter['input'],
    async password(q) {
      const answer = String(next('password', q.id, q.message));
      const verdict = q.validate?.(answer) ?? true;
      if (verdict !== true) throw new UnexpectedQuestionError(`Password "${q.id}" rejected the scripted answer: ${verdict}`);
      return answer;
    },
  };
}
