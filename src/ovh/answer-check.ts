// Checks an answer against its schema: a hand check may take it as it is, else zod, and a
// mismatch becomes a `malformed` error naming the first bad fields.
import type { z } from 'zod';
import { malformedAnswer } from './failures.js';
import { isLazy, type AnswerSchema } from './lazy-schema.js';

export async function checkAnswer<T>(
  call: { method: string; route: string; queryId?: string },
  body: unknown,
  schema: AnswerSchema<T>,
  loading: Promise<z.ZodType<T>> | undefined,
): Promise<T> {
  if (isLazy(schema) && schema.accepts?.(body)) return body as T;
  const zodSchema = isLazy(schema) ? await (loading ?? schema.load()) : schema;
  const parsed = zodSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw malformedAnswer(call, describeIssues(parsed.error.issues), parsed.error);
}

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const shown = issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the whole answer)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
