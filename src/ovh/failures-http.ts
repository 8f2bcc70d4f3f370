// An answer with an HTTP error status, told by a table of rules: status + route + the message OVH
// is known to send → a kind, a message and a hint. The first rule that matches wins. A message is
// matched only when ../shared/docs/ovh-api.md (§3 and the tables it cites, from
// api-errors-observed.json) shows OVH sending it; where OVH's text is unknown, the rule decides by
// status and route alone, so no rule depends on a text only the sandbox produces.
import type { OvhApiError, OvhErrorKind } from './errors.js';
import { callOf, failureOf, mayHaveTakenEffect, queryIdNote, type FailureContext } from './failures-common.js';

/** What a rule's text is made from. */
interface HttpFacts {
  ctx: FailureContext;
  status: number;
  /** `METHOD /route/{pattern}`. */
  call: string;
  /** `: <OVH's message>`, or nothing. */
  said: string;
  /** The query id sentence, or nothing. */
  q: string;
}

export interface HttpRule {
  /** Names the rule in tests and in `--debug`. */
  id: string;
  /** Where OVH is shown to answer this (for a message rule), or why status and route decide. */
  source: string;
  status: (status: number) => boolean;
  /** Route pattern (with `{placeholders}`) the rule is limited to. */
  route?: RegExp;
  /** OVH's message, as observed. */
  message?: RegExp;
  kind: OvhErrorKind;
  explain(facts: HttpFacts): { message: string; hint: string };
}

const is = (expected: number) => (status: number) => status === expected;
const CART_ROUTE = /^\/order\/cart\/\{cartId\}/;

/** The access rule a consumer key needs for a call: `POST /order/cart/{cartId}/checkout` → `POST /order/*`; a one-segment route needs itself (`/me/*` does not cover `GET /me`). */
export function accessRuleFor(method: string, route: string): string {
  const segments = route.split('/').filter(Boolean);
  const rule = segments.length === 0 ? '/*' : segments.length === 1 ? `/${segments[0]}` : `/${segments[0]}/*`;
  return `${method.toUpperCase()} ${rule}`;
}

function clockNote(offset: number | undefined): string {
  if (offset === undefined || Math.abs(offset) <= 30) return '';
  return ` This computer's clock is ${Math.abs(offset)} s ${offset > 0 ? 'behind' : 'ahead of'} OVH's.`;
}

/** A 400 OVH explains: the documented texts of ovh-api.md §3, with what to do about each. */
function badRequest(id: string, source: string, message: RegExp, hint: string): HttpRule {
  return {
    id,
    source,
    status: is(400),
    message,
    kind: 'bad-request',
    explain: ({ status, call, said, q }) => ({ message: `OVH refused ${call} (HTTP ${status})${said}.`, hint: hint + q }),
  };
}

const CHECKOUT_ROUTE = /^\/order\/cart\/\{cartId\}\/checkout$/;
/** OVH's documented answer to the checkout (or its preview) of a cart not assigned to the caller. */
const NOT_ASSIGNED_TEXT = /^you are not allowed/i;

/**
 * The refusal OVH documents for the checkout of a cart not assigned to the caller: 403, a checkout
 * route, "You are not allowed" (php-ovh#127, order-cart-examples#7). Anything else is not this.
 */
export function isNotAssignedRefusal(error: { status?: number | undefined; call: string; ovhMessage?: string | undefined }): boolean {
  const route = error.call.replace(/^[A-Z]+ /, '');
  return error.status === 403 && CHECKOUT_ROUTE.test(route) && error.ovhMessage !== undefined && NOT_ASSIGNED_TEXT.test(error.ovhMessage);
}

export const HTTP_RULES: readonly HttpRule[] = [
  {
    id: 'invalid-signature',
    source: '400 "Invalid signature" (php-ovh#80, ddns-updater#319, komiser#1490)',
    status: is(400),
    message: /^invalid signature$/i,
    kind: 'invalid-signature',
    explain: ({ ctx, call }) => ({
      message: `OVH rejected the signature of ${call} (Invalid signature).${clockNote(ctx.timeOffsetSeconds)}`,
      hint: 'The application secret does not match the application key, or the consumer key belongs to another application, or the system clock is off. Check the secret, then run `ovh-order login`.',
    }),
  },
  {
    id: 'unauthenticated',
    source: 'status: 401 means no usable login ("You must login first", node-ovh#20)',
    status: is(401),
    kind: 'unauthenticated',
    explain: ({ ctx, call, said }) => ({
      message: `${call} needs you to be logged in${said}.`,
      hint: ctx.oauth2
        ? 'The OAuth2 access token was refused; check the client id and secret of the service account, then run `ovh-order login`.'
        : 'Run `ovh-order login` to create a consumer key for this application.',
    }),
  },
  {
    id: 'invalid-app-key',
    source: '403 "This application key is invalid" (ovh-api.md §3; python-ovh INVALID_KEY)',
    status: is(403),
    message: /^this application key is invalid/i,
    kind: 'invalid-app-key',
    explain: ({ ctx, call, said }) => ({
      message: `OVH does not know this application key (${call})${said}.`,
      hint: `Create an application at ${ctx.createAppUrl} and run \`ovh-order login\` with its key and secret.`,
    }),
  },
  {
    // The same text for a key that is unknown, expired, revoked or not validated yet (php-ovh#56):
    // login, which knows it has just asked for the key, tells "not validated yet" apart.
    id: 'invalid-credential',
    source: '403 "This credential does not exist" / "This credential is not valid" (cert-manager-webhook-ovh#5, php-ovh#56)',
    status: is(403),
    message: /^this credential (does not exist|is not valid)/i,
    kind: 'invalid-credential',
    explain: ({ call, said }) => ({
      message: `The consumer key is unknown, expired, revoked or not validated yet (${call})${said}.`,
      hint: 'Run `ovh-order login` to create and validate a new consumer key.',
    }),
  },
  {
    id: 'not-granted',
    source: '403 "This call has not been granted" (python-ovh NOT_GRANTED_CALL, go-ovh reports)',
    status: is(403),
    message: /^this call has not been granted/i,
    kind: 'not-granted',
    explain: ({ ctx, call, said }) => {
      const rule = accessRuleFor(ctx.method, ctx.route);
      return {
        message: `The consumer key is not allowed to call ${call}${said}; it lacks the access rule ${rule}.`,
        hint: `Run \`ovh-order login\` again: it asks for the rights ovh-order needs (including ${rule}).`,
      };
    },
  },
  {
    id: 'checkout-not-assigned',
    source: '403 "You are not allowed" on GET/POST checkout of a cart not assigned to the caller (php-ovh#127, order-cart-examples#7)',
    status: is(403),
    route: CHECKOUT_ROUTE,
    message: NOT_ASSIGNED_TEXT,
    kind: 'not-allowed',
    explain: ({ call, said }) => ({
      message: `OVH refused ${call}${said}. The cart is not assigned to this account.`,
      hint: 'A cart must be assigned (POST /order/cart/{cartId}/assign) by the account that checks it out; use a cart created with this account, or create a new one.',
    }),
  },
  {
    // OVH's text for a change to a checked-out (read-only) cart is unknown: status and route decide.
    id: 'cart-refused',
    source: "status + route: 403 on a cart (read-only once checked out, or another account's)",
    status: is(403),
    route: CART_ROUTE,
    kind: 'not-allowed',
    explain: ({ call, said }) => ({
      message: `OVH refused ${call} (403)${said}. The cart may already be checked out (it is read-only then) or belong to another account.`,
      hint: 'Look at the order it became with `ovh-order status`, or start a new order.',
    }),
  },
  {
    id: 'forbidden',
    source: 'status: any other 403',
    status: is(403),
    kind: 'not-allowed',
    explain: ({ call, said, q }) => ({
      message: `OVH refused ${call} (403)${said}.`,
      hint: `This account or consumer key may not do this; run \`ovh-order login\` if its rights changed.${q}`,
    }),
  },
  {
    id: 'expired',
    source: 'status: 460 (python-ovh ResourceExpired)',
    status: is(460),
    kind: 'expired',
    explain: ({ ctx, call, said, q }) => ({
      message: `${call}: the resource has expired${said}.`,
      hint: ctx.route.startsWith('/order/cart') ? 'The cart has expired; start a new order.' : `It can no longer be used.${q}`,
    }),
  },
  {
    id: 'cart-not-found',
    source: 'status + route: 404 on a cart (expired carts are gone; ovh-api.md §3 leaves the text open)',
    status: is(404),
    route: CART_ROUTE,
    kind: 'not-found',
    explain: ({ call, said }) => ({
      message: `Not found: ${call}${said}.`,
      hint: 'Carts expire (one day by default) and are deleted after checkout; list yours with `ovh-order cart list`, or start a new order.',
    }),
  },
  {
    id: 'order-not-found',
    source: 'status + route: 404 on /me/order (order deleted or of another account)',
    status: is(404),
    route: /^\/me\/order/,
    kind: 'not-found',
    explain: ({ call, said }) => ({
      message: `Not found: ${call}${said}.`,
      hint: 'No such order on this account; list recent orders with `ovh-order status`.',
    }),
  },
  {
    id: 'not-found',
    source: 'status: any other 404',
    status: is(404),
    kind: 'not-found',
    explain: ({ call, said, q }) => ({ message: `Not found: ${call}${said}.`, hint: `Check the value you gave.${q}` }),
  },
  {
    id: 'conflict',
    source: 'status: 409 (python-ovh ResourceConflict)',
    status: is(409),
    kind: 'conflict',
    explain: ({ call, said, q }) => ({
      message: `OVH reported a conflict for ${call}${said}.`,
      hint: `Something changed meanwhile (or it already exists); look at the current state and try again.${q}`,
    }),
  },
  {
    id: 'rate-limited',
    source: 'status: 429',
    status: is(429),
    kind: 'rate-limited',
    explain: ({ ctx, call, said }) => {
      const after = ctx.retryAfterSeconds;
      return {
        message: `OVH is limiting the request rate (429) for ${call}${said}.${after !== undefined ? ` OVH asks to wait ${after} s.` : ''}`,
        hint: `Wait a little and try again${after !== undefined ? ` (after ${after} s)` : ''}.`,
      };
    },
  },
  {
    id: 'server',
    source: 'status: 5xx ("Internal server error", php-ovh#123, manager#6344)',
    status: (status) => status >= 500,
    kind: 'server',
    explain: ({ ctx, status, call, said, q }) => ({
      message: `OVH had a problem answering ${call} (HTTP ${status})${said}.`,
      hint: `This is on OVH's side; try again in a few minutes.${mayHaveTakenEffect(ctx.method)}${q}`,
    }),
  },
  badRequest(
    'missing-configuration',
    '400 "Custom field … is mandatory / is duplicated for product …", "in customFields there must be a field with name …" (order-cart-examples#5, kimsufi-notifier#36, ovhcloud-cli)',
    /^custom field \S+ is (mandatory|duplicated) for product|^in customFields there must be a field/im,
    "A server configuration (datacenter, OS, region…) is missing, duplicated or not accepted; check the item's configuration.",
  ),
  badRequest(
    'payment-method',
    '400 "You do not have preferred payment method" / "Your preferred payment method is not valid" at checkout (kimsufi-notifier error.go)',
    /you do not have preferred payment method|your preferred payment method is not valid/i,
    'Register a valid default payment method in the OVH control panel, or check out without automatic payment and pay the order there.',
  ),
  badRequest(
    'unknown-plan',
    '400 starting "Plan code not found" (kimsufi-notifier error.go)',
    /^plan code not found/i,
    'This plan code does not exist for this subsidiary; pick one from `ovh-order catalog`.',
  ),
  badRequest(
    'out-of-stock',
    '400 containing "is not available in" (kimsufi-notifier error.go)',
    /is not available in/i,
    'This hardware is out of stock in that datacenter; pick another datacenter or configuration.',
  ),
  {
    id: 'bad-request',
    source: 'status: any other 4xx',
    status: (status) => status >= 400 && status < 500,
    kind: 'bad-request',
    explain: ({ status, call, said, q }) => ({
      message: `OVH refused ${call} (HTTP ${status})${said}.`,
      hint: `Check the values given; OVH's message above says what it did not accept.${q}`,
    }),
  },
];

/** For a status outside every rule (1xx, 3xx: node-ovh takes only 2xx as success). */
const UNEXPECTED_STATUS: HttpRule = { ...HTTP_RULES[HTTP_RULES.length - 1]!, id: 'unexpected-status', source: 'status: not an error status' };

export function ruleFor(status: number, route: string, ovhMessage: string | undefined): HttpRule {
  return (
    HTTP_RULES.find(
      (rule) =>
        rule.status(status) &&
        (rule.route === undefined || rule.route.test(route)) &&
        (rule.message === undefined || (ovhMessage !== undefined && rule.message.test(ovhMessage))),
    ) ?? UNEXPECTED_STATUS
  );
}

/** Kind, message and hint for an answer with an HTTP error status, and the rule that said so. */
export function httpFailure(ctx: FailureContext, status: number, ovhMessage: string | undefined, cause: unknown): { error: OvhApiError; rule: HttpRule } {
  const rule = ruleFor(status, ctx.route, ovhMessage);
  const facts: HttpFacts = { ctx, status, call: callOf(ctx), said: ovhMessage ? `: ${ovhMessage}` : '', q: queryIdNote(ctx.queryId) };
  const { message, hint } = rule.explain(facts);
  const retryAfterSeconds = rule.kind === 'rate-limited' ? ctx.retryAfterSeconds : undefined;
  return { error: failureOf(ctx, { kind: rule.kind, status, ovhMessage, cause, message, hint, retryAfterSeconds }), rule };
}
