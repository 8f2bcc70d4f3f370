// Answers are checked against zod schemas that load only when needed (see OvhApi's `model`).
import type { z } from 'zod';
import { acceptsServerTime } from './models/checks.js';

/**
 * A schema loaded only when it is needed, with an optional hand check in front: an answer the check
 * accepts is handed on as it is (the schema would give it back unchanged) and the schema, with zod,
 * is never loaded. Without a check, the schema loads while the request is on the wire.
 */
export interface LazySchema<T> {
  load(): Promise<z.ZodType<T>>;
  accepts?(value: unknown): boolean;
}
/** What an answer is checked against: a zod schema, or a lazy one. */
export type AnswerSchema<T> = z.ZodType<T> | LazySchema<T>;

export function isLazy<T>(schema: AnswerSchema<T>): schema is LazySchema<T> {
  return typeof (schema as LazySchema<T>).load === 'function';
}

/** `GET /auth/time`: a bare JSON integer, Unix seconds. */
export const timeSchema: LazySchema<number> = {
  load: async () => (await import('./models/index.js')).ServerTimeSchema,
  accepts: acceptsServerTime,
};

/** A lazy schema without a hand check starts loading now, while its request goes out. */
export function loadSoon<T>(schema: AnswerSchema<T>): Promise<z.ZodType<T>> | undefined {
  if (!isLazy(schema) || schema.accepts) return undefined;
  const loading = schema.load();
  loading.catch(() => {}); // awaited by validate
  return loading;
}

