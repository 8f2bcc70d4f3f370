// The order spec: what `wizard --save` writes and `order --spec` reads. A zod schema (strict:
// unknown fields are refused, so a typo never silently drops a choice), a parser whose messages name
// the wrong field, and the merge with flags (flags win). The check against an offer is in
// order-spec-validation.ts (re-exported here).
import { z } from 'zod';
import { UsageError } from './errors.js';
import { RANGES, type Range } from './offer-model.js';
import { normaliseDatacenter } from './places.js';

export { validateSpecAgainstOffer, assertSpecValid } from './order-spec-validation.js';

export const ORDER_SPEC_VERSION = 1;

export const OrderSpecSchema = z.strictObject({
  version: z.literal(ORDER_SPEC_VERSION).describe('Spec format version; always 1.'),
  endpoint: z.string().min(1).optional().describe('API endpoint: ovh-eu, ovh-ca, ovh-us, or an https URL.'),
  range: z.enum(RANGES as [Range, ...Range[]]).describe('Catalog range: dedicated, baremetal or eco.'),
  subsidiary: z
    .string()
    .regex(/^[A-Z]{2,4}$/, 'must be an upper-case subsidiary code such as FR, GB, CA or US')
    .describe('OVH subsidiary the cart is created for (FR, GB, CA, US…).'),
  planCode: z.string().min(1).describe('Plan code of the server (see `ovh-order catalog`).'),
  duration: z
    .string()
    .regex(/^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/, 'must be an ISO 8601 duration such as P1M or P1Y')
    .default('P1M')
    .describe('Billing period (ISO 8601): P1M, P1Y…; default P1M.'),
  pricingMode: z.string().min(1).default('default').describe('Pricing mode: default, degressivity12, upfront12…; default "default".'),
  quantity: z.number().int('must be a whole number').min(1, 'must be 1 or more').default(1).describe('How many servers; default 1.'),
  datacenter: z.string().min(1).describe('Datacenter short code: gra, rbx, bhs…'),
  os: z.string().min(1).optional().describe('dedicated_os value; default: the only one offered.'),
  options: z.array(z.string().min(1)).default([]).describe('Option (add-on) plan codes; mandatory families left out get their default.'),
  configuration: z.record(z.string(), z.string()).default({}).describe('Other requiredConfiguration values, label → value.'),
});
export type OrderSpec = z.infer<typeof OrderSpecSchema>;

const FIELDS = Object.keys(OrderSpecSchema.shape);

/** The spec format as JSON Schema text (for README and editors): what a file may contain. */
export function orderSpecJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(OrderSpecSchema, { io: 'input' }), null, 2);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `unknown field "${path ? `${path}.` : ''}${k}" (allowed fields: ${FIELDS.join(', ')})`).join('; ');
  }
  if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return `"${path}" is missing`;
  if (issue.code === 'invalid_value' && path === 'range') return `"range" must be one of ${RANGES.join(', ')}`;
  if (issue.code === 'invalid_value' && path === 'version') return `"version" must be ${ORDER_SPEC_VERSION}`;
  return `"${path || '(spec)'}" ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** Validates a parsed spec document; UsageError naming each wrong field. */
export function parseOrderSpec(input: unknown, source = 'order spec'): OrderSpec {
  const result = OrderSpecSchema.safeParse(input);
  if (result.success) return result.data;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError(`${source} is not valid: it must be a JSON object.`, { code: 'invalid_spec' });
  }
  const lines = result.error.issues.map((issue) => describeIssue(issue, input));
  throw new UsageError(`${source} is not valid:\n${lines.map((l) => `  - ${l}`).join('\n')}`, {
    code: 'invalid_spec',
    hint: 'Write a fresh one with `ovh-order wizard --save <file>`.',
  });
}

/** Parses spec file text (JSON); UsageError when it is not JSON or not a valid spec. */
export function parseOrderSpecText(text: string, source = 'order spec'): OrderSpec {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`, { code: 'invalid_spec' });
  }
  return parseOrderSpec(document, source);
}

/** The `order` command's flags that map to spec fields (commander's camelCase names). */
export interface OrderSpecFlags {
  endpoint?: string;
  range?: string;
  subsidiary?: string;
  plan?: string;
  duration?: string;
  pricingMode?: string;
  /** `--commitment 12|24` and `--upfront`: resolved to a pricing mode and duration once the plan's choices are known. */
  commitment?: number;
  upfront?: boolean;
  quantity?: number;
  datacenter?: string;
  os?: string;
  /** `--option`, repeatable: replaces the spec's options when given. */
  option?: readonly string[];
  /** `--config label=value`, already parsed (see parseConfigFlags): merged over the spec's, label by label. */
  config?: Readonly<Record<string, string>>;
}

export type PartialOrderSpec = Partial<OrderSpec>;

/**
 * Spec + flags (flags win) + defaults (quantity 1, pricing mode `default`, duration `P1M`, no options).
 * `defaults` lets the caller add what it knows (e.g. the account's subsidiary).
 */
export function mergeSpecWithFlags(spec: PartialOrderSpec | undefined, flags: OrderSpecFlags, defaults: PartialOrderSpec = {}): PartialOrderSpec {
  // A spec file must say its version; flags alone are the current one.
  const base: PartialOrderSpec = {
    version: spec === undefined ? ORDER_SPEC_VERSION : undefined,
    quantity: 1,
    pricingMode: 'default',
    duration: 'P1M',
    options: [],
    configuration: {},
    ...defaults,
    ...(spec ?? {}),
  };
  const merged: PartialOrderSpec = { ...base };
  if (flags.endpoint !== undefined) merged.endpoint = flags.endpoint;
  if (flags.range !== undefined) merged.range = flags.range as Range;
  if (flags.subsidiary !== undefined) merged.subsidiary = flags.subsidiary.toUpperCase();
  if (flags.plan !== undefined) merged.planCode = flags.plan;
  if (flags.duration !== undefined) merged.duration = flags.duration.toUpperCase();
  if (flags.pricingMode !== undefined) merged.pricingMode = flags.pricingMode;
  if (flags.quantity !== undefined) merged.quantity = flags.quantity;
  if (flags.datacenter !== undefined) merged.datacenter = normaliseDatacenter(flags.datacenter);
  if (flags.os !== undefined) merged.os = flags.os;
  if (flags.option !== undefined && flags.option.length > 0) merged.options = [...flags.option];
  if (flags.config !== undefined) merged.configuration = { ...(base.configuration ?? {}), ...flags.config };
  return merged;
}

const FLAG_OF: Record<string, string> = {
  range: '--range',
  subsidiary: '--subsidiary',
  planCode: '--plan',
  duration: '--duration',
  pricingMode: '--pricing-mode',
  quantity: '--quantity',
  datacenter: '--datacenter',
};

/** Flags still needed for a complete spec (`--plan`, `--datacenter`…). */
export function missingSpecFlags(spec: PartialOrderSpec): string[] {
  return Object.entries(FLAG_OF)
    .filter(([field]) => spec[field as keyof OrderSpec] === undefined)
    .map(([, flag]) => flag);
}

/** A complete, valid spec from a merged one; UsageError listing missing flags or wrong fields. */
export function completeSpec(spec: PartialOrderSpec, source = 'order'): OrderSpec {
  const missing = missingSpecFlags(spec);
  if (missing.length > 0) {
    throw new UsageError(`Missing ${missing.join(', ')}.`, {
      code: 'missing_input',
      hint: 'Give them as flags, put them in a spec file (--spec), or run `ovh-order wizard`.',
    });
  }
  return parseOrderSpec(spec, source);
}
