// Hand-written checks in front of zod for the biggest answers (a 12 MB catalog, 2,000 stock records):
// zod copies every object it parses, which for those answers costs tens of milliseconds and as
// many megabytes. A check accepts only what its zod schema accepts (tested side by side); anything
// else goes through zod, so a bad answer still gets zod's message with its path.
import { z } from 'zod';

/** A schema that returns `value` untouched when `accepts(value)`, and defers to `schema` otherwise. */
export function withFastPath<T extends z.ZodType>(schema: T, accepts: (value: unknown) => boolean): z.ZodType<z.output<T>, unknown> {
  return z.unknown().transform((value, ctx) => {
    if (accepts(value)) return value as z.output<T>;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

export function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (typeof item !== 'string') return false;
  return true;
}

/** Absent, or of `type` (not null: zod's `.optional()`). */
export function optional(v: unknown, type: 'number' | 'string' | 'boolean'): boolean {
  return v === undefined || typeof v === type;
}

/** Absent, null or of `type` (zod's `.nullish()`). */
export function nullish(v: unknown, type: 'number' | 'string' | 'boolean'): boolean {
  return v === undefined || v === null || typeof v === type;
}

export function nullishString(v: unknown): boolean {
  return nullish(v, 'string');
}

/** A plain object (what `z.looseObject` accepts: not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent, null, or an array whose every item `accepts`. */
export function nullishList(v: unknown, accepts: (item: unknown) => boolean): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.every(accepts));
}

/** Absent, null, or an object that `accepts`. */
export function nullishRecord(v: unknown, accepts: (record: Record<string, unknown>) => boolean): boolean {
  return v === undefined || v === null || (isRecord(v) && accepts(v));
}
