// One typed, validated method per OVH call ovh-order makes. Each names its route pattern once;
// the client does placeholders, deadlines, retries of reads and error mapping.
import { CliError, ExitCode, UsageError, listAllowed } from '../domain/errors.js';
import { OvhClient, type AnswerSchema, type ClientOptions, type HttpMethod, type RequestOptions, type RequestParams } from './client.js';
import { model, timeSchema } from './lazy-schema.js';
import { acceptsAvailabilityList, acceptsPublicCatalog } from './models/checks.js';
import { OvhApiError } from './errors.js';
import type { AccessRule, ApiCredential, CredentialRequest } from './models/auth.js';
import type { AvailabilityQuery, DatacenterAvailability } from './models/availability.js';
import type {
  Cart,
  CartCreation,
  CartItem,
  ConfigurationCreation,
  ConfigurationItem,
  ConfigurationRequirement,
  OptionCreation,
  ProductCreation,
} from './models/cart.js';
import type { FormattedDedicatedCatalog, GenericOptionDefinition, GenericProductDefinition, PublicCatalog } from './models/catalog.js';
import type {
  BillingOrder,
  BillingOrderDetail,
  Nichandle,
  OrderDetailExtension,
  OrderFollowUpStep,
  OrderListQuery,
  OrderStatus,
  PaymentMethod,
  PaymentMethodQuery,
} from './models/me.js';
import type { CheckoutOptions, Order, PlacedOrder } from './models/order.js';

/** Cart product families that sell dedicated servers (`/order/cart/{cartId}/<product>`). */
const CART_PRODUCTS = ['eco', 'baremetalServers', 'dedicated'] as const;
export type CartProduct = (typeof CART_PRODUCTS)[number];

/** Public catalogs (`/order/catalog/public/<name>`). */
const PUBLIC_CATALOGS = ['baremetalServers', 'eco'] as const;
export type PublicCatalogName = (typeof PUBLIC_CATALOGS)[number];

function checkProduct(product: string): CartProduct {
  if ((CART_PRODUCTS as readonly string[]).includes(product)) return product as CartProduct;
  throw new UsageError(`Unknown cart product "${product}".`, { code: 'invalid_product', hint: `Allowed: ${listAllowed(CART_PRODUCTS)}.` });
}

function checkCatalog(name: string): PublicCatalogName {
  if ((PUBLIC_CATALOGS as readonly string[]).includes(name)) return name as PublicCatalogName;
  throw new UsageError(`Unknown public catalog "${name}".`, { code: 'invalid_catalog', hint: `Allowed: ${listAllowed(PUBLIC_CATALOGS)}.` });
}

type CheckoutState = 'in-flight' | 'placed' | 'unknown';

export class OvhApi {
  readonly client: OvhClient;
  /** Carts this instance has checked out (or tried to, with an unknown outcome). */
  private readonly checkouts = new Map<string, CheckoutState>();

  constructor(options: ClientOptions) {
    this.client = new OvhClient(options);
  }

  get endpoint() {
    return this.client.endpoint;
  }

  private call<T>(method: HttpMethod, route: string, params: RequestParams, schema: AnswerSchema<T>, options?: RequestOptions): Promise<T> {
    return this.client.request(method, route, params, schema, options);
  }

  // ----- auth -------------------------------------------------------------------------------

  /** `GET /auth/time`: OVH's clock, Unix seconds. */
  getTime(): Promise<number> {
    return this.call('GET', '/auth/time', {}, timeSchema);
  }

  /** Offset to OVH's clock (server − local, seconds); fetched once per client. */
  getTimeOffset(): Promise<number> {
    return this.client.ensureTimeOffset();
  }

  /**
   * `POST /auth/credential`: asks OVH for a consumer key with these rights. Needs the application
   * key (sent as X-Ovh-Application); the key works once a person opens `validationUrl` and logs in.
   */
  requestCredential(rules: readonly AccessRule[], redirection?: string): Promise<CredentialRequest> {
    const accessRules = rules.map((r) => ({ method: r.method, path: r.path }));
    return this.call('POST', '/auth/credential', { body: { accessRules, redirection } }, model('CredentialRequestSchema'));
  }

  /** `GET /auth/currentCredential` (signed here: node-ovh would send it unsigned and get 401). */
  getCurrentCredential(): Promise<ApiCredential> {
    return this.client.requestAuthRoute('GET', '/auth/currentCredential', model('ApiCredentialSchema'));
  }

  /** `POST /auth/logout`: revokes the consumer key in use (signed here, same reason). */
  revokeCurrentCredential(): Promise<void> {
    return this.client.requestAuthRoute('POST', '/auth/logout', model('VoidSchema'));
  }

  // ----- account ----------------------------------------------------------------------------

  /** `GET /me`: who the credentials belong to, and their subsidiary (carts must use it). */
  getMe(): Promise<Nichandle> {
    return this.call('GET', '/me', {}, model('NichandleSchema'));
  }

  /** `GET /me/payment/method[?default=&status=&paymentType=]` → payment method ids. */
  getPaymentMethods(query: PaymentMethodQuery = {}): Promise<number[]> {
    return this.call(
      'GET',
      '/me/payment/method',
      { query: { default: query.default, status: query.status, paymentType: query.paymentType } },
      model('IdListSchema'),
    );
  }

  /** `GET /me/payment/method/{paymentMethodId}` */
  getPaymentMethod(paymentMethodId: number): Promise<PaymentMethod> {
    return this.call('GET', '/me/payment/method/{paymentMethodId}', { path: { paymentMethodId } }, model('PaymentMethodSchema'));
  }

  // ----- carts ------------------------------------------------------------------------------

  /** `POST /order/cart` */
  createCart(creation: CartCreation): Promise<Cart> {
    const { ovhSubsidiary, description, expire } = creation;
    return this.call('POST', '/order/cart', { body: { ovhSubsidiary, description, expire } }, model('CartSchema'));
  }

  /** `GET /order/cart[?description=]` → ids of the carts assigned to this account. */
  listCarts(description?: string): Promise<string[]> {
    return this.call('GET', '/order/cart', { query: { description } }, model('CartIdListSchema'));
  }

  /** `GET /order/cart/{cartId}` */
  getCart(cartId: string): Promise<Cart> {
    return this.call('GET', '/order/cart/{cartId}', { path: { cartId } }, model('CartSchema'));
  }

  /** `DELETE /order/cart/{cartId}` */
  deleteCart(cartId: string): Promise<void> {
    return this.call('DELETE', '/order/cart/{cartId}', { path: { cartId } }, model('VoidSchema'));
  }

  /** `POST /order/cart/{cartId}/assign`: ties the cart to this account (required before checkout). */
  assignCart(cartId: string): Promise<void> {
    return this.call('POST', '/order/cart/{cartId}/assign', { path: { cartId } }, model('VoidSchema'));
  }

  // ----- catalogs ---------------------------------------------------------------------------

  /** `GET /order/catalog/formatted/dedicated?ovhSubsidiary=` (BETA). */
  getFormattedDedicatedCatalog(ovhSubsidiary: string): Promise<FormattedDedicatedCatalog> {
    return this.call('GET', '/order/catalog/formatted/dedicated', { query: { ovhSubsidiary } }, model('FormattedDedicatedCatalogSchema'));
  }

  /** `GET /order/catalog/public/{catalogName}?ovhSubsidiary=` (several MB). */
  getPublicCatalog(catalogName: PublicCatalogName, ovhSubsidiary: string): Promise<PublicCatalog> {
    checkCatalog(catalogName);
    return this.call('GET', `/order/catalog/public/${catalogName}`, { query: { ovhSubsidiary } }, model('PublicCatalogSchema', acceptsPublicCatalog));
  }

  // ----- products and options -----------------------------------------------------------------

  /** `GET /order/cart/{cartId}/{product}[?planCode=]`: offers with their durations and pricing modes. */
  getProductOffers(cartId: string, product: CartProduct, planCode?: string): Promise<GenericProductDefinition[]> {
    checkProduct(product);
    return this.call('GET', `/order/cart/{cartId}/${product}`, { path: { cartId }, query: { planCode } }, model('GenericProductDefinitionListSchema'));
  }

  /** `POST /order/cart/{cartId}/{product}`: adds a server to the cart. */
  addProduct(cartId: string, product: CartProduct, creation: ProductCreation): Promise<CartItem> {
    checkProduct(product);
    const { planCode, duration, pricingMode, quantity } = creation;
    return this.call(
      'POST',
      `/order/cart/{cartId}/${product}`,
      { path: { cartId }, body: { planCode, duration, pricingMode, quantity } },
      model('CartItemSchema'),
    );
  }

  /** `GET /order/cart/{cartId}/{product}/options?planCode=`: options (RAM, disks, bandwidth…) of a plan. */
  getProductOptions(cartId: string, product: CartProduct, planCode: string): Promise<GenericOptionDefinition[]> {
    checkProduct(product);
    return this.call('GET', `/order/cart/{cartId}/${product}/options`, { path: { cartId }, query: { planCode } }, model('GenericOptionDefinitionListSchema'));
  }

  /** `POST /order/cart/{cartId}/{product}/options`: adds an option to server item `itemId`. */
  addOption(cartId: string, product: CartProduct, creation: OptionCreation): Promise<CartItem> {
    checkProduct(product);
    const { itemId, planCode, duration, pricingMode, quantity } = creation;
    return this.call(
      'POST',
      `/order/cart/{cartId}/${product}/options`,
      { path: { cartId }, body: { itemId, planCode, duration, pricingMode, quantity } },
      model('CartItemSchema'),
    );
  }

  // ----- items and configuration ----------------------------------------------------------------

  /** `GET /order/cart/{cartId}/item` → item ids. */
  listItems(cartId: string): Promise<number[]> {
    return this.call('GET', '/order/cart/{cartId}/item', { path: { cartId } }, model('IdListSchema'));
  }

  /** `GET /order/cart/{cartId}/item/{itemId}` */
  getItem(cartId: string, itemId: number): Promise<CartItem> {
    return this.call('GET', '/order/cart/{cartId}/item/{itemId}', { path: { cartId, itemId } }, model('CartItemSchema'));
  }

  /** `DELETE /order/cart/{cartId}/item/{itemId}` */
  deleteItem(cartId: string, itemId: number): Promise<void> {
    return this.call('DELETE', '/order/cart/{cartId}/item/{itemId}', { path: { cartId, itemId } }, model('VoidSchema'));
  }

  /** `GET /order/cart/{cartId}/item/{itemId}/requiredConfiguration` */
  getRequiredConfiguration(cartId: string, itemId: number): Promise<ConfigurationRequirement[]> {
    return this.call(
      'GET',
      '/order/cart/{cartId}/item/{itemId}/requiredConfiguration',
      { path: { cartId, itemId } },
      model('ConfigurationRequirementListSchema'),
    );
  }

  /** `GET /order/cart/{cartId}/item/{itemId}/configuration[?label=]` → configuration ids. */
  listConfigurations(cartId: string, itemId: number, label?: string): Promise<number[]> {
    return this.call('GET', '/order/cart/{cartId}/item/{itemId}/configuration', { path: { cartId, itemId }, query: { label } }, model('IdListSchema'));
  }

  /** `GET /order/cart/{cartId}/item/{itemId}/configuration/{configurationId}` */
  getConfiguration(cartId: string, itemId: number, configurationId: number): Promise<ConfigurationItem> {
    return this.call(
      'GET',
      '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
      { path: { cartId, itemId, configurationId } },
      model('ConfigurationItemSchema'),
    );
  }

  /** `POST /order/cart/{cartId}/item/{itemId}/configuration`: OVH accepts any value here; checkout judges. */
  addConfiguration(cartId: string, itemId: number, configuration: ConfigurationCreation): Promise<ConfigurationItem> {
    const { label, value } = configuration;
    return this.call(
      'POST',
      '/order/cart/{cartId}/item/{itemId}/configuration',
      { path: { cartId, itemId }, body: { label, value } },
      model('ConfigurationItemSchema'),
    );
  }

  /** `DELETE /order/cart/{cartId}/item/{itemId}/configuration/{configurationId}` */
  deleteConfiguration(cartId: string, itemId: number, configurationId: number): Promise<void> {
    return this.call(
      'DELETE',
      '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
      { path: { cartId, itemId, configurationId } },
      model('VoidSchema'),
    );
  }

  // ----- checkout -----------------------------------------------------------------------------

  /** `GET /order/cart/{cartId}/summary`: prices of the cart (no authentication needed). */
  getSummary(cartId: string): Promise<Order> {
    return this.call('GET', '/order/cart/{cartId}/summary', { path: { cartId } }, model('OrderSchema'));
  }

  /** `GET /order/cart/{cartId}/checkout`: the quote (detail lines, taxes, contracts); needs an assigned cart. */
  previewCheckout(cartId: string): Promise<Order> {
    return this.call('GET', '/order/cart/{cartId}/checkout', { path: { cartId } }, model('OrderSchema'));
  }

  /**
   * `POST /order/cart/{cartId}/checkout`: places the order. Exactly one POST, never retried; and
   * this instance refuses a second checkout of the same cart unless the first was refused by OVH
   * (a 4xx answer: nothing was ordered). After a timeout or a dropped connection the order may
   * exist: look at the orders (`listOrders`) instead of checking out again.
   */
  async checkout(cartId: string, options: CheckoutOptions): Promise<PlacedOrder> {
    const previous = this.checkouts.get(cartId);
    if (previous) {
      const why =
        previous === 'placed'
          ? 'it was already checked out'
          : previous === 'in-flight'
            ? 'a checkout of it is in progress'
            : 'an earlier checkout attempt ended without a clear answer and may have placed the order';
      throw new CliError(`Not checking out cart ${cartId} again: ${why}.`, {
        code: 'checkout_repeated',
        exitCode: ExitCode.failure,
        hint: 'Look at your recent orders (`ovh-order status`) before ordering again.',
      });
    }
    this.checkouts.set(cartId, 'in-flight');
    const body = {
      autoPayWithPreferredPaymentMethod: options.autoPayWithPreferredPaymentMethod === true,
      waiveRetractationPeriod: options.waiveRetractationPeriod === true,
    };
    try {
      const order = await this.call('POST', '/order/cart/{cartId}/checkout', { path: { cartId }, body }, model('PlacedOrderSchema'), { retry: false });
      this.checkouts.set(cartId, 'placed');
      return order;
    } catch (error) {
      const refused = error instanceof OvhApiError && error.status !== undefined && error.status >= 400 && error.status < 500;
      if (refused || !(error instanceof OvhApiError)) this.checkouts.delete(cartId);
      else this.checkouts.set(cartId, 'unknown');
      throw error;
    }
  }

  // ----- availability -------------------------------------------------------------------------

  /** `GET /dedicated/server/datacenter/availabilities` (public). */
  getAvailabilities(query: AvailabilityQuery = {}): Promise<DatacenterAvailability[]> {
    const { planCode, server, memory, storage, systemStorage, gpu, datacenters, excludeDatacenters } = query;
    return this.call(
      'GET',
      '/dedicated/server/datacenter/availabilities',
      { query: { planCode, server, memory, storage, systemStorage, gpu, datacenters, excludeDatacenters } },
      model('DatacenterAvailabilityListSchema', acceptsAvailabilityList),
    );
  }

  // ----- orders -------------------------------------------------------------------------------

  /** `GET /me/order[?date.from=&date.to=]` → order ids. */
  listOrders(query: OrderListQuery = {}): Promise<number[]> {
    return this.call('GET', '/me/order', { query: { 'date.from': query.dateFrom, 'date.to': query.dateTo } }, model('IdListSchema'));
  }

  /** `GET /me/order/{orderId}` */
  getOrder(orderId: number): Promise<BillingOrder> {
    return this.call('GET', '/me/order/{orderId}', { path: { orderId } }, model('BillingOrderSchema'));
  }

  /** `GET /me/order/{orderId}/status`: `checking` → `delivering` → `delivered` (or `notPaid`, `cancelled`…). */
  getOrderStatus(orderId: number): Promise<OrderStatus> {
    return this.call('GET', '/me/order/{orderId}/status', { path: { orderId } }, model('OrderStatusSchema'));
  }

  /** `GET /me/order/{orderId}/details` → detail ids. */
  listOrderDetails(orderId: number): Promise<number[]> {
    return this.call('GET', '/me/order/{orderId}/details', { path: { orderId } }, model('IdListSchema'));
  }

  /** `GET /me/order/{orderId}/details/{orderDetailId}`; `domain` is the service name once delivered. */
  getOrderDetail(orderId: number, orderDetailId: number): Promise<BillingOrderDetail> {
    return this.call('GET', '/me/order/{orderId}/details/{orderDetailId}', { path: { orderId, orderDetailId } }, model('BillingOrderDetailSchema'));
  }

  /** `GET /me/order/{orderId}/details/{orderDetailId}/extension`: which plan and configuration a line is. */
  getOrderDetailExtension(orderId: number, orderDetailId: number): Promise<OrderDetailExtension> {
    return this.call('GET', '/me/order/{orderId}/details/{orderDetailId}/extension', { path: { orderId, orderDetailId } }, model('OrderDetailExtensionSchema'));
  }

  /** `GET /me/order/{orderId}/followUp` (BETA): the order's steps and their history. */
  getOrderFollowUp(orderId: number): Promise<OrderFollowUpStep[]> {
    return this.call('GET', '/me/order/{orderId}/followUp', { path: { orderId } }, model('OrderFollowUpSchema'));
  }
}
