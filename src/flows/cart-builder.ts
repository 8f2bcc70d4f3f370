// One cart, built step by step through the OVH API: create (marked as ovh-order's), add the server,
// its options and its configuration, assign, preview, delete — or resume an existing cart and say
// what it still lacks. Every write happens once: options and configuration labels already in the
// cart are never posted again ("Custom field … is duplicated" is a checkout refusal otherwise).
// Checkout itself is NOT here: src/flows/checkout.ts is the only code that can place an order.
import type { OvhApi } from '../ovh/api.js';
import type { Cart, CartItem, ConfigurationItem, ConfigurationRequirement, ProductCreation } from '../ovh/models/cart.js';
import type { GenericOptionDefinition, GenericProductDefinition } from '../ovh/models/catalog.js';
import type { Order } from '../ovh/models/order.js';
import { CliError, ExitCode, UsageError, listAllowed } from '../domain/errors.js';
import { buildBillingChoices, type BillingChoice } from '../domain/billing.js';
import type { CartProduct, Offer } from '../domain/offer-model.js';
import type { MissingPart } from '../domain/cart-report.js';
import { configurationLabelWords, optionFamilyWords } from '../domain/words.js';

// ---------------------------------------------------------------------------------------------
// The description marker (`cart prune` deletes only carts carrying it)
// ---------------------------------------------------------------------------------------------

const CART_MARKER = 'ovh-order';

/** `ovh-order 2026-05-01T12:00:00.000Z`: marks a cart as created by ovh-order, and when. */
export function cartDescription(now: Date): string {
  return `${CART_MARKER} ${now.toISOString()}`;
}

/** When the description is ovh-order's marker, the creation time it records; otherwise undefined. */
export function parseCartDescription(description: string | null | undefined): { createdAt: Date } | undefined {
  const match = /^ovh-order (\d{4}-\d{2}-\d{2}T[0-9:.]+Z)$/.exec((description ?? '').trim());
  if (!match?.[1]) return undefined;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt };
}

export function isOvhOrderCart(description: string | null | undefined): boolean {
  return parseCartDescription(description) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The API calls a cart session makes (an OvhApi, or a fake in unit tests). */
export type CartApi = Pick<
  OvhApi,
  | 'createCart'
  | 'getCart'
  | 'deleteCart'
  | 'assignCart'
  | 'getProductOffers'
  | 'addProduct'
  | 'getProductOptions'
  | 'addOption'
  | 'listItems'
  | 'getItem'
  | 'deleteItem'
  | 'getRequiredConfiguration'
  | 'listConfigurations'
  | 'getConfiguration'
  | 'addConfiguration'
  | 'deleteConfiguration'
  | 'previewCheckout'
>;

export interface OptionToAdd {
  planCode: string;
  duration: string;
  pricingMode: string;
  quantity: number;
}

/** What a cart holds, read back from the API. */
export interface CartContents {
  cart: Cart;
  /** The server item (no parent); null when the cart is empty. */
  server: CartItem | null;
  product: CartProduct | null;
  /** Option items of the server. */
  options: CartItem[];
  /** Configuration values set on the server item. */
  configurations: ConfigurationItem[];
  /** Items ovh-order did not expect (a second server…): reported, never touched. */
  otherItems: CartItem[];
}

const PRODUCTS: readonly CartProduct[] = ['dedicated', 'baremetalServers', 'eco'];

function asProduct(productId: string): CartProduct | null {
  return (PRODUCTS as readonly string[]).includes(productId) ? (productId as CartProduct) : null;
}

// ---------------------------------------------------------------------------------------------
// The session
// ---------------------------------------------------------------------------------------------

export class CartSession {
  /** Labels known to be set on an item (filled by `configure` and `configurations`), to never post twice. */
  private readonly configured = new Map<number, Map<string, ConfigurationItem>>();
  /** Option plan codes known to be in the cart, per server item. */
  private readonly optionCodes = new Map<number, Set<string>>();
  private assigned = false;
  private assigning: Promise<void> | undefined;

  private constructor(
    private client: CartApi,
    readonly cartId: string,
    public cart: Cart,
  ) {}

  get api(): CartApi {
    return this.client;
  }

  /** Continues with another client (e.g. after logging in mid-flow: the cart stays the same). */
  useApi(api: CartApi): void {
    this.client = api;
  }

  /** `POST /order/cart` with the ovh-order marker as description. */
  static async create(api: CartApi, options: { subsidiary: string; now: Date; expire?: Date }): Promise<CartSession> {
    const cart = await api.createCart({
      ovhSubsidiary: options.subsidiary,
      description: cartDescription(options.now),
      ...(options.expire ? { expire: options.expire.toISOString() } : {}),
    });
    return new CartSession(api, cart.cartId, cart);
  }

  /**
   * An existing cart (`--cart ID`). UsageError when it was already checked out (read-only), unless
   * `allowReadOnly` (reading only, e.g. `cart show`).
   */
  static async open(api: CartApi, cartId: string, options: { allowReadOnly?: boolean } = {}): Promise<CartSession> {
    const cart = await api.getCart(cartId);
    if (cart.readOnly && !options.allowReadOnly) {
      throw new UsageError(`Cart ${cartId} was already checked out: it cannot change any more.`, {
        code: 'cart_read_only',
        hint: 'Follow the order with `ovh-order status`, or start a new cart with `ovh-order wizard`.',
      });
    }
    return new CartSession(api, cartId, cart);
  }

  /** The plan's offer in this cart: `GET /order/cart/{id}/{product}?planCode=`. */
  async productOffer(product: CartProduct, planCode: string): Promise<GenericProductDefinition> {
    const offers = await this.api.getProductOffers(this.cartId, product, planCode);
    const found = offers.find((o) => o.planCode === planCode);
    if (!found) {
      throw new UsageError(`Plan "${planCode}" cannot be added to a cart as ${product} for this subsidiary.`, {
        code: 'plan_not_orderable',
        hint: offers.length > 0 ? `The cart offers: ${listAllowed(offers.map((o) => o.planCode))}.` : 'Check the range and the subsidiary.',
      });
    }
    return found;
  }

  /** Duration × pricing-mode choices of a plan, from the cart's own offer (catalog prices fill gaps). */
  async billingChoices(product: CartProduct, planCode: string, offer?: Offer): Promise<BillingChoice[]> {
    return buildBillingChoices(await this.productOffer(product, planCode), offer);
  }

  /** `POST /order/cart/{id}/{product}`: adds the server, returns its item. */
  async addServer(product: CartProduct, creation: ProductCreation): Promise<CartItem> {
    const item = await this.api.addProduct(this.cartId, product, creation);
    this.optionCodes.set(item.itemId, new Set());
    this.configured.set(item.itemId, new Map());
    return item;
  }

  /** Removes an item (a server, with its options, when going back to choose another). */
  async removeItem(itemId: number): Promise<void> {
    await this.api.deleteItem(this.cartId, itemId);
    this.optionCodes.delete(itemId);
    this.configured.delete(itemId);
  }

  /** `GET /order/cart/{id}/{product}/options?planCode=`: the add-ons the cart accepts. */
  async optionDefinitions(product: CartProduct, planCode: string): Promise<GenericOptionDefinition[]> {
    return this.api.getProductOptions(this.cartId, product, planCode);
  }

  /**
   * Adds options to a server item, in parallel, each plan code once: codes repeated in `options`
   * or already in the cart (as added by this session or read by `contents`) are not posted again.
   */
  async addOptions(product: CartProduct, itemId: number, options: readonly OptionToAdd[]): Promise<CartItem[]> {
    const known = this.optionCodes.get(itemId) ?? new Set<string>();
    this.optionCodes.set(itemId, known);
    const unique = new Map<string, OptionToAdd>();
    for (const option of options) if (!known.has(option.planCode) && !unique.has(option.planCode)) unique.set(option.planCode, option);
    // Marked before posting so a concurrent call cannot post the same code.
    for (const code of unique.keys()) known.add(code);
    const settled = await Promise.allSettled([...unique.values()].map((o) => this.api.addOption(this.cartId, product, { itemId, ...o })));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    settled.forEach((s, i) => {
      if (s.status === 'rejected') known.delete([...unique.keys()][i]!);
    });
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<CartItem>).value);
  }

  /** `GET …/item/{itemId}/requiredConfiguration`. */
  async requiredConfiguration(itemId: number): Promise<ConfigurationRequirement[]> {
    return this.api.getRequiredConfiguration(this.cartId, itemId);
  }

  /** The configuration values set on an item (read from the API, remembered for `configure`). */
  async configurations(itemId: number): Promise<ConfigurationItem[]> {
    const ids = await this.api.listConfigurations(this.cartId, itemId);
    const items = await Promise.all(ids.map((id) => this.api.getConfiguration(this.cartId, itemId, id)));
    this.configured.set(itemId, new Map(items.map((c) => [c.label, c])));
    return items;
  }

  /**
   * Sets configuration values, each label once, in parallel. Labels already set to the same value are
   * skipped; a label set to another value is replaced (deleted, then posted). When this session has
   * not seen the item's configuration yet, it reads it first (a resumed cart).
   */
  async configure(itemId: number, values: ReadonlyArray<{ label: string; value: string }>): Promise<ConfigurationItem[]> {
    const labels = new Set<string>();
    for (const { label } of values) {
      if (labels.has(label)) throw new CliError(`Configuration label "${label}" was given twice.`, { code: 'duplicate_label', exitCode: ExitCode.usage });
      labels.add(label);
    }
    if (!this.configured.has(itemId)) await this.configurations(itemId);
    const existing = this.configured.get(itemId)!;
    const results = await Promise.all(
      values.map(async ({ label, value }) => {
        const current = existing.get(label);
        if (current && current.value === value) return current;
        if (current) await this.api.deleteConfiguration(this.cartId, itemId, current.id);
        existing.delete(label);
        const created = await this.api.addConfiguration(this.cartId, itemId, { label, value });
        existing.set(label, created);
        return created;
      }),
    );
    return results;
  }

  /**
   * `POST /order/cart/{id}/assign` (needs credentials), once per session: a call still on its way
   * (the wizard assigns right after creating) is waited for, not repeated; after a failure the
   * next call tries again (e.g. once logged in).
   */
  async assign(): Promise<void> {
    if (this.assigned) return;
    this.assigning ??= this.api.assignCart(this.cartId).then(
      () => {
        this.assigned = true;
        this.assigning = undefined;
      },
      (error: unknown) => {
        this.assigning = undefined;
        throw error;
      },
    );
    await this.assigning;
  }

  get isAssigned(): boolean {
    return this.assigned;
  }

  /** `GET /order/cart/{id}/checkout`: the price preview (the cart must be assigned). */
  async preview(): Promise<Order> {
    return this.api.previewCheckout(this.cartId);
  }

  /** `DELETE /order/cart/{id}`. */
  async delete(): Promise<void> {
    await this.api.deleteCart(this.cartId);
  }

  /**
   * Reads the cart back: server item, its options and configuration values. `reuseOpenedCart`: take
   * the cart as open() read it (nothing changed since) instead of a second GET.
   */
  async contents(read: { reuseOpenedCart?: boolean } = {}): Promise<CartContents> {
    const cart = read.reuseOpenedCart ? this.cart : await this.api.getCart(this.cartId);
    this.cart = cart;
    const items = await Promise.all(cart.items.map((id) => this.api.getItem(this.cartId, id)));
    const roots = items.filter((i) => i.parentItemId === null || i.parentItemId === undefined);
    const server = roots.find((i) => asProduct(i.productId) !== null) ?? null;
    const options = server ? items.filter((i) => i.parentItemId === server.itemId) : [];
    const otherItems = items.filter((i) => i !== server && !options.includes(i));
    const configurations = server ? await this.configurations(server.itemId) : [];
    if (server) {
      this.optionCodes.set(server.itemId, new Set(options.map((o) => o.settings.planCode).filter((c): c is string => !!c)));
    }
    return { cart, server, product: server ? asProduct(server.productId) : null, options, configurations, otherItems };
  }
}

// ---------------------------------------------------------------------------------------------
// Resuming: what a cart still lacks
// ---------------------------------------------------------------------------------------------

export interface CartInspection {
  contents: CartContents;
  /** The server's plan, duration, pricing mode and quantity, when there is a server. */
  server: { planCode: string; product: CartProduct; duration: string | null; pricingMode: string | null; quantity: number; itemId: number } | null;
  /** Option plan codes in the cart. */
  optionCodes: string[];
  /** Option definitions of the plan (empty when there is no server). */
  optionDefinitions: GenericOptionDefinition[];
  requirements: ConfigurationRequirement[];
  /** Values set, by label. */
  configured: Record<string, string>;
  missing: MissingPart[];
}

/** Labels checkout needs whatever `required` says (the API marks the datacenter optional). */
const LABELS_CHECKOUT_NEEDS: readonly string[] = ['dedicated_datacenter'];

/** Is this requirement needed to check out? `required`, or known to be needed despite the flag. */
function isNeededAtCheckout(requirement: Pick<ConfigurationRequirement, 'label' | 'required'>): boolean {
  return requirement.required || LABELS_CHECKOUT_NEEDS.includes(requirement.label);
}

/** Reads a cart and lists what is missing before it can be checked out: the server, mandatory option families, needed labels. */
export async function inspectCart(session: CartSession, options: { reuseOpenedCart?: boolean } = {}): Promise<CartInspection> {
  const contents = await session.contents(options);
  const item = contents.server;
  if (!item || !contents.product || !item.settings.planCode) {
    return { contents, server: null, optionCodes: [], optionDefinitions: [], requirements: [], configured: {}, missing: [{ kind: 'server' }] };
  }
  const product = contents.product;
  const planCode = item.settings.planCode;
  const [optionDefinitions, requirements] = await Promise.all([session.optionDefinitions(product, planCode), session.requiredConfiguration(item.itemId)]);
  const optionCodes = contents.options.map((o) => o.settings.planCode).filter((c): c is string => !!c);
  const configured = Object.fromEntries(contents.configurations.map((c) => [c.label, c.value]));
  const missing: MissingPart[] = [];
  const families = new Map<string, GenericOptionDefinition[]>();
  for (const definition of optionDefinitions) families.set(definition.family, [...(families.get(definition.family) ?? []), definition]);
  for (const [family, definitions] of families) {
    if (!definitions.some((d) => d.mandatory)) continue;
    if (definitions.some((d) => optionCodes.includes(d.planCode))) continue;
    missing.push({ kind: 'option-family', family, choices: definitions.map((d) => d.planCode) });
  }
  for (const requirement of requirements) {
    if (!isNeededAtCheckout(requirement) || configured[requirement.label] !== undefined) continue;
    missing.push({ kind: 'configuration', label: requirement.label, allowedValues: requirement.allowedValues ?? null });
  }
  return {
    contents,
    server: {
      planCode,
      product,
      duration: item.duration ?? null,
      pricingMode: item.settings.pricingMode ?? null,
      quantity: item.settings.quantity ?? 1,
      itemId: item.itemId,
    },
    optionCodes,
    optionDefinitions,
    requirements,
    configured,
    missing,
  };
}

/** `server`, `option memory`, `configuration dedicated_datacenter`: for messages. */
export function describeMissing(missing: readonly MissingPart[]): string[] {
  return missing.map((m) =>
    m.kind === 'server'
      ? 'a server'
      : m.kind === 'option-family'
        ? `an option of the ${optionFamilyWords(m.family)} family`
        : `the ${configurationLabelWords(m.label)}`,
  );
}
