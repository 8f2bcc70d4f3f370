// The Prompter on @inquirer/prompts. Prompts draw on stderr so stdout carries results only.
// Esc answers BACK where a question allows going back; Ctrl-C and ctx.interrupt end with exit 130.
import { confirm, input, password, search, select, Separator } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import type { Context } from '../runtime/context.js';
import { InterruptedError } from '../domain/errors.js';
import { BACK, type Back, type Choice, type ConfirmQuestion, type InputQuestion, type Prompter, type SearchQuestion, type SelectQuestion } from './prompter.js';

const BACK_LABEL = '← Back';

export function createInquirerPrompter(ctx: Context): Prompter {
  /** Runs one prompt with Esc-for-back (when allowed) and interruption wired in. */
  async function ask<T>(
    allowBack: boolean,
    run: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>,
  ): Promise<T | Back> {
    const controller = new AbortController();
    let wentBack = false;
    const onInterrupt = () => controller.abort(new InterruptedError());
    ctx.interrupt.signal.addEventListener('abort', onInterrupt, { once: true });
    const onKeypress = (_: unknown, key: { name?: string } | undefined) => {
      if (allowBack && key?.name === 'escape') {
        wentBack = true;
        controller.abort();
      }
    };
    emitKeypressEvents(ctx.stdin);
    ctx.stdin.on('keypress', onKeypress);
    try {
      return await run({ input: ctx.stdin, output: ctx.stderr, signal: controller.signal });
    } catch (error) {
      if (wentBack) return BACK;
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError' || error.name === 'CancelPromptError')) {
        throw new InterruptedError();
      }
      throw error;
    } finally {
      ctx.stdin.off('keypress', onKeypress);
      ctx.interrupt.signal.removeEventListener('abort', onInterrupt);
    }
  }

  function toInquirerChoices<T>(question: SelectQuestion<T>) {
    const choices: Array<{ value: T | Back; name: string; short?: string; description?: string; disabled?: boolean | string } | Separator> =
      question.choices.map((c: Choice<T>) => ({ value: c.value, name: c.name, short: c.short, description: c.description, disabled: c.disabled }));
    if (question.allowBack) choices.push(new Separator(), { value: BACK, name: BACK_LABEL, description: 'Return to the previous step (Esc)' });
    return choices;
  }

  return {
    select<T>(question: SelectQuestion<T>) {
      return ask<T>(
        Boolean(question.allowBack),
        (context) =>
          select<T | Back>(
            { message: question.message, choices: toInquirerChoices(question), default: question.default, pageSize: question.pageSize ?? 12, loop: false },
            context,
          ) as Promise<T>,
      );
    },
    search<T>(question: SearchQuestion<T>) {
      const all = toInquirerChoices(question);
      const text = (c: Choice<T>) => (question.searchText ? question.searchText(c) : `${c.name} ${c.description ?? ''}`).toLowerCase();
      return ask<T>(
        Boolean(question.allowBack),
        (context) =>
          search<T | Back>(
            {
              message: question.message,
              pageSize: question.pageSize ?? 12,
              source: (term) => {
                if (!term) return all;
                const words = term.toLowerCase().split(/\s+/).filter(Boolean);
                return question.choices.filter((c) => words.every((w) => text(c).includes(w))).map((c) => ({ ...c }));
              },
            },
            context,
          ) as Promise<T>,
      );
    },
    async confirm(question: ConfirmQuestion) {
      const answer = await ask(false, (context) => confirm({ message: question.message, default: question.default }, context));
      return answer === true;
    },
    async input(question: InputQuestion) {
      const answer = await ask(false, (context) =>
        input({ message: question.message, default: question.default, validate: question.validate ?? (() => true) }, context),
      );
      return String(answer);
    },
    async password(question: InputQuestion) {
      const answer = await ask(false, (context) => password({ message: question.message, mask: '•', validate: question.validate ?? (() => true) }, context));
      return String(answer);
    },
  };
}
