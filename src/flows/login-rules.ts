// The access rules `ovh-order login` asks for: what browsing, ordering, paying and following an
// order needs, and nothing else (no /dedicated/server/* management, no /me/api/* or account edits);
// plus revoking itself, for `logout --revoke`.
// Rule paths use `*` as OVH does: it matches any run of characters, slashes included.

import type { AccessRule } from '../ovh/models/auth.js';

export type { AccessRule };

export const ORDERING_ACCESS_RULES: readonly AccessRule[] = [
  // Who the account is (nichandle, subsidiary) and its orders, payment methods, carts' owner.
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/me/*' },
  // Paying and following an order: /me/order/{id}/pay, payWithRegisteredPaymentMean, waiveRetraction.
  { method: 'POST', path: '/me/order/*' },
  // Carts and catalogs: create, fill, configure, assign, check out, delete.
  { method: 'GET', path: '/order/*' },
  { method: 'POST', path: '/order/*' },
  { method: 'PUT', path: '/order/*' },
  { method: 'DELETE', path: '/order/*' },
  // Stock and delivery delays (public, but the call is signed once a consumer key is set).
  { method: 'GET', path: '/dedicated/server/datacenter/availabilities' },
  { method: 'GET', path: '/dedicated/server/datacenter/availabilities/*' },
  // `ovh-order logout --revoke`: the key may revoke itself (and nothing else).
  { method: 'POST', path: '/auth/logout' },
];

/** What each ordering rule is for, in words (whoami lists the missing ones). */
const RULE_PURPOSES: Readonly<Record<string, string>> = {
  'GET /me': 'who the account is',
  'GET /me/*': 'orders and payment methods',
  'POST /me/order/*': 'paying an order',
  'GET /order/*': 'catalogs, carts, price previews',
  'POST /order/*': 'creating, filling and checking out carts',
  'PUT /order/*': 'changing cart items',
  'DELETE /order/*': 'deleting carts',
  'GET /dedicated/server/datacenter/availabilities': 'stock',
  'GET /dedicated/server/datacenter/availabilities/*': 'stock',
  'POST /auth/logout': '`ovh-order logout --revoke`',
};

/** Rules ordering can do without (only `logout --revoke` uses it). */
const OPTIONAL_RULES = new Set(['POST /auth/logout']);

export interface MissingRule extends AccessRule {
  purpose: string;
  /** False when only a side feature needs it. */
  neededToOrder: boolean;
}

/**
 * The ordering rules a key's granted rules do not cover. A granted rule covers a needed one when its
 * pattern matches the needed path as written (`/*` covers `/order/*`; `/order/cart/*` does not).
 */
export function missingOrderingRules(granted: readonly AccessRule[]): MissingRule[] {
  return ORDERING_ACCESS_RULES.filter((needed) => !granted.some((rule) => ruleCovers(rule, needed.method, needed.path))).map((rule) => {
    const key = `${rule.method} ${rule.path}`;
    return { ...rule, purpose: RULE_PURPOSES[key] ?? '', neededToOrder: !OPTIONAL_RULES.has(key) };
  });
}

/** True when `rule` covers `method path` (path without query, e.g. `/order/cart/abc/checkout`). */
function ruleCovers(rule: AccessRule, method: string, path: string): boolean {
  if (rule.method !== method.toUpperCase()) return false;
  const pattern = new RegExp(`^${rule.path.split('*').map(escapeRegExp).join('.*')}$`);
  return pattern.test(path);
}

/** The ordering rule that covers a call, if any. `call` is `METHOD /path` (route patterns accepted). */
export function ruleForCall(call: string): AccessRule | undefined {
  const [method = '', rawPath = ''] = call.trim().split(/\s+/, 2);
  const path = rawPath.split('?')[0] ?? '';
  return ORDERING_ACCESS_RULES.find((rule) => ruleCovers(rule, method, path));
}

/** `GET    /me/*` lines, aligned, for listing to a person. */
export function formatRules(rules: readonly AccessRule[]): string[] {
  return rules.map((rule) => `${rule.method.padEnd(6)} ${rule.path}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
