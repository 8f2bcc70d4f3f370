// The words a person reads for the API's identifiers: configuration labels, option families,
// follow-up states, dates. One table each, used by every human output (`--json` keeps the API's
// values). An identifier not listed here is shown as the API spells it, never guessed at.

// Keys spelled out (not configuration.ts's constants): configuration.ts words its messages with this.
const CONFIGURATION_LABEL_WORDS: Readonly<Record<string, string>> = {
  dedicated_datacenter: 'datacenter',
  dedicated_os: 'operating system',
  region: 'region',
};

/** `dedicated_datacenter` → `datacenter`, `dedicated_os` → `operating system`; other labels as they are. */
export function configurationLabelWords(label: string): string {
  return CONFIGURATION_LABEL_WORDS[label] ?? label;
}

/** `Operating system`: a label's words starting a line or a question; a label without words as the API names it. */
export function configurationLabelTitle(label: string): string {
  return hasConfigurationLabelWords(label) ? capitalised(configurationLabelWords(label)) : label;
}

/** True when the label has words of its own (then the label itself is only needed to type `--config`). */
export function hasConfigurationLabelWords(label: string): boolean {
  return Object.hasOwn(CONFIGURATION_LABEL_WORDS, label);
}

const OPTION_FAMILY_WORDS: Readonly<Record<string, string>> = {
  memory: 'memory',
  storage: 'storage',
  'system-storage': 'system disk',
  gpu: 'GPU',
  bandwidth: 'public bandwidth',
  vrack: 'private bandwidth (vRack)',
  'distribution-license': 'operating system licence',
  'application-license': 'software licence',
};

/** `vrack` → `private bandwidth (vRack)`; an unknown family as its name with spaces (`mis infra`). */
export function optionFamilyWords(family: string): string {
  return OPTION_FAMILY_WORDS[family] ?? family.replace(/[-_]/g, ' ');
}

/** `Private bandwidth (vRack)`: the same words starting a line or a question. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const FOLLOW_UP_STATE_WORDS: Readonly<Record<string, string>> = {
  DOING: 'ongoing',
  TODO: 'to come',
  DONE: 'done',
  ERROR: 'failed',
};

/** A follow-up step's state (`DOING`, `TODO`, `DONE`, `ERROR`) in words; others lower-cased. */
export function followUpStateWords(state: string): string {
  return FOLLOW_UP_STATE_WORDS[state.toUpperCase()] ?? state.toLowerCase();
}

/** `2026-05-02 12:00 UTC` from an ISO date-time (the API's, or ours); the text as given when it is not a date. */
export function utcMinuteText(iso: string | Date): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
