// Whether a hand-written check (src/ovh/models/checks.ts) accepts only what its zod schema accepts:
// every field of a sample is deleted, nulled and given a value of each wrong type, and the check
// must never accept what the schema rejects.
export type Json = Record<string, unknown>;
export const WRONG_VALUES: unknown[] = [undefined, null, 'x', 7, true, [], {}, ['x'], [7]];

/** Every path to a value inside `value` (objects and arrays, the first 2 items of each array). */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.slice(0, 2).flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

export function withValueAt(value: Json, at: (string | number)[], replacement: unknown): Json {
  const copy = structuredClone(value);
  let parent: Record<string | number, unknown> = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

export function disagreements(sample: Json, accepts: (v: unknown) => boolean, schema: { safeParse(v: unknown): { success: boolean } }): string[] {
  const found: string[] = [];
  const check = (label: string, v: Json) => {
    const fast = accepts(v);
    // The fast path may hand something valid to zod (only slower), never pass something invalid.
    if (fast && !schema.safeParse(v).success) found.push(`accepted but invalid: ${label}`);
  };
  check('as is', sample);
  for (const at of pathsOf(sample)) for (const wrong of WRONG_VALUES) check(`${at.join('.')} = ${JSON.stringify(wrong)}`, withValueAt(sample, at, wrong));
  return found;
}
