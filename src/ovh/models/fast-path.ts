// A zod schema with a hand-written check in front (models/checks.ts): what the check accepts is
// handed on untouched; anything else goes through zod, for its precise messages.
import { z } from 'zod';

/** A schema that returns `value` untouched when `accepts(value)`, and defers to `schema` otherwise. */
export function withFastPath<T extends z.ZodType>(schema: T, accepts: (value: unknown) => boolean): z.ZodType<z.output<T>, unknown> {
  return z.unknown().transform((value, ctx) => {
    if (accepts(value)) return value as z.output<T>;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
}
