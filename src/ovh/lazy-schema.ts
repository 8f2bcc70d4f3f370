// Answers are checked against zod schemas that load only when needed: `model(name)` names one of
// models/index.ts, which loads (with zod) the first time an answer has to be checked by it.
import type { z } from 'zod';
import { acceptsServerTime } from './models/checks.js';
// A type import: erased, so the models are still loaded only when first needed.
import type * as ModelsModule from './models/index.js';

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

type Models = typeof ModelsModule;
type ModelName = { [K in keyof Models]: Models[K] extends z.ZodType ? K : never }[keyof Models];
let models: Promise<Models> | undefined;

/**
 * A model's schema, loaded (with zod) when an answer needs it: while the request is on the wire, or
 * never when `accepts` (a hand check of models/checks.ts) takes the answer as it is.
 */
export function model<K extends ModelName>(name: K, accepts?: (value: unknown) => boolean): LazySchema<z.output<Models[K]>> {
  return {
    load: async () => (await (models ??= import('./models/index.js')))[name] as z.ZodType<z.output<Models[K]>>,
    ...(accepts ? { accepts } : {}),
  };
}

/** `GET /auth/time`: a bare JSON integer, Unix seconds (the client's clock offset and OvhApi.getTime). */
export const timeSchema = model('ServerTimeSchema', acceptsServerTime);

/** A lazy schema without a hand check starts loading now, while its request goes out. */
export function loadSoon<T>(schema: AnswerSchema<T>): Promise<z.ZodType<T>> | undefined {
  if (!isLazy(schema) || schema.accepts) return undefined;
  const loading = schema.load();
  loading.catch(() => {}); // awaited by validate
  return loading;
}
