// What the wizard knows at each step (immutable snapshots: going back restores the snapshot taken
// before the step), and what it shares across snapshots: the cart, whose content changes on the API
// side and is reconciled by the steps (an item added once, removed when the person goes back).
import type { OvhApi } from '../../ovh/api.js';
import type { Endpoint } from '../../ovh/endpoints.js';
import type { ConfigurationRequirement } from '../../ovh/models/cart.js';
import type { Order } from '../../ovh/models/order.js';
import type { OfferAvailability } from '../../domain/availability.js';
import type { BillingChoice } from '../../domain/billing.js';
import type { ConfigurationEntry } from '../../domain/configuration.js';
import type { OfferFilter } from '../../domain/filters.js';
import type { OfferAddonFamily, Range } from '../../domain/offer-model.js';
import type { OrderSpec } from '../../domain/order-spec.js';
import type { Output } from '../../ui/output.js';
import type { Prompter } from '../../ui/prompter.js';
import type { WizardView } from '../../ui/wizard-view-interface.js';
import type { CartSession } from '../cart-builder.js';
import type { CatalogCache } from '../offers-loader.js';
import type { LoadedOffers, StockedOffer } from '../../domain/stocked-offers.js';
import type { PlacedOrderResult, CheckoutHooks } from '../checkout.js';

/** The wizard's flags (`ovh-order wizard --help`). */
export interface WizardFlags {
  range?: Range;
  subsidiary?: string;
  search?: string;
  minRam?: number;
  maxPrice?: number;
  /** Short codes (`--datacenter gra,rbx`). */
  datacenters?: string[];
  cart?: string;
  dryRun?: boolean;
  save?: string;
  waiveRetraction?: boolean;
  refresh?: boolean;
}

export interface ChosenOption {
  planCode: string;
  family: string;
}

export interface WizardState {
  range?: Range;
  subsidiary?: string;
  /** BCP 47 locale of the subsidiary, for money. */
  locale: string;
  offers?: LoadedOffers;
  /** The browse filters (flags pre-fill them; the list's filter menu changes them). */
  filter: OfferFilter;
  offer?: StockedOffer;
  billing?: BillingChoice;
  quantity?: number;
  /** Option families of the plan in this cart (with catalog defaults). */
  optionFamilies?: OfferAddonFamily[];
  options?: ChosenOption[];
  /** Stock of the chosen hardware per datacenter. */
  stock?: OfferAvailability;
  requirements?: ConfigurationRequirement[];
  /** Values known before asking (flags, a resumed cart), by label. */
  givenConfiguration: Record<string, string>;
  /** Every value posted, one per label. */
  configuration?: ConfigurationEntry[];
  preview?: Order;
  order?: PlacedOrderResult;
  /** How the wizard ended. */
  outcome?: 'ordered' | 'declined' | 'dry-run';
  /** Set when the cart was deleted at the end. */
  cartDeleted?: boolean;
  /** Where the spec was saved (`--save`). */
  savedSpec?: string;
  /** Steps a resumed cart already satisfies. */
  resumed?: { range: boolean; offer: boolean; billing: boolean; options: boolean };
}

/** What the server item in the cart is, so a step re-run after "back" changes only what changed. */
interface CartLedger {
  session?: CartSession;
  /** Pending creation (started as soon as the subsidiary is known, in parallel with the catalog). */
  creating?: Promise<CartSession>;
  subsidiary?: string;
  server?: { itemId: number; planCode: string; duration: string; pricingMode: string; quantity: number };
  /** Option item ids by plan code. */
  options: Map<string, number>;
  /** Set right before the checkout POST: from then on the cart may be an order, never "resume it". */
  checkoutStarted?: boolean;
  /**
   * Datacenters OVH refused the price preview in, per hardware (`fqnOf`): marked in the datacenter
   * question and never its default again (they outlive the step snapshots going back restores).
   */
  refusedDatacenters?: Map<string, Set<string>>;
}

export interface WizardDeps {
  /** The API (replaced by `login` when the person logs in mid-flow). */
  api: OvhApi;
  endpoint: Pick<Endpoint, 'name' | 'apiUrl' | 'subsidiaries' | 'isPreset'>;
  /** The API the catalog cache files entries under (the same key as `catalog` and `order`); default the endpoint's name. */
  catalogCacheKey?: string;
  /** `--sandbox`: the resume commands say so. */
  sandbox: boolean;
  prompter: Prompter;
  output: Output;
  /** How things look (bound to the theme): the steps never import a renderer. */
  view: WizardView;
  now: () => Date;
  /** Aborted on Ctrl-C / SIGTERM: API waits end with InterruptedError. */
  signal: AbortSignal;
  flags: WizardFlags;
  /** The subsidiary stored with the credentials (or the sandbox account's). */
  defaultSubsidiary?: string;
  /** The credentials can sign calls: the cart is assigned as soon as it is created. */
  canSign?: boolean;
  cache?: CatalogCache;
  /** Offered when assigning the cart needs credentials: logs in, returns the new API (undefined: not done). */
  login?(): Promise<OvhApi | undefined>;
  /** Writes the order spec (`--save`); returns the path as shown to the person. */
  saveSpec?(spec: OrderSpec): Promise<string>;
  /** Journal seam for checkout (safety issue). */
  checkoutHooks?: CheckoutHooks;
  /** Shared, mutable: the cart. */
  cart: CartLedger;
  /** Set by the runner: an earlier step asked something, so "back" can go somewhere. */
  canGoBack?: boolean;
}

export function initialState(flags: WizardFlags, locale: string): WizardState {
  const filter: OfferFilter = {};
  if (flags.search) filter.search = flags.search;
  if (flags.minRam !== undefined) filter.minRamGb = flags.minRam;
  if (flags.maxPrice !== undefined) filter.maxMonthly = flags.maxPrice;
  if (flags.datacenters && flags.datacenters.length > 0) filter.datacenters = flags.datacenters;
  return { range: flags.range, locale, filter, givenConfiguration: {} };
}
