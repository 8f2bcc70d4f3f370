// Configuration rules: from an item's requiredConfiguration and what the person gave (flags,
// spec, answers, the chosen datacenter), the label → value plan to post — every label once.
//
// The API gets `required` wrong both ways and validates nothing when a value is posted (refusal
// comes at checkout), so the checks happen here:
//   - `dedicated_datacenter` is needed although the API says `required: false`;
//   - a label with a single allowed value is filled in (`dedicated_os = none_64.en`);
//   - `region` follows from the datacenter (`gra` → `europe`);
//   - values outside `allowedValues` are refused, naming the value and the allowed ones;
//   - labels without allowed values are checked by type (String, Integer, Boolean, Nichandle).
import { UsageError, listAllowed } from './errors.js';
import { normaliseDatacenter, regionForDatacenter, toConfigurationValue } from './places.js';
import { capitalised, configurationLabelWords, hasConfigurationLabelWords } from './words.js';

/** Structural shape of `order.cart.ConfigurationRequirements` (+ the real-world `allowedValues`). */
export interface RequiredConfigurationItem {
  label: string;
  required: boolean;
  type: string;
  fields?: readonly string[] | null;
  allowedValues?: readonly string[] | null;
}

export const DATACENTER_LABEL = 'dedicated_datacenter';
export const OS_LABEL = 'dedicated_os';
export const REGION_LABEL = 'region';

/** Labels needed at checkout: the API's required ones plus `dedicated_datacenter`. */
export function isEffectivelyRequired(item: RequiredConfigurationItem): boolean {
  return item.required || item.label === DATACENTER_LABEL;
}

type ConfigurationSource = 'given' | 'filled-in' | 'datacenter' | 'region-from-datacenter';

export interface ConfigurationEntry {
  label: string;
  value: string;
  /** `filled-in`: the only allowed value, shown without asking. */
  source: ConfigurationSource;
}

export interface ConfigurationProblem {
  label: string;
  code: 'not-allowed' | 'bad-type' | 'unknown-label' | 'conflict' | 'unsupported-type';
  message: string;
  allowed?: string[];
}

interface MissingConfiguration {
  label: string;
  type: string;
  allowedValues: string[] | null;
}

export interface ConfigurationPlan {
  /** Label → value to post, one per label, in requiredConfiguration order. */
  entries: ConfigurationEntry[];
  /** Needed labels with no value yet (ask, or list the flags to add). */
  missing: MissingConfiguration[];
  problems: ConfigurationProblem[];
}

export interface ConfigurationInput {
  /** Values from `--config label=value`, the spec's `configuration`, or prompts. */
  values?: Readonly<Record<string, string>>;
  /** The chosen datacenter (`--datacenter`), any spelling. */
  datacenter?: string;
  /** `--os`, the `dedicated_os` value. */
  os?: string;
}

const TYPE_CHECKS: Record<string, { test: (v: string) => boolean; expected: string }> = {
  string: { test: (v) => v.length > 0, expected: 'a non-empty text' },
  integer: { test: (v) => /^-?\d+$/.test(v), expected: 'a whole number' },
  boolean: { test: (v) => v === 'true' || v === 'false', expected: '"true" or "false"' },
  nichandle: { test: (v) => /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/i.test(v), expected: 'a nichandle such as ab12345-ovh' },
};

/** Checks a value for a label with no allowed list; returns a problem or undefined. */
export function checkConfigurationType(item: RequiredConfigurationItem, value: string): ConfigurationProblem | undefined {
  if (item.type.startsWith('/')) {
    return { label: item.label, code: 'unsupported-type', message: `Label "${item.label}" takes a ${item.type} object, which ovh-order cannot set.` };
  }
  const check = TYPE_CHECKS[item.type.toLowerCase()];
  if (check && !check.test(value)) {
    return { label: item.label, code: 'bad-type', message: `Value "${value}" for ${labelInSentence(item.label)} is not ${check.expected}.` };
  }
  return undefined;
}

/** `record[key]` for own keys only (a label named `constructor` must not find Object's). */
function own(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The allowed spelling of `value` (case-insensitive; datacenters in any spelling), or undefined. */
function matchAllowed(item: RequiredConfigurationItem, value: string): string | undefined {
  const allowed = item.allowedValues ?? [];
  const exact = allowed.find((a) => a === value) ?? allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (exact !== undefined || item.label !== DATACENTER_LABEL) return exact;
  return toConfigurationValue(value, allowed);
}

/** `the operating system` for a label with words, else the label quoted as typed (`"extra_reservation"`). */
function labelInSentence(label: string): string {
  return hasConfigurationLabelWords(label) ? `the ${configurationLabelWords(label)}` : `"${label}"`;
}

/** The flag that sets a label: `--datacenter`, `--os`, else `--config label=…`. */
function configurationFlag(label: string): string {
  return label === DATACENTER_LABEL ? '--datacenter' : label === OS_LABEL ? '--os' : `--config ${label}=…`;
}

/** `Missing the datacenter (--datacenter); allowed: gra, rbx.` — the words, then the flag to add. */
export function missingConfigurationMessage(m: Pick<MissingConfiguration, 'label' | 'allowedValues'>): string {
  return `Missing ${labelInSentence(m.label)} (${configurationFlag(m.label)})${m.allowedValues ? `; allowed: ${listAllowed(m.allowedValues)}` : ''}.`;
}

function notAllowed(item: RequiredConfigurationItem, value: string): ConfigurationProblem {
  const allowed = [...(item.allowedValues ?? [])];
  const message = hasConfigurationLabelWords(item.label)
    ? `${capitalised(configurationLabelWords(item.label))} "${value}" is not allowed. Allowed: ${listAllowed(allowed)}.`
    : `Value "${value}" is not allowed for "${item.label}". Allowed: ${listAllowed(allowed)}.`;
  return { label: item.label, code: 'not-allowed', message, allowed };
}

/**
 * The label → value plan for one item. Never throws: every problem and every missing needed label
 * is reported, so a caller can ask for what is missing or list all that is wrong at once.
 */
export function planConfiguration(required: readonly RequiredConfigurationItem[], input: ConfigurationInput = {}): ConfigurationPlan {
  const values = input.values ?? {};
  const entries: ConfigurationEntry[] = [];
  const missing: MissingConfiguration[] = [];
  const problems: ConfigurationProblem[] = [];
  const labels = new Set(required.map((r) => r.label));

  for (const label of Object.keys(values)) {
    if (!labels.has(label)) {
      problems.push({
        label,
        code: 'unknown-label',
        message: `Unknown configuration label "${label}". Allowed: ${listAllowed([...labels])}.`,
        allowed: [...labels],
      });
    }
  }

  // The datacenter first: `region` depends on it.
  const datacenterGiven = own(values, DATACENTER_LABEL);
  if (datacenterGiven !== undefined && input.datacenter !== undefined && normaliseDatacenter(datacenterGiven) !== normaliseDatacenter(input.datacenter)) {
    problems.push({
      label: DATACENTER_LABEL,
      code: 'conflict',
      message: `Two datacenters given: "${input.datacenter}" (--datacenter) and "${datacenterGiven}" (--config ${DATACENTER_LABEL}).`,
    });
  }
  const datacenter = datacenterGiven ?? input.datacenter;

  for (const item of required) {
    const given = own(values, item.label);
    let raw: string | undefined = given;
    let source: ConfigurationSource = 'given';
    if (raw === undefined && item.label === DATACENTER_LABEL && datacenter !== undefined) {
      raw = datacenter;
      source = 'datacenter';
    }
    if (raw === undefined && item.label === OS_LABEL && input.os !== undefined) raw = input.os;
    if (raw === undefined && item.label === REGION_LABEL && datacenter !== undefined) {
      const region = regionForDatacenter(datacenter, item.allowedValues);
      if (region !== undefined) {
        raw = region;
        source = 'region-from-datacenter';
      }
    }
    const allowed = item.allowedValues ?? [];
    if (raw === undefined && allowed.length === 1) {
      raw = allowed[0];
      source = 'filled-in';
    }

    if (raw === undefined) {
      if (isEffectivelyRequired(item)) missing.push({ label: item.label, type: item.type, allowedValues: item.allowedValues ? [...item.allowedValues] : null });
      continue;
    }

    if (allowed.length > 0) {
      const value = matchAllowed(item, raw);
      if (value === undefined) {
        problems.push(notAllowed(item, raw));
        continue;
      }
      raw = value;
    } else {
      const problem = checkConfigurationType(item, raw);
      if (problem) {
        problems.push(problem);
        continue;
      }
    }

    // A region given by hand that contradicts the datacenter is accepted by the API without a word.
    if (item.label === REGION_LABEL && source === 'given' && datacenter !== undefined) {
      const expected = regionForDatacenter(datacenter);
      if (expected !== undefined && expected.toLowerCase() !== raw.toLowerCase()) {
        problems.push({
          label: REGION_LABEL,
          code: 'conflict',
          message: `Region "${raw}" does not match datacenter "${normaliseDatacenter(datacenter)}", which is in region "${expected}".`,
          allowed: [expected],
        });
        continue;
      }
    }
    entries.push({ label: item.label, value: raw, source });
  }
  return { entries, missing, problems };
}

/** Throws a UsageError listing every problem and every missing label (as `--config label=…` flags). */
export function assertConfigurationPlan(plan: ConfigurationPlan): ConfigurationEntry[] {
  if (plan.problems.length === 0 && plan.missing.length === 0) return plan.entries;
  const lines = plan.problems.map((p) => p.message);
  for (const m of plan.missing) lines.push(missingConfigurationMessage(m));
  throw new UsageError(lines.join('\n'), { code: 'invalid_configuration', hint: 'Give the missing values with flags, or run the wizard.' });
}

/**
 * Needed labels that a cart item has not configured yet (for `cart show`): the API's required
 * labels plus `dedicated_datacenter`.
 */
export function missingConfiguration(
  required: readonly RequiredConfigurationItem[],
  configured: readonly { label: string; value?: string }[],
): RequiredConfigurationItem[] {
  const done = new Set(configured.map((c) => c.label));
  return required.filter((item) => isEffectivelyRequired(item) && !done.has(item.label));
}

/** Labels configured more than once on an item (the API then refuses the order). */
export function duplicatedLabels(configured: readonly { label: string }[]): string[] {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const c of configured) {
    if (seen.has(c.label)) duplicated.add(c.label);
    seen.add(c.label);
  }
  return [...duplicated];
}

/** Parses `--config label=value` flags into a record; UsageError on a malformed or repeated label. */
export function parseConfigFlags(flags: readonly string[] = []): Record<string, string> {
  const result = new Map<string, string>();
  for (const flag of flags) {
    const at = flag.indexOf('=');
    const label = at > 0 ? flag.slice(0, at).trim() : '';
    if (label === '') {
      throw new UsageError(`--config "${flag}" is not of the form label=value.`, {
        code: 'invalid_config_flag',
        hint: 'Example: --config dedicated_os=none_64.en',
      });
    }
    // Labels are identifiers (dedicated_os, region…); this also keeps `__proto__` out of the record.
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(label)) {
      throw new UsageError(`--config label "${label}" is not allowed: a label starts with a letter, then letters, digits, _ . or -.`, {
        code: 'invalid_config_flag',
        hint: 'Example: --config dedicated_os=none_64.en',
      });
    }
    if (result.has(label)) throw new UsageError(`--config gives "${label}" twice.`, { code: 'invalid_config_flag' });
    result.set(label, flag.slice(at + 1));
  }
  return Object.fromEntries(result);
}
