// Strict input checks with the API's wording. Bodies are checked like the real API's JSON schema
// validation ("The input provided isn't valid: 'duration' is a required property"); query strings
// with the older "[param] Given data (…)" style. Unknown body properties are ignored (terraform sends
// `catalogName`, which the schema does not declare, and the API accepts it).
import { badRequest } from './api-error.js';

type FieldType = 'string' | 'text' | 'integer' | 'boolean' | 'duration' | 'datetime' | 'array' | 'object';

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  enum?: readonly string[];
}

const INVALID = "The input provided isn't valid: ";
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

function typeOk(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
    case 'text':
    case 'duration':
    case 'datetime':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/** Checks a JSON body against a flat schema and returns it as a record. */
export function validateBody(body: unknown, spec: Record<string, FieldSpec>, options: { optionalBody?: boolean } = {}): Record<string, unknown> {
  if (body === undefined && options.optionalBody) return {};
  const value = body === undefined ? {} : body;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${INVALID}${show(value)} is not of type 'object'`);
  const record = value as Record<string, unknown>;
  for (const [name, field] of Object.entries(spec)) {
    if (field.required && (record[name] === undefined || record[name] === null)) throw badRequest(`${INVALID}'${name}' is a required property`);
  }
  for (const [name, field] of Object.entries(spec)) {
    const v = record[name];
    if (v === undefined || (v === null && !field.required)) continue;
    if (!typeOk(v, field.type)) {
      const expected = field.type === 'text' || field.type === 'duration' || field.type === 'datetime' ? 'string' : field.type;
      throw badRequest(`${INVALID}${show(v)} is not of type '${expected}' (property '${name}')`);
    }
    if (field.type === 'duration' && !DURATION.test(v as string)) throw badRequest(`${INVALID}${show(v)} is not a 'duration' (property '${name}')`);
    if (field.type === 'datetime' && (!DATETIME.test(v as string) || Number.isNaN(Date.parse(v as string)))) {
      throw badRequest(`${INVALID}${show(v)} is not a 'date-time' (property '${name}')`);
    }
    if (field.enum && !field.enum.includes(v as string)) {
      throw badRequest(`${INVALID}${show(v)} is not one of [${field.enum.map((e) => `'${e}'`).join(', ')}] (property '${name}')`);
    }
  }
  return record;
}

export function requireQuery(query: Record<string, string>, name: string): string {
  const value = query[name];
  if (value === undefined || value === '') throw badRequest(`Missing parameter: ${name}`);
  return value;
}

export function enumQuery(value: string, name: string, enumName: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw badRequest(`[${name}] Given data (${value}) does not belong to the ${enumName} enumeration`);
  return value;
}

export function booleanQuery(query: Record<string, string>, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`[${name}] Given data (${value}) is not a boolean`);
}

export function datetimeQuery(query: Record<string, string>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!DATETIME.test(value) || Number.isNaN(ms)) throw badRequest(`[${name}] Given data (${value}) is not a valid datetime`);
  return ms;
}

/** Path ids declared `long` in the schema. */
export function longParam(value: string, name: string): number {
  if (!/^-?\d+$/.test(value)) throw badRequest(`[${name}] Given data (${value}) is not a valid long`);
  return Number(value);
}
