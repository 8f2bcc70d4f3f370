// `watch --order`: order first, within hard limits. Carts are kept ready for each watched spec and
// preferred datacenter (server, options, configuration, assigned: created in parallel, recreated
// before they expire, deleted when the watch ends), so that between the stock answer showing
// availability and the checkout POST there is only the quote, which the price ceiling needs. Every
// rule of `order` holds: the quote's total without tax (setup included) against --max-price, the
// journal (identical-order refusal, crash-safe checkout, the --max-orders count), autopay and the
// retraction waiver only when given, one POST never retried.
import { OvhApiError } from '../ovh/errors.js';
import type { OvhApi } from '../ovh/api.js';
import type { Order } from '../ovh/models/order.js';
import { CliError } from '../domain/errors.js';
import { compareMoney, moneyFromCartPrice, moneyFromUnits, type Money } from '../domain/money.js';
import { assertSpecValid, completeSpec, mergeSpecWithFlags, validateSpecAgainstOffer, type OrderSpec } from '../domain/order-spec.js';
import type { TargetObservation, WatchTarget } from '../domain/watch.js';
import type { Output } from '../ui/output.js';
import { CartSession, type CartApi } from './cart-builder.js';
import { checkout, quotedTotal, type CheckoutHooks } from './checkout.js';
import { nothingWasOrdered } from './checkout-recovery.js';
import { fillCart } from './order-unattended.js';
import type { WatchClock } from './watch-budget.js';
import type { WatchOrderer } from './watch.js';

/** A prepared cart is recreated when it is this old (OVH keeps a cart one day). */
const CART_REFRESH_MS = 12 * 3600_000;
/** Carts kept ready at most (specs × preferred datacenters); beyond, the rest are built when stock appears. */
export const MAX_PREPARED_CARTS = 6;

type OrderEventName = 'ordered' | 'order-refused' | 'order-failed';

export interface OrderEvent {
  event: OrderEventName;
  at: string;
  key: string;
  planCode: string;
  name: string;
  datacenter: string;
  /** ordered: the order; refused/failed: null. */
  orderId: number | null;
  url: string | null;
  /** The quote's totals, when it was read. */
  totalWithoutTax: Money | null;
  totalWithTax: Money | null;
  /** Why not, or what to do next. */
  message: string;
  /** From the stock answer to the checkout POST leaving (ms), when it was posted. */
  stockToCheckoutMs?: number;
  /** Whether the cart was ready when stock appeared (else it was built, or finished, after the answer). */
  cartWasReady?: boolean;
  cartId: string | null;
}

export interface WatchOrderDeps {
  api: OrderingApi;
  /** For the checkout alone: never cut short by Ctrl-C once it is under way (only the answer says what was bought). */
  checkoutApi: Pick<OvhApi, 'checkout'>;
  /** For the carts' deletion when the watch ends (not cut short by Ctrl-C, may use the reserved calls). */
  finalApi: Pick<CartApi, 'deleteCart'>;
  subsidiary: string;
  maxPrice: number;
  maxOrders: number;
  autopay: boolean;
  waiveRetraction: boolean;
  /** Orders this watch placed already (the journal's count, so a restart does not buy again). */
  ordersPlaced(): number;
  /** The journal hooks of `order` for this spec (they may refuse: an unresolved earlier order of it). */
  hooksFor(spec: OrderSpec): CheckoutHooks;
  emit(event: OrderEvent): Promise<void>;
  note(text: string): void;
  output: Output;
  clock: WatchClock;
  monotonic: () => number;
  /** Ends the preparation (Ctrl-C, SIGTERM); never the checkout in flight. */
  signal: AbortSignal;
}

type OrderingApi = CartApi & Pick<OvhApi, 'checkout' | 'getCart' | 'listOrders' | 'getOrder'>;

interface PreparedCart {
  session: CartSession;
  spec: OrderSpec;
  /** Watch clock ms when it was ready. */
  readyAt: number;
}

/** What is watched and where, as the ordered specs: `target.key|datacenter`. */
function slotKey(target: WatchTarget, datacenter: string): string {
  return `${target.key}|${datacenter}`;
}

export function specFor(target: WatchTarget, datacenter: string, subsidiary: string, base?: OrderSpec): OrderSpec {
  if (base) return { ...base, datacenter };
  return completeSpec(mergeSpecWithFlags(undefined, { range: target.range, subsidiary, plan: target.planCode, datacenter }), `Plan ${target.planCode}`);
}

export class CartKeeper implements WatchOrderer {
  private readonly ready = new Map<string, PreparedCart>();
  /** Carts that exist on OVH's side, ready or not (every one is deleted at the end). */
  private readonly existing = new Set<CartSession>();
  /** Preparations under way, by slot (an order waits for its slot's rather than building another). */
  private readonly inFlight = new Map<string, Promise<PreparedCart | undefined>>();
  /** Slots refused for the price during the current stock spell: not tried again until stock comes back. */
  private readonly refusedForPrice = new Set<string>();
  private stopped = false;
  private placed: number;

  constructor(
    private readonly deps: WatchOrderDeps,
    private readonly slots: ReadonlyArray<{ target: WatchTarget; datacenter: string; spec: OrderSpec }>,
  ) {
    this.placed = deps.ordersPlaced();
  }

  get ordersLeft(): number {
    return this.stopped ? 0 : Math.max(0, this.deps.maxOrders - this.placed);
  }

  /** Prepares every slot's cart in parallel (failures are noted; the slot is then built when stock appears). */
  async prepareAll(): Promise<void> {
    if (this.ordersLeft === 0) return;
    await Promise.all(this.slots.slice(0, MAX_PREPARED_CARTS).map((slot) => this.prepare(slot)));
  }

  private prepare(slot: { target: WatchTarget; datacenter: string; spec: OrderSpec }): Promise<PreparedCart | undefined> {
    const key = slotKey(slot.target, slot.datacenter);
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.build(slot).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async build(slot: { target: WatchTarget; datacenter: string; spec: OrderSpec }): Promise<PreparedCart | undefined> {
    const work = (async () => {
      if (this.deps.signal.aborted) return undefined;
      // Only what `order` checks before a cart exists, without the stock (it is expected to be out).
      assertSpecValid(validateSpecAgainstOffer(slot.spec, slot.target.offer), `The order of ${slot.target.planCode} in ${slot.datacenter}`);
      const session = await CartSession.create(this.deps.api, { subsidiary: slot.spec.subsidiary, now: this.deps.clock.now() });
      this.existing.add(session);
      try {
        await fillCart({ output: this.deps.output, signal: this.deps.signal }, session, slot.spec, slot.target.offer, `The order of ${slot.target.planCode}`);
      } catch (error) {
        await this.discard(session);
        throw error;
      }
      const prepared = { session, spec: slot.spec, readyAt: this.deps.clock.now().getTime() };
      const old = this.ready.get(slotKey(slot.target, slot.datacenter));
      this.ready.set(slotKey(slot.target, slot.datacenter), prepared);
      if (old) await this.discard(old.session);
      return prepared;
    })();
    try {
      return await work;
    } catch (error) {
      if (!this.deps.signal.aborted)
        this.deps.note(
          `! Could not prepare a cart for ${slot.target.planCode} in ${slot.datacenter} (${(error as Error).message}); it will be built when stock appears.`,
        );
      return undefined;
    }
  }

  private async discard(session: CartSession, api: Pick<CartApi, 'deleteCart'> = this.deps.api): Promise<void> {
    // Stopping: `close` deletes it with the calls kept back for the end.
    if (api === this.deps.api && this.deps.signal.aborted) return;
    try {
      await api.deleteCart(session.cartId);
      this.existing.delete(session);
    } catch (error) {
      this.deps.note(
        `! Cart ${session.cartId} could not be deleted (${(error as Error).message}); delete it with \`ovh-order cart delete ${session.cartId}\`.`,
      );
    }
  }

  /** Recreates carts before OVH lets them expire. Called after each check. */
  async maintain(): Promise<void> {
    if (this.ordersLeft === 0) return;
    const now = this.deps.clock.now().getTime();
    const stale = this.slots.slice(0, MAX_PREPARED_CARTS).filter((slot) => {
      const prepared = this.ready.get(slotKey(slot.target, slot.datacenter));
      return !prepared || now - prepared.readyAt >= CART_REFRESH_MS;
    });
    await Promise.all(stale.map((slot) => this.prepare(slot)));
  }

  /** Stock came: the first in-stock slot in preference order is quoted and, within the ceiling, checked out. */
  async onStock(inStock: ReadonlyArray<{ target: WatchTarget; observation: TargetObservation }>, answeredAt: number): Promise<void> {
    // A spell of stock ended for a slot: its price refusal is forgotten.
    const inStockNow = new Set(inStock.flatMap(({ target, observation }) => observation.inStock.map((d) => slotKey(target, d.datacenter))));
    for (const key of this.refusedForPrice) if (!inStockNow.has(key)) this.refusedForPrice.delete(key);
    // Stopping (Ctrl-C, SIGTERM): no new order is started.
    if (this.ordersLeft === 0 || this.deps.signal.aborted) return;
    for (const { target, observation } of inStock) {
      for (const { datacenter } of observation.inStock) {
        const key = slotKey(target, datacenter);
        if (this.refusedForPrice.has(key)) continue;
        const slot = this.slots.find((s) => slotKey(s.target, s.datacenter) === key) ?? {
          target,
          datacenter,
          spec: specFor(target, datacenter, this.deps.subsidiary),
        };
        await this.orderSlot(slot, answeredAt);
        return; // one order attempt per check
      }
    }
  }

  private async orderSlot(slot: { target: WatchTarget; datacenter: string; spec: OrderSpec }, answeredAt: number): Promise<void> {
    const key = slotKey(slot.target, slot.datacenter);
    const base = {
      at: '',
      key: slot.target.key,
      planCode: slot.target.planCode,
      name: slot.target.name,
      datacenter: slot.datacenter,
      orderId: null,
      url: null,
      totalWithoutTax: null,
      totalWithTax: null,
    } as const;
    const emit = (event: Omit<OrderEvent, 'at'>) => this.deps.emit({ ...event, at: this.deps.clock.now().toISOString() });
    const cartWasReady = this.ready.has(key);
    let prepared = this.ready.get(key) ?? (await this.inFlight.get(key));
    this.ready.delete(key);
    if (!prepared) {
      // Not kept ready (requirements, or its preparation failed): built now, the slow way.
      prepared = await this.prepare(slot);
      this.ready.delete(key);
      if (!prepared) {
        await emit({ ...base, event: 'order-failed', cartId: null, message: 'the cart could not be built; see the note above.' });
        return;
      }
    }
    const { session, spec } = prepared;
    let preview: Order;
    try {
      preview = await session.preview();
    } catch (error) {
      await this.discard(session);
      void this.prepare(slot);
      await emit({ ...base, event: 'order-failed', cartId: session.cartId, message: `the quote failed: ${(error as Error).message}` });
      return;
    }
    const totals = { totalWithoutTax: moneyFromCartPrice(preview.prices.withoutTax), totalWithTax: moneyFromCartPrice(preview.prices.withTax) };
    const limit = moneyFromUnits(this.deps.maxPrice, totals.totalWithoutTax.currency);
    if (compareMoney(totals.totalWithoutTax, limit) > 0) {
      this.refusedForPrice.add(key);
      this.ready.set(key, prepared); // still good for a later spell of stock
      await emit({
        ...base,
        ...totals,
        event: 'order-refused',
        cartId: session.cartId,
        message: `the quote's total without tax, ${preview.prices.withoutTax.text}, is above --max-price ${this.deps.maxPrice}; nothing was ordered.`,
      });
      return;
    }

    let postedAt: number | undefined;
    try {
      const journal = this.deps.hooksFor(spec);
      const hooks: CheckoutHooks = {
        ...journal,
        before: async (attempt) => {
          await journal.before?.(attempt);
          postedAt = this.deps.monotonic();
        },
      };
      const placed = await checkout(
        this.deps.checkoutApi,
        session.cartId,
        { autopay: this.deps.autopay, waiveRetraction: this.deps.waiveRetraction, quote: quotedTotal(preview) },
        hooks,
        () => this.deps.clock.now(),
      );
      this.placed += 1;
      this.existing.delete(session); // a checked-out cart is the order's now
      const left = this.ordersLeft;
      await emit({
        ...base,
        ...totals,
        event: 'ordered',
        orderId: placed.orderId,
        url: placed.url,
        cartId: session.cartId,
        stockToCheckoutMs: Math.round(postedAt! - answeredAt),
        cartWasReady,
        message: `${this.deps.autopay ? 'Paid with your preferred payment method' : 'Pay it at the order URL'}; ${left > 0 ? `${left} more order${left > 1 ? 's' : ''} allowed by --max-orders` : 'no more orders (--max-orders reached)'}.`,
      });
      if (left > 0) void this.prepare(slot);
      else await this.close();
    } catch (error) {
      const measured = postedAt === undefined ? {} : { stockToCheckoutMs: Math.round(postedAt - answeredAt) };
      const message = error instanceof OvhApiError ? (error.ovhMessage ?? error.message) : error instanceof Error ? error.message : String(error);
      if (nothingWasOrdered(error)) {
        // Refused (stock gone before checkout, a journal refusal…): nothing bought; the cart may still serve.
        this.ready.set(key, prepared);
        await emit({ ...base, ...totals, ...measured, event: 'order-refused', cartId: session.cartId, message: `${message}; nothing was ordered.` });
      } else {
        // The outcome is unknown: no further order until a person looks (the journal says which).
        this.stopped = true;
        this.existing.delete(session);
        await emit({
          ...base,
          ...totals,
          ...measured,
          event: 'order-failed',
          cartId: session.cartId,
          message: `${message}. The order may or may not have been placed: the watch orders nothing more; check \`ovh-order status\`.`,
        });
        if (!(error instanceof CliError) && !(error instanceof OvhApiError)) throw error;
      }
    }
  }

  /** Deletes every cart still on OVH's side (after preparations under way have settled). Idempotent. */
  async close(): Promise<void> {
    this.stopped = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
    this.ready.clear();
    await Promise.all([...this.existing].map((session) => this.discard(session, this.deps.finalApi)));
  }

  /** Carts currently kept ready (for the summary and tests). */
  get readyCount(): number {
    return this.ready.size;
  }
}
