// Small things every step needs: waiting on the API with a spinner while listening for Ctrl-C, the
// cart (created once, as early as possible), and the commands to suggest.
import { InterruptedError } from '../../domain/errors.js';
import { raceInterrupt } from '../interruptible.js';
import { CartSession } from '../cart-builder.js';
import { loadOffers } from '../offers-loader.js';
import type { LoadedOffers } from '../../domain/stocked-offers.js';
import type { Range } from '../../domain/offer-model.js';
import type { PurchaseFacts } from '../../domain/purchase.js';
import type { WizardDeps, WizardState } from './state.js';

/** An API wait: a spinner after 300 ms, interrupted by Ctrl-C. */
export function wait<T>(deps: Pick<WizardDeps, 'output' | 'signal'>, label: string, work: () => Promise<T>): Promise<T> {
  // Interrupted already: start nothing more.
  if (deps.signal.aborted) return Promise.reject(new InterruptedError());
  return deps.output.spin(label, () => raceInterrupt(work(), deps.signal));
}

/** The range's catalog (through the cache, filed as `catalog` and `order` file it) and its stock, with a spinner. */
export function loadRange(deps: WizardDeps, range: Range, subsidiary: string): Promise<LoadedOffers> {
  return wait(deps, `Loading the ${range} catalog and stock for ${subsidiary}`, () =>
    loadOffers(deps.api, {
      range,
      subsidiary,
      refresh: deps.flags.refresh,
      cache: deps.cache,
      endpoint: deps.catalogCacheKey ?? deps.endpoint.name,
      now: deps.now,
    }),
  );
}

/**
 * Starts creating the cart for `subsidiary` (once) without waiting for it: it overlaps the catalog
 * download. A cart of another subsidiary (the person went back and changed it) is deleted.
 * When the credentials can sign, the new cart is assigned at once, also in the background:
 * `GET /order/cart` lists only assigned carts, so a wizard left before the preview would otherwise
 * leave a cart that `cart list` never shows and `cart prune` never removes.
 */
export function startCart(deps: WizardDeps, subsidiary: string): void {
  const ledger = deps.cart;
  if (ledger.subsidiary === subsidiary && (ledger.session || ledger.creating)) return;
  const previous = ledger.session;
  ledger.session = undefined;
  ledger.server = undefined;
  ledger.options = new Map();
  ledger.subsidiary = subsidiary;
  const creating = CartSession.create(deps.api, { subsidiary, now: deps.now() });
  ledger.creating = creating;
  creating.then(
    (session) => {
      if (ledger.creating === creating) ledger.session = session;
      // A refusal (a bad or under-ruled key) only leaves the assignment to the preview, which offers to log in.
      if (deps.canSign) session.assign().catch(() => undefined);
    },
    () => undefined, // reported by the step that awaits it
  );
  if (previous) void previous.delete().catch(() => undefined);
}

/** The cart, waiting for its creation when needed. */
export async function cartOf(deps: WizardDeps): Promise<CartSession> {
  const ledger = deps.cart;
  if (ledger.session) return ledger.session;
  if (!ledger.creating) throw new Error('The cart was not started (no subsidiary yet).');
  const session = await wait(deps, 'Creating a cart', () => ledger.creating!);
  ledger.session = session;
  return session;
}

/** `ovh-order <args>`, with `--sandbox` when the wizard runs on the sandbox. */
export function command(deps: Pick<WizardDeps, 'sandbox'>, args: string): string {
  return `ovh-order ${args}${deps.sandbox ? ' --sandbox' : ''}`;
}

/** The line printed when the wizard stops with the cart kept. */
export function resumeLine(cartId: string, sandbox: boolean): string {
  const s = sandbox ? ' --sandbox' : '';
  return `Cart ${cartId} is kept: resume it with \`ovh-order wizard --cart ${cartId}${s}\` or delete it with \`ovh-order cart delete ${cartId}${s}\`.`;
}

/** What the state says is bought, for the summary and the final question (undefined before a datacenter is set). */
export function purchaseFactsOf(state: WizardState): PurchaseFacts | undefined {
  const datacenter = state.configuration?.find((e) => e.label === 'dedicated_datacenter')?.value;
  if (!state.offer || !state.billing || !datacenter || !state.subsidiary) return undefined;
  return {
    serverName: state.offer.name,
    planCode: state.offer.planCode,
    datacenter,
    quantity: state.quantity ?? 1,
    subsidiary: state.subsidiary,
    pricingMode: state.billing.pricingMode,
    duration: state.billing.duration,
    billing: [state.billing],
  };
}
