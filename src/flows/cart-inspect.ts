// `cart show`: everything a person needs to understand a cart — its items as a tree (server, then
// its options) with billing and prices, the configuration values set, what is still missing before
// checkout would accept it, and the price preview when the credentials allow it. Reading only:
// nothing is posted (no assign), so showing a cart never changes it.
import { cartHeader } from './cart-list.js';
import type { OvhApi } from '../ovh/api.js';
import type { CartItem, ConfigurationItem } from '../ovh/models/cart.js';
import { OvhApiError } from '../ovh/errors.js';
import { isNotAssignedRefusal } from '../ovh/failures.js';
import { CliError, ExitCode } from '../domain/errors.js';
import { duplicatedLabels } from '../domain/configuration.js';
import { utcMinuteText } from '../domain/words.js';
import { CartSession, inspectCart, type CartApi } from './cart-builder.js';
import type { CartItemReport, CartReport } from '../domain/cart-report.js';

/** The calls `cart show` makes: the cart session's reads plus the unauthenticated summary. */
export type CartInspectApi = CartApi & Pick<OvhApi, 'getSummary'>;

export interface InspectOptions {
  /** Signed calls are possible (credentials with a consumer key, or OAuth2). */
  hasAccount: boolean;
  now: Date;
}

function notFound(cartId: string, cause: unknown): CliError {
  return new CliError(`Cart ${cartId} does not exist, or has expired.`, {
    code: 'cart_not_found',
    exitCode: ExitCode.failure,
    hint: 'Carts last one day by default and disappear when they expire; list yours with `ovh-order cart list`.',
    cause,
  });
}

function isMissingCart(error: unknown): boolean {
  return error instanceof OvhApiError && (error.kind === 'not-found' || error.kind === 'expired');
}

function itemReport(item: CartItem, configuration: readonly ConfigurationItem[], options: CartItemReport[]): CartItemReport {
  return {
    itemId: item.itemId,
    product: item.productId,
    planCode: item.settings.planCode ?? null,
    duration: item.duration ?? null,
    pricingMode: item.settings.pricingMode ?? null,
    quantity: item.settings.quantity ?? 1,
    prices: item.prices,
    configuration: configuration.map((c) => ({ id: c.id, label: c.label, value: c.value })),
    options,
  };
}

/** Items as a forest: roots (no parent) with their options nested, the server first. */
function itemTree(all: readonly CartItem[], serverId: number | null, serverConfiguration: readonly ConfigurationItem[]): CartItemReport[] {
  const ids = new Set(all.map((i) => i.itemId));
  const children = new Map<number, CartItem[]>();
  for (const item of all) {
    const parent = item.parentItemId;
    if (parent !== null && parent !== undefined && ids.has(parent)) children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const build = (item: CartItem): CartItemReport =>
    itemReport(item, item.itemId === serverId ? serverConfiguration : [], (children.get(item.itemId) ?? []).map(build));
  const roots = all.filter((i) => i.parentItemId === null || i.parentItemId === undefined || !ids.has(i.parentItemId));
  roots.sort((a, b) => (a.itemId === serverId ? -1 : b.itemId === serverId ? 1 : a.itemId - b.itemId));
  return roots.map(build);
}

const CHECKED_OUT = {
  code: 'checked_out',
  message: 'The cart was already checked out (it is read-only): there is no checkout preview of it; `ovh-order status` follows its order.',
};

/**
 * Why OVH refused the checkout preview of a cart that is not read-only (a read-only one is not
 * asked). Decided by status, route and OVH's documented text only: "You are not allowed" on checkout
 * is the one documented answer (a cart not assigned); any other 403 is quoted, its reason unknown.
 */
function previewRefusal(error: OvhApiError): { code: string; message: string } {
  if (error.kind === 'not-granted') return { code: 'not_granted', message: error.message };
  if (isNotAssignedRefusal(error)) return { code: 'not_assigned', message: 'The cart is not assigned to this account, so OVH gives no checkout preview.' };
  const said = error.ovhMessage ? `: ${error.ovhMessage}` : '';
  if (error.status === 403) {
    return {
      code: 'refused',
      message: `OVH refused the checkout preview (403)${said}; the cart may have been checked out meanwhile, or belong to another account.`,
    };
  }
  return { code: error.code, message: error.ovhMessage ? `Checkout would be refused: ${error.ovhMessage}` : error.message };
}

async function previewOf(
  api: CartInspectApi,
  session: CartSession,
  options: InspectOptions,
  hasServer: boolean,
): Promise<Pick<CartReport, 'preview' | 'previewSource' | 'previewProblem'>> {
  if (!hasServer)
    return { preview: null, previewSource: null, previewProblem: { code: 'empty_cart', message: 'The cart is empty: there is nothing to price.' } };
  let problem: CartReport['previewProblem'];
  if (session.cart.readOnly) {
    // Checked out: a checkout preview would only be refused (403); the summary still shows its content.
    problem = CHECKED_OUT;
  } else if (options.hasAccount) {
    try {
      return { preview: await session.preview(), previewSource: 'checkout', previewProblem: null };
    } catch (error) {
      if (!(error instanceof OvhApiError) || ['network', 'tls', 'timeout'].includes(error.kind)) throw error;
      // Refusals are the point of showing a cart: say why checkout would fail, then price it anyway.
      problem = previewRefusal(error);
    }
  } else {
    problem = { code: 'no_credentials', message: 'No credentials: the checkout preview needs your account (`ovh-order login`).' };
  }
  try {
    return { preview: await api.getSummary(session.cartId), previewSource: 'summary', previewProblem: problem };
  } catch (error) {
    if (!(error instanceof OvhApiError) || ['network', 'tls', 'timeout'].includes(error.kind)) throw error;
    return { preview: null, previewSource: null, previewProblem: problem ?? { code: error.code, message: error.message } };
  }
}

/** Reads a cart without changing it. CliError `cart_not_found` (exit 1) for an unknown or expired cart. */
export async function showCart(api: CartInspectApi, cartId: string, options: InspectOptions): Promise<CartReport> {
  let session: CartSession;
  let inspection;
  try {
    session = await CartSession.open(api, cartId, { allowReadOnly: true });
    const expire = session.cart.expire ? Date.parse(session.cart.expire) : Number.NaN;
    // OVH drops expired carts; one still served past its expiry is just as unusable.
    if (!Number.isNaN(expire) && expire <= options.now.getTime()) {
      throw new CliError(`Cart ${cartId} expired on ${utcMinuteText(new Date(expire))}.`, {
        code: 'cart_expired',
        exitCode: ExitCode.failure,
        hint: 'An expired cart cannot be ordered; start a new order (and tidy up with `ovh-order cart prune`).',
      });
    }
    // The cart was read just now by open(): one GET of it per run.
    inspection = await inspectCart(session, { reuseOpenedCart: true });
  } catch (error) {
    if (isMissingCart(error)) throw notFound(cartId, error);
    throw error;
  }
  const { contents } = inspection;
  const cart = contents.cart;
  const all = [...(contents.server ? [contents.server] : []), ...contents.options, ...contents.otherItems];
  const preview = await previewOf(api, session, options, contents.server !== null);
  return {
    ...cartHeader(cart, options.now),
    items: itemTree(all, contents.server?.itemId ?? null, contents.configurations),
    // A checked-out cart lacks nothing: it was ordered.
    missing: cart.readOnly ? [] : inspection.missing,
    duplicatedLabels: duplicatedLabels(contents.configurations),
    ...preview,
  };
}
