// The Prompter on @inquirer/prompts. Prompts draw on stderr so stdout carries results only.
// Esc: in a search with text, clears the text; else answers BACK where a question allows going back,
// erasing the abandoned prompt. Ctrl-C and ctx.interrupt end with exit 130.
import { confirm, input, password, search, select, Separator } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import type { Context } from '../runtime/context.js';
import { InterruptedError } from '../domain/errors.js';
import { BACK, type Back, type Choice, type ConfirmQuestion, type InputQuestion, type Prompter, type SearchQuestion, type SelectQuestion } from './prompter.js';
import { createTheme } from './theme.js';

const BACK_LABEL = '← Back';

/** What Esc does at this moment: clear the search text, go back, or nothing. */
type EscapeAction = 'clear' | 'back' | 'none';
/** A search whose text Esc cleared: asked again, empty. */
const CLEARED = Symbol('cleared');

interface PromptContext {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  signal: AbortSignal;
  /** Read by inquirer when the prompt ends: true erases it (set when Esc abandons it). */
  clearPromptOnDone: boolean;
}

type KeyHelp = Array<[key: string, action: string]>;

/** True when every word of `term` is in the choice's search text (by default its name and description). */
function matches<T>(question: SearchQuestion<T>, choice: Choice<T>, term: string): boolean {
  const text = (question.searchText ? question.searchText(choice) : `${choice.name} ${choice.description ?? ''}`).toLowerCase();
  return term
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export function createInquirerPrompter(ctx: Context): Prompter {
  const theme = createTheme(ctx);
  /** The text each search question was last answered with, by question id. */
  const searchTexts = new Map<string, string>();

  /** inquirer's help line (`↑↓ navigate • ⏎ select`) with our keys added, under a `lead` line when given. */
  function helpLine(extra: () => KeyHelp, lead?: () => string) {
    return (keys: KeyHelp) => {
      const tips = [...keys, ...extra()].map(([key, action]) => `${theme.strong(key)} ${theme.muted(action)}`).join(theme.muted(' • '));
      const first = lead?.();
      return first ? `${first}\n${tips}` : tips;
    };
  }

  /** Runs one prompt with Esc and interruption wired in. */
  async function ask<T>(onEscape: () => EscapeAction, run: (context: PromptContext) => Promise<T>): Promise<T | Back | typeof CLEARED> {
    const controller = new AbortController();
    const context: PromptContext = { input: ctx.stdin, output: ctx.stderr, signal: controller.signal, clearPromptOnDone: false };
    // An object: TypeScript does not see the keypress handler assign it.
    const esc: { action: EscapeAction } = { action: 'none' };
    const onInterrupt = () => controller.abort(new InterruptedError());
    ctx.interrupt.signal.addEventListener('abort', onInterrupt, { once: true });
    const onKeypress = (_: unknown, key: { name?: string } | undefined) => {
      if (key?.name !== 'escape' || esc.action !== 'none') return;
      esc.action = onEscape();
      if (esc.action === 'none') return;
      context.clearPromptOnDone = true;
      controller.abort();
    };
    emitKeypressEvents(ctx.stdin);
    ctx.stdin.on('keypress', onKeypress);
    try {
      return await run(context);
    } catch (error) {
      if (esc.action === 'back') return BACK;
      if (esc.action === 'clear') return CLEARED;
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError' || error.name === 'CancelPromptError')) {
        throw new InterruptedError();
      }
      throw error;
    } finally {
      ctx.stdin.off('keypress', onKeypress);
      ctx.interrupt.signal.removeEventListener('abort', onInterrupt);
    }
  }

  /** The answer of a prompt whose Esc never clears (all but searches, which ask again themselves). */
  async function answerOf<T>(asked: Promise<T | Back | typeof CLEARED>): Promise<T | Back> {
    const answer = await asked;
    if (answer === CLEARED) throw new Error('A cleared search must be asked again by its caller.');
    return answer;
  }

  function toInquirerChoices<T>(question: SelectQuestion<T>) {
    const choices: Array<{ value: T | Back; name: string; short?: string; description?: string; disabled?: boolean | string } | Separator> =
      question.choices.map((c: Choice<T>) => ({ value: c.value, name: c.name, short: c.short, description: c.description, disabled: c.disabled }));
    if (question.allowBack) choices.push(new Separator(), { value: BACK, name: BACK_LABEL, description: 'Return to the previous step (Esc)' });
    return choices;
  }

  /** inquirer's bold message, followed by a muted `note` until the question is answered. */
  const messageWith = (note: string | undefined) => (text: string, status: string) =>
    note && status !== 'done' ? `${theme.strong(text)} ${theme.muted(note)}` : theme.strong(text);

  const backTip = (allowBack: boolean | undefined): KeyHelp => (allowBack ? [['esc', 'back']] : []);
  /** Esc in a list or an input: back where the question allows it, else nothing. */
  const escapeBack = (allowBack: boolean | undefined) => (): EscapeAction => (allowBack ? 'back' : 'none');

  async function searchOnce<T>(question: SearchQuestion<T>, initialText: string): Promise<T | Back | typeof CLEARED> {
    const all = toInquirerChoices(question);
    const matching = (term: string) => question.choices.filter((c) => matches(question, c, term));
    let term = initialText;
    const answer = await ask<T | Back>(
      () => (term !== '' ? 'clear' : question.allowBack ? 'back' : 'none'),
      (context) =>
        search<T | Back>(
          {
            message: question.message,
            pageSize: question.pageSize ?? 12,
            default: question.default ?? question.suggested,
            ...(initialText ? { initialValue: initialText } : {}),
            theme: {
              style: {
                keysHelpTip: helpLine(
                  () => [['type', 'to search'], ...(term !== '' ? ([['esc', 'clear']] as KeyHelp) : backTip(question.allowBack))],
                  question.matchSummary ? () => question.matchSummary!(matching(term)) : undefined,
                ),
              },
            },
            source: (typed) => {
              term = typed ?? '';
              return term ? matching(term).map((c) => ({ ...c })) : all;
            },
          },
          context,
        ),
    );
    if (answer !== BACK && answer !== CLEARED) searchTexts.set(question.id, term);
    return answer;
  }

  /** A search asked again starts with the text it was answered with, when that text still finds the preselected choice. */
  function initialSearchText<T>(question: SearchQuestion<T>): string {
    const previous = searchTexts.get(question.id) ?? '';
    const preselected = question.default ?? question.suggested;
    if (!previous || preselected === undefined) return '';
    const choice = question.choices.find((c) => Object.is(c.value, preselected));
    return choice && matches(question, choice, previous) ? previous : '';
  }

  function askInput(question: InputQuestion): Promise<string | Back> {
    return answerOf(
      ask(escapeBack(question.allowBack), (context) =>
        input({ message: question.message, default: question.default, validate: question.validate ?? (() => true) }, context),
      ),
    );
  }

  return {
    select<T>(question: SelectQuestion<T>) {
      return answerOf(
        ask<T | Back>(escapeBack(question.allowBack), (context) =>
          select<T | Back>(
            {
              message: question.message,
              choices: toInquirerChoices(question),
              default: question.default ?? question.suggested,
              pageSize: question.pageSize ?? 12,
              loop: false,
              theme: { style: { keysHelpTip: helpLine(() => backTip(question.allowBack)), message: messageWith(question.note) } },
            },
            context,
          ),
        ),
      );
    },
    async search<T>(question: SearchQuestion<T>) {
      let initialText = initialSearchText(question);
      for (;;) {
        const answer = await searchOnce(question, initialText);
        if (answer !== CLEARED) return answer;
        initialText = '';
      }
    },
    async confirm(question: ConfirmQuestion) {
      const answer = await answerOf(ask(escapeBack(false), (context) => confirm({ message: question.message, default: question.default }, context)));
      return answer === true;
    },
    input: askInput as Prompter['input'],
    async password(question: InputQuestion) {
      const answer = await answerOf(
        ask(escapeBack(false), (context) => password({ message: question.message, mask: '•', validate: question.validate ?? (() => true) }, context)),
      );
      return String(answer);
    },
  };
}
