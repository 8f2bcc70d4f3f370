// Tidying carts: `cart delete <id…>` and `cart prune`. Prune deletes only what is safe to lose:
// expired carts, and carts ovh-order itself created (its marker in the description) older than a
// limit. A checked-out (read-only) cart is kept unless it expired: it is the trace of an order, and
// the journal may need it to tell whether a checkout whose answer was lost went through.
import type { OvhApi } from '../ovh/api.js';
import { OvhApiError } from '../ovh/errors.js';
import { CliError, UsageError } from '../domain/errors.js';
import { readCarts, summariseCart } from './cart-list.js';
import type { CartSummary } from '../domain/cart-report.js';
import type { PruneReason, PruneDecision, DeleteOutcome, PruneReport } from '../domain/cart-report.js';

export type CartPruneApi = Pick<OvhApi, 'listCarts' | 'getCart' | 'deleteCart'>;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `24h`, `7d`, `90s`, `2w`, `1.5h` → milliseconds. UsageError naming the value otherwise. */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/i.exec(text.trim());
  if (!match?.[1] || !match[2]) {
    throw new UsageError(`--older-than "${text}" is not an age.`, {
      code: 'invalid_age',
      hint: 'Write a number and a unit: s, m, h, d or w (e.g. 30m, 24h, 7d).',
    });
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2].toLowerCase()]!);
}

/** Which carts prune deletes, and why each one goes or stays (pure). */
export function decidePrune(carts: readonly CartSummary[], olderThanMs: number, now: Date): PruneDecision[] {
  return carts.map((cart) => {
    if (cart.expired) return { cart, reason: 'expired', why: 'expired' };
    if (!cart.createdByOvhOrder || cart.createdAt === null) return { cart, reason: null, why: 'not created by ovh-order' };
    if (cart.readOnly) return { cart, reason: null, why: 'checked out (kept as the trace of an order)' };
    const age = now.getTime() - Date.parse(cart.createdAt);
    if (age >= olderThanMs) return { cart, reason: 'ovh-order-old', why: `ovh-order cart, ${formatAge(age)} old` };
    return { cart, reason: null, why: `ovh-order cart, ${formatAge(age)} old (younger than the limit)` };
  });
}

function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

/** Deletes carts one by one (sequentially: a handful of calls, no burst). Failures are collected, not thrown. */
export async function deleteCarts(api: Pick<OvhApi, 'deleteCart'>, cartIds: readonly string[]): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: [], failed: [] };
  for (const cartId of [...new Set(cartIds)]) {
    try {
      await api.deleteCart(cartId);
      outcome.deleted.push(cartId);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      // Credential problems concern every cart: stop at once with the explained error.
      if (error.exitCode === 3) throw error;
      const missing = error instanceof OvhApiError && (error.kind === 'not-found' || error.kind === 'expired');
      outcome.failed.push({
        cartId,
        error: missing ? { code: 'cart_not_found', message: `Cart ${cartId} does not exist, or has expired.` } : { code: error.code, message: error.message },
      });
    }
  }
  return outcome;
}

export interface PruneOptions {
  olderThan: string;
  dryRun: boolean;
  now: Date;
}

export async function pruneCarts(api: CartPruneApi, options: PruneOptions): Promise<PruneReport> {
  const olderThanMs = parseAge(options.olderThan);
  const carts = (await readCarts(api, await api.listCarts())).map((c) => summariseCart(c, options.now));
  const decisions = decidePrune(carts, olderThanMs, options.now);
  const selected = decisions
    .filter((d): d is PruneDecision & { reason: PruneReason } => d.reason !== null)
    .map((d) => ({ cartId: d.cart.cartId, description: d.cart.description, expire: d.cart.expire, reason: d.reason, why: d.why }));
  const kept = decisions.filter((d) => d.reason === null).map((d) => ({ cartId: d.cart.cartId, description: d.cart.description, why: d.why }));
  const outcome = options.dryRun
    ? { deleted: [], failed: [] }
    : await deleteCarts(
        api,
        selected.map((s) => s.cartId),
      );
  // For prune, a cart that vanished meanwhile (it expired) is as good as deleted.
  const gone = outcome.failed.filter((f) => f.error.code === 'cart_not_found').map((f) => f.cartId);
  outcome.deleted.push(...gone);
  outcome.failed = outcome.failed.filter((f) => !gone.includes(f.cartId));
  return { dryRun: options.dryRun, olderThan: options.olderThan, selected, kept, ...outcome };
}
