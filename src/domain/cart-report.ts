// What the cart commands found, as data: `cart list` and `cart show` (a cart's header, its items,
// what checkout still lacks), `cart delete` and `cart prune`. Flows build these; ui renders them.
import type { CartPrice } from '../ovh/models/cart.js';
import type { Order } from '../ovh/models/order.js';

/** What every cart view says first (`cart list`, `cart show`). */
export interface CartHeader {
  cartId: string;
  description: string;
  /** The description carries ovh-order's marker (`cart prune` may delete it). */
  createdByOvhOrder: boolean;
  /** ISO; from ovh-order's marker, null for other carts. */
  createdAt: string | null;
  /** ISO datetime or null (no expiry). */
  expire: string | null;
  /** Seconds until expiry (negative once past); null without expiry. */
  expiresInSeconds: number | null;
  expired: boolean;
  /** true once checked out: it cannot change any more. */
  readOnly: boolean;
}

export interface CartSummary extends CartHeader {
  /** Items in the cart (a server and each of its options count as one each). */
  itemCount: number;
}

export type MissingPart =
  { kind: 'server' } | { kind: 'option-family'; family: string; choices: string[] } | { kind: 'configuration'; label: string; allowedValues: string[] | null };

export interface CartItemReport {
  itemId: number;
  /** The cart product the item was added through (`eco`, `baremetalServers`, `dedicated`). */
  product: string;
  planCode: string | null;
  duration: string | null;
  pricingMode: string | null;
  quantity: number;
  /** The item's prices as the API gives them (`PRICE` = one unit, `TOTAL` = × quantity). */
  prices: CartPrice[];
  /** Configuration values set on the item (server items only). */
  configuration: Array<{ id: number; label: string; value: string }>;
  /** Option items of this item. */
  options: CartItemReport[];
}

type PreviewSource = 'checkout' | 'summary';

/** `expired` is always false here: an expired cart is an error (`cart_expired`), not a report. */
export interface CartReport extends CartHeader {
  /** Root items (servers, then anything else), each with its options. */
  items: CartItemReport[];
  /** What checkout still needs: a server, an option of a mandatory family, a configuration value. */
  missing: MissingPart[];
  /** Labels set more than once on the server (checkout refuses "Custom field … is duplicated"). */
  duplicatedLabels: string[];
  /** The quote: `GET …/checkout` when the credentials allow it, else `GET …/summary`. */
  preview: Order | null;
  previewSource: PreviewSource | null;
  /** Why there is no checkout preview (no credentials, not assigned, refused — with OVH's reason). */
  previewProblem: { code: string; message: string } | null;
}

export type PruneReason = 'expired' | 'ovh-order-old';

export interface PruneDecision {
  cart: CartSummary;
  /** Why it goes, or null when it stays. */
  reason: PruneReason | null;
  /** In words, for both cases. */
  why: string;
}

interface DeleteFailure {
  cartId: string;
  error: { code: string; message: string };
}

export interface DeleteOutcome {
  deleted: string[];
  failed: DeleteFailure[];
}

export interface PruneReport extends DeleteOutcome {
  dryRun: boolean;
  olderThan: string;
  /** Carts that go (or would go), with why. */
  selected: Array<{ cartId: string; description: string; expire: string | null; reason: PruneReason; why: string }>;
  /** Carts left alone, with why. */
  kept: Array<{ cartId: string; description: string; why: string }>;
}
