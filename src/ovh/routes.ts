// From a route pattern and values to the path sent: placeholders, query string, public reads.
import querystring from 'node:querystring';
import { UsageError } from '../domain/errors.js';
import type { QueryValue } from './types.js';

/**
 * Reads of public data (catalogs, stock) that OVH answers the same whether the call is signed or not.
 * They are sent unsigned by the client itself, not through node-ovh: no clock offset to fetch first,
 * and a command that reads only public data (`catalog`) never loads node-ovh (~20 ms of start-up).
 * They get the same deadline, retries, error mapping and validation as every other call.
 */
const PUBLIC_READS = [/^\/order\/catalog\/(public|formatted)\//, /^\/dedicated\/server\/datacenter\/availabilities$/];
export function isPublicRead(method: string, route: string): boolean {
  return method === 'GET' && PUBLIC_READS.some((pattern) => pattern.test(route));
}

/** Fills `{name}` placeholders with URL-encoded values; a missing or empty value is a usage error. */
export function fillRoute(route: string, values: Record<string, string | number> = {}): string {
  return route.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || String(value) === '') {
      throw new UsageError(`Missing value for {${name}} in ${route}.`, { code: 'missing_route_value' });
    }
    return encodeURIComponent(String(value));
  });
}

/** The query string node-ovh would build (querystring.stringify), without null/undefined values. */
export function buildQuery(query: Record<string, QueryValue> = {}): string {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    clean[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return querystring.stringify(clean);
}

export function dropNullish(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
}
