// The Prompter: the only way flows ask a person anything. The inquirer-backed implementation lives
// in ui/inquirer-prompter.ts; tests use a scripted one that fails on an unexpected question.

/** Returned by a prompt when the person chose "back" (or pressed Esc where going back makes sense). */
export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface Choice<T> {
  value: T;
  /** The line shown in the list. */
  name: string;
  /** Shown after the answer instead of `name` (keeps the answered line short). */
  short?: string;
  /** Shown under the list when the choice is highlighted. */
  description?: string;
  /** A string explains why it cannot be chosen. */
  disabled?: boolean | string;
}

export interface SelectQuestion<T> {
  /** Stable identifier of the question (scripted prompters match on it), e.g. `range`, `config:region`. */
  id: string;
  message: string;
  choices: Array<Choice<T>>;
  /** Preselected, even when the person answered this question before (the step knows better). */
  default?: T;
  /** Preselected the first time only: asked again (after "back"), the previous answer is. */
  suggested?: T;
  /** Said after the message while the question is asked (muted); the answered line leaves it out. */
  note?: string;
  /** Offer a "← back" choice (and Esc); choosing it resolves to BACK. */
  allowBack?: boolean;
  pageSize?: number;
}

export interface SearchQuestion<T> extends SelectQuestion<T> {
  /** Text the list is filtered with; by default `name` and `description`. */
  searchText?: (choice: Choice<T>) => string;
  /** Said under the list, updated as the person types, from the choices the text matches (`3 of 8 offers`). */
  matchSummary?: (matching: ReadonlyArray<Choice<T>>) => string;
}

export interface ConfirmQuestion {
  id: string;
  message: string;
  default: boolean;
}

export interface InputQuestion {
  id: string;
  message: string;
  default?: string;
  /** true when fine, else the message that says what is wrong. */
  validate?: (value: string) => true | string;
  /** Esc resolves to BACK. */
  allowBack?: boolean;
}

export interface Prompter {
  select<T>(question: SelectQuestion<T>): Promise<T | Back>;
  search<T>(question: SearchQuestion<T>): Promise<T | Back>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
  input(question: InputQuestion & { allowBack: true }): Promise<string | Back>;
  input(question: InputQuestion): Promise<string>;
  /** Input whose answer is never echoed (secrets). */
  password(question: InputQuestion): Promise<string>;
}
