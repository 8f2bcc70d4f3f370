// `ovh-order order`: the unattended order, from flags or a spec file. Every value is checked before
// anything is posted — first against the catalog and the stock (before a cart exists), then against
// what only the cart knows (its own prices, the item's required configuration) before the values
// are posted and long before checkout. A failure after the cart exists deletes it (unless
// --keep-cart) and exits 2; checkout is reached only with a complete, previewed cart and a yes.
import type { OvhApi } from '../ovh/api.js';
import type { Order } from '../ovh/models/order.js';
import { OvhApiError } from '../ovh/errors.js';
import { CliError, ExitCode, UsageError, InterruptedError, OutputClosedError } from '../domain/errors.js';
import { hardwareFromOptions, offerAvailability } from '../domain/availability.js';
import { billingChoicesFromOffer, billingWishFlags, choiceForWish, findBillingChoice } from '../domain/billing.js';
import { assertConfigurationPlan, planConfiguration, type ConfigurationEntry } from '../domain/configuration.js';
import { isIsoDuration, monthsOfDuration } from '../domain/durations.js';
import { compareMoney, moneyFromCartPrice, moneyFromUnits } from '../domain/money.js';
import { assertOptionSelection, optionFamiliesFromCart, resolveOptions, type SelectedOption } from '../domain/options.js';
import {
  OrderSpecSchema,
  assertSpecValid,
  completeSpec,
  mergeSpecWithFlags,
  parseOrderSpec,
  validateSpecAgainstOffer,
  type OrderSpec,
  type OrderSpecFlags,
  type PartialOrderSpec,
} from '../domain/order-spec.js';
import { validateSubsidiary } from '../domain/subsidiaries.js';
import type { Output } from '../ui/output.js';
import type { Prompter } from '../ui/prompter.js';
import { CartSession, type CartApi } from './cart-builder.js';
import { checkout, quotedTotal, type CheckoutHooks, type PlacedOrderResult } from './checkout.js';
import { CheckoutOutcomeError, nothingWasOrdered } from './checkout-recovery.js';
import { loadOfferByPlan, type CatalogApi, type CatalogCache, type FoundOffer } from './offers-loader.js';
import type { StockedOffer } from '../domain/stocked-offers.js';
import type { Offer } from '../domain/offer-model.js';
import { raceInterrupt } from './interruptible.js';
import { capitalised, configurationLabelWords, optionFamilyWords } from '../domain/words.js';

type OrderApi = CatalogApi & CartApi & Pick<OvhApi, 'checkout' | 'getMe' | 'getPaymentMethods' | 'getPaymentMethod'>;

/** The `order` command's behaviour flags (the spec's own fields come as OrderSpecFlags). */
interface OrderBehaviour {
  dryRun: boolean;
  yes: boolean;
  autopay: boolean;
  waiveRetraction: boolean;
  /** Refuse to check out when the preview's total without tax is above this amount (currency units). */
  maxPrice?: number;
  keepCart: boolean;
}

export interface OrderInput {
  /** The spec file's document (parsed JSON), when `--spec` was given. */
  specDocument?: unknown;
  /** Where the spec came from, for messages (`spec file rise.json`). */
  specSource?: string;
  flags: OrderSpecFlags;
  behaviour: OrderBehaviour;
}

/** What the flow tells the person as it goes; the action renders these with src/ui. */
export interface OrderPresenter {
  /** The price preview and what is bought, on stdout (not called under --json). */
  preview(order: Order, spec: OrderSpec, offer: Offer): void;
  /** The final question: what, where, which commitment, for how much. */
  question(order: Order, spec: OrderSpec, offer: Offer): string;
  /** The order placed (not called under --json). */
  placed(result: PlacedOrderResult, preview: Order, autopay: boolean): void;
  /** The confirmation question's total with tax, e.g. `179,98 €`. */
  total(order: Order): string;
  /** Money in the subsidiary's locale (messages). */
  money: MoneyText;
}

export interface OrderDeps {
  api: OrderApi;
  output: Output;
  presenter: OrderPresenter;
  /** A Prompter when a person can answer (terminal, no --json); undefined otherwise. */
  prompter?: () => Promise<Prompter>;
  signal: AbortSignal;
  now: () => Date;
  /** Subsidiaries the endpoint serves. */
  endpointSubsidiaries: readonly string[];
  /** The stored (or sandbox) account subsidiary, used when neither flags nor spec give one. */
  defaultSubsidiary?: string;
  cache?: CatalogCache;
  /** Cache key part naming the API. */
  endpointKey?: string;
  json: boolean;
  /**
   * Journal seam (safety issue): called with the complete spec before any cart exists — it may
   * refuse (an unresolved earlier checkout of the same thing) — and its hooks wrap the one checkout.
   */
  checkoutHooks?: (spec: OrderSpec) => CheckoutHooks | Promise<CheckoutHooks>;
  /** `ovh-order …` with `--sandbox` when relevant, for hints. */
  command(args: string): string;
  /** Starts measuring the clock offset (signed calls need it), so it overlaps the catalog instead of following it. */
  prefetchClock?: () => void;
}

export interface OrderReport {
  cartId: string | null;
  /** The complete spec that was (or would be) ordered. */
  spec: OrderSpec;
  /** Options added: those given, and the defaults picked for mandatory families left out. */
  options: Array<{ planCode: string; family: string; source: SelectedOption['source'] }>;
  /** Configuration values set: given, filled in (only one allowed), or derived from the datacenter. */
  configuration: ConfigurationEntry[];
  preview: Order | null;
  order: PlacedOrderResult['order'] | null;
  dryRun: boolean;
  /** false when the cart was kept (--keep-cart, or an order placed: a checked-out cart stays). */
  cartDeleted: boolean;
  /** `ordered`, `dry-run` or `declined` (a deliberate no at the prompt). */
  outcome: 'ordered' | 'dry-run' | 'declined';
}

// ---------------------------------------------------------------------------------------------
// The spec: file + flags, before any cart
// ---------------------------------------------------------------------------------------------

/** Spec file fields are checked on their own first, so a typo is named as such, not as a missing flag. */
function checkSpecDocument(document: unknown, source: string): PartialOrderSpec {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new UsageError(`${source} must hold a JSON object.`, { code: 'invalid_spec', hint: 'Write one with `ovh-order wizard --save <file>`.' });
  }
  const partial = OrderSpecSchema.partial().safeParse(document);
  if (!partial.success) parseOrderSpec(document, source); // throws, naming each wrong field
  return partial.success ? partial.data : {};
}

async function resolveSubsidiary(deps: OrderDeps, merged: PartialOrderSpec): Promise<string> {
  let subsidiary = merged.subsidiary ?? deps.defaultSubsidiary;
  if (!subsidiary) {
    const me = await wait(deps, 'Reading your account', () => deps.api.getMe());
    subsidiary = me.ovhSubsidiary;
  }
  return validateSubsidiary(subsidiary, deps.endpointSubsidiaries);
}

function wait<T>(deps: Pick<OrderDeps, 'output' | 'signal'>, label: string, work: () => Promise<T>): Promise<T> {
  return deps.output.spin(label, () => raceInterrupt(work(), deps.signal));
}

/** Spec file + flags + account defaults → a complete spec, checked against the catalog and the stock. */
async function prepareSpec(deps: OrderDeps, input: OrderInput): Promise<{ spec: OrderSpec; offer: StockedOffer }> {
  const source = input.specSource ?? 'The order';
  const fromFile = input.specDocument === undefined ? undefined : checkSpecDocument(input.specDocument, source);
  const merged = mergeSpecWithFlags(fromFile, input.flags);
  if (merged.duration !== undefined && !isIsoDuration(merged.duration)) {
    throw new UsageError(`Duration "${merged.duration}" is not an ISO 8601 duration.`, {
      code: 'invalid_duration',
      hint: 'Write it like P1M (one month), P12M or P1Y (a year), P24M or P2Y.',
    });
  }
  merged.subsidiary = await resolveSubsidiary(deps, merged);
  // Only now: a subsidiary this endpoint does not serve is refused before any call, the clock's included; then
  // the clock is measured beside the catalog, not after it (issue #15).
  deps.prefetchClock?.();

  const lookup = { subsidiary: merged.subsidiary, cache: deps.cache, endpoint: deps.endpointKey, now: deps.now };
  // Without --range the plan is looked for in every range (and the range said).
  let found: FoundOffer | undefined;
  if (merged.range === undefined && merged.planCode !== undefined) {
    found = await wait(deps, `Looking for plan ${merged.planCode}`, () => loadOfferByPlan(deps.api, { ...lookup, planCode: merged.planCode! }));
    merged.range = found.offer.range;
    deps.output.info(`Plan ${merged.planCode} is in the ${merged.range} range.`);
  }
  const spec = completeSpec(merged, source);
  const { offer, loaded } =
    found ??
    (await wait(deps, `Reading the ${spec.range} catalog and stock`, () =>
      loadOfferByPlan(deps.api, { ...lookup, planCode: spec.planCode, range: spec.range }),
    ));
  applyBillingFlags(spec, offer, input.flags);
  const availability = offerAvailability(offer, loaded.availabilities, hardwareFromOptions(offer, spec.options));
  assertSpecValid(validateSpecAgainstOffer(spec, offer, undefined, undefined, { offers: loaded.offers, availability }), source);
  return { spec, offer };
}

/** The plan's billing choices as the human flags that ask for each: `no flag (monthly), --commitment 12, …`. */
function billingFlagsAllowed(offer: Offer): string {
  return billingChoicesFromOffer(offer).map(billingWishFlags).join(', ');
}

/**
 * `--commitment N` / `--upfront` become the pricing mode and duration of the plan's matching choice
 * (the catalog's, which the cart offers too). A long `--duration` with the monthly mode is what a
 * person writes for a commitment: say which flag does it rather than list API modes alone.
 */
function applyBillingFlags(spec: OrderSpec, offer: Offer, flags: OrderSpecFlags): void {
  if (flags.commitment === undefined && !flags.upfront) {
    // `--duration P12M` alone: a person asking for a 12-month commitment the plan does offer.
    const months = monthsOfDuration(spec.duration) ?? 1;
    const meantCommitment = months > 1 && billingChoicesFromOffer(offer).some((c) => c.commitmentMonths === months);
    if (flags.duration !== undefined && flags.pricingMode === undefined && spec.pricingMode === 'default' && meantCommitment) {
      throw new UsageError(`--duration ${flags.duration} alone is the monthly mode with a ${months}-month period, which ${offer.planCode} is not sold as.`, {
        code: 'invalid_billing',
        hint: `For a commitment say --commitment N (paid monthly) or --commitment N --upfront; ${offer.planCode} allows: ${billingFlagsAllowed(offer)}.`,
      });
    }
    return;
  }
  const wish = { commitmentMonths: flags.commitment, upfront: flags.upfront === true };
  const choice = choiceForWish(billingChoicesFromOffer(offer), wish);
  if (!choice) {
    const problem =
      wish.commitmentMonths === undefined
        ? '--upfront alone does not say for how long (add --commitment).'
        : `${offer.planCode} is not sold with --commitment ${wish.commitmentMonths}${wish.upfront ? ' --upfront' : ''}.`;
    throw new UsageError(`${problem} Allowed: ${billingFlagsAllowed(offer)}.`, { code: 'invalid_billing' });
  }
  spec.pricingMode = choice.pricingMode;
  spec.duration = choice.duration;
}

// ---------------------------------------------------------------------------------------------
// Payment method (before any cart, when --autopay)
// ---------------------------------------------------------------------------------------------

export async function checkPaymentMethod(deps: Pick<OrderDeps, 'api' | 'output' | 'signal'>): Promise<void> {
  const ids = await wait(deps, 'Checking your default payment method', () => deps.api.getPaymentMethods({ default: true }));
  const id = ids[0];
  const method = id === undefined ? undefined : await wait(deps, 'Checking your default payment method', () => deps.api.getPaymentMethod(id));
  if (!method || method.status !== 'VALID') {
    throw new CliError(
      method
        ? `Your default payment method (${method.paymentType}) is ${method.status.toLowerCase()}, so --autopay cannot pay the order.`
        : 'Your account has no default payment method, so --autopay cannot pay the order.',
      {
        code: 'payment_method_invalid',
        exitCode: ExitCode.failure,
        hint: 'Register a valid payment method in the OVHcloud control panel, or order without --autopay and pay at the order URL.',
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The cart
// ---------------------------------------------------------------------------------------------

interface BuiltCart {
  options: SelectedOption[];
  configuration: ConfigurationEntry[];
  preview: Order;
}

function sourceWords(source: SelectedOption['source']): string {
  return source === 'default' ? 'the catalog default' : source === 'cheapest' ? 'the cheapest' : 'the only choice';
}

/**
 * Fills a cart up to the quote: the server, its options, its configuration, assigned. `watch` keeps
 * carts filled this way ready, so that only the quote and the checkout are left when stock appears.
 */
export async function fillCart(
  deps: Pick<OrderDeps, 'output' | 'signal'>,
  session: CartSession,
  spec: OrderSpec,
  offer: Offer,
  source: string,
): Promise<Omit<BuiltCart, 'preview'>> {
  const product = offer.product;
  // The cart's offer, its options and the assign need only the cart: one round trip for the three
  // (issue #7). Errors keep the order of the steps (offer, then options, then assign).
  // The item goes with the catalog's duration for the mode (the spec was checked against the catalog
  // before any cart): posted at once, beside the cart's own offer (checked when it answers), the
  // options and the assign, so the product is not read before the item is posted (issue #15).
  const fromCatalog = findBillingChoice(billingChoicesFromOffer(offer), spec.pricingMode, spec.duration);
  const creationWith = (duration: string) => ({ planCode: spec.planCode, duration, pricingMode: spec.pricingMode, quantity: spec.quantity });
  const [billing, definitions, posted] = await wait(deps, `Adding ${spec.planCode} to the cart`, async () => {
    const [offerRead, optionsRead, itemAdded, assigned] = await Promise.allSettled([
      session.billingChoices(product, spec.planCode, offer),
      session.optionDefinitions(product, spec.planCode),
      fromCatalog ? session.addServer(product, creationWith(fromCatalog.duration)) : Promise.resolve(undefined),
      session.assign(),
    ]);
    return [settled(offerRead), settled(optionsRead), itemAdded, settled(assigned)] as const;
  });
  // Checks with the cart's own prices (the add-item call accepts exactly these).
  assertSpecValid(validateSpecAgainstOffer(spec, offer, billing), source);
  const choice = findBillingChoice(billing, spec.pricingMode, spec.duration)!;
  const creation = creationWith(choice.duration);

  const families = optionFamiliesFromCart(definitions, offer);
  const options = assertOptionSelection(resolveOptions(families, spec.options, { pricingMode: spec.pricingMode, duration: choice.duration }), spec.planCode);
  for (const option of options) {
    if (option.source !== 'chosen')
      deps.output.info(
        `${capitalised(optionFamilyWords(option.family))}: ${option.addon?.name ?? option.planCode} (${sourceWords(option.source)}; choose another with --option).`,
      );
  }

  // The catalog's spelling of the duration was not the cart's (or the catalog had none): post it as the cart says.
  const early = posted.status === 'fulfilled' ? posted.value : undefined;
  if (posted.status === 'rejected' && fromCatalog?.duration === choice.duration) throw posted.reason;
  if (early && early.duration !== null && early.duration !== choice.duration) await session.removeItem(early.itemId);
  const item =
    early && (early.duration === null || early.duration === choice.duration)
      ? early
      : await wait(deps, `Adding ${spec.planCode} to the cart`, () => session.addServer(product, creation));
  // The labels the catalog vouches for (its configurations: name, mandatory, values) are posted
  // beside the options and the read of the item's own requirements, not after it (issue #15): only
  // when every given label is one the catalog knows and its plan is complete. A label only the cart
  // can check means nothing is posted before the requirements are read.
  const configurationInput = { values: spec.configuration, datacenter: spec.datacenter, ...(spec.os !== undefined ? { os: spec.os } : {}) };
  const catalogPlan =
    offer.configurations.length > 0
      ? planConfiguration(
          offer.configurations.map((c) => ({ label: c.name, required: c.mandatory, type: 'String', allowedValues: c.values })),
          configurationInput,
        )
      : undefined;
  const catalogEntries = catalogPlan && catalogPlan.problems.length === 0 && catalogPlan.missing.length === 0 ? catalogPlan.entries : undefined;
  const [requirements, preconfigured] = await wait(deps, 'Adding the options', async () => {
    // Options go with the server's duration, pricing mode and quantity. The item's requirements do
    // not depend on its options: read them meanwhile.
    const [added, required, configured] = await Promise.allSettled([
      session.addOptions(
        product,
        item.itemId,
        options.map((o) => ({ planCode: o.planCode, duration: choice.duration, pricingMode: spec.pricingMode, quantity: spec.quantity })),
      ),
      session.requiredConfiguration(item.itemId),
      catalogEntries ? session.configure(item.itemId, catalogEntries) : Promise.resolve(undefined),
    ]);
    settled(added);
    return [settled(required), configured] as const;
  });
  // The item's own requirements know every label and its allowed values: check before posting any
  // other (values already set from the catalog are not posted again).
  assertSpecValid(validateSpecAgainstOffer(spec, offer, billing, requirements), source);
  const configuration = assertConfigurationPlan(
    planConfiguration(requirements, { values: spec.configuration, datacenter: spec.datacenter, ...(spec.os !== undefined ? { os: spec.os } : {}) }),
  );
  // A configuration write that failed may have taken effect: never posted again (the cart is dropped).
  if (preconfigured.status === 'rejected') throw preconfigured.reason;
  for (const entry of configuration) {
    const name = capitalised(configurationLabelWords(entry.label));
    if (entry.source === 'filled-in') deps.output.info(`${name}: ${entry.value} (the only one offered).`);
    if (entry.source === 'region-from-datacenter') deps.output.info(`${name}: ${entry.value} (from datacenter ${spec.datacenter}).`);
  }
  await wait(deps, 'Setting the configuration', () => session.configure(item.itemId, configuration));
  await wait(deps, 'Assigning the cart to your account', () => session.assign());
  return { options, configuration };
}

async function buildCart(deps: OrderDeps, session: CartSession, spec: OrderSpec, offer: StockedOffer, source: string): Promise<BuiltCart> {
  const filled = await fillCart(deps, session, spec, offer, source);
  const preview = await wait(deps, 'Getting the price preview', () => session.preview());
  return { ...filled, preview };
}

/** The value of a settled promise, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

type MoneyText = (m: { micros: number; currency: string }) => string;

/** Refuses (exit 2) when the preview's total without tax is above `maxPrice` (currency units). */
function checkMaxPrice(preview: Order, maxPrice: number | undefined, money: MoneyText): void {
  if (maxPrice === undefined) return;
  const withoutTax = moneyFromCartPrice(preview.prices.withoutTax);
  const limit = moneyFromUnits(maxPrice, withoutTax.currency);
  if (compareMoney(withoutTax, limit) > 0) {
    throw new UsageError(`The total without tax, ${money(withoutTax)}, is above --max-price ${money(limit)}: nothing was ordered.`, {
      code: 'over_max_price',
      hint: 'Raise --max-price, or choose a cheaper configuration (see `ovh-order catalog`).',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The whole job
// ---------------------------------------------------------------------------------------------

export async function orderUnattended(deps: OrderDeps, input: OrderInput): Promise<OrderReport> {
  const behaviour = input.behaviour;
  const source = input.specSource ?? 'The order';
  const { spec, offer } = await prepareSpec(deps, input);
  const hooks = deps.checkoutHooks ? await deps.checkoutHooks(spec) : {};
  if (behaviour.autopay && !behaviour.dryRun) await checkPaymentMethod(deps);
  if (behaviour.waiveRetraction && !behaviour.dryRun) {
    deps.output.warn(
      '--waive-retraction: you give up the legal withdrawal period for this order (OVHcloud may deliver at once, without the right to cancel and be refunded).',
    );
  }

  const session = await wait(deps, 'Creating a cart', () => CartSession.create(deps.api, { subsidiary: spec.subsidiary, now: deps.now() }));
  const cartId = session.cartId;
  const report: OrderReport = {
    cartId,
    spec,
    options: [],
    configuration: [],
    preview: null,
    order: null,
    dryRun: behaviour.dryRun,
    cartDeleted: false,
    outcome: 'dry-run',
  };

  /** Deletes the cart unless --keep-cart; says what happened to it. Never throws. */
  const dropCart = async (why: string): Promise<void> => {
    if (behaviour.keepCart) {
      deps.output.info(`${why} Cart ${cartId} is kept (--keep-cart): see it with \`${deps.command(`cart show ${cartId}`)}\`.`);
      return;
    }
    try {
      await session.delete();
      report.cartDeleted = true;
      deps.output.info(`${why} Cart ${cartId} was deleted.`);
    } catch (error) {
      deps.output.warn(
        `${why} Cart ${cartId} could not be deleted (${error instanceof Error ? error.message : String(error)}); delete it with \`${deps.command(`cart delete ${cartId}`)}\`.`,
      );
    }
  };

  // Ctrl-C before the checkout is posted means stop now: no more round trips (deleting the cart
  // would be one), so the cart is kept and named with what to do with it.
  // A closed output (EPIPE) stops the same way but is a failure: the cart is deleted.
  const stopBeforeCheckout = async (): Promise<never> => {
    const reason: unknown = deps.signal?.reason;
    if (reason instanceof OutputClosedError) {
      await dropCart('Nothing was ordered.');
      throw reason;
    }
    throw new InterruptedError(`Interrupted: nothing was ordered. Cart ${cartId} is kept.`, {
      hint: `Resume it with \`${deps.command(`wizard --cart ${cartId}`)}\` or delete it with \`${deps.command(`cart delete ${cartId}`)}\`; or run the same command again to start over.`,
    });
  };

  let built: BuiltCart;
  try {
    built = await buildCart(deps, session, spec, offer, source);
  } catch (error) {
    if (error instanceof InterruptedError) await stopBeforeCheckout();
    await dropCart('Nothing was ordered.');
    throw error;
  }
  report.options = built.options.map((o) => ({ planCode: o.planCode, family: o.family, source: o.source }));
  report.configuration = built.configuration;
  report.preview = built.preview;
  if (!deps.json) deps.presenter.preview(built.preview, spec, offer);

  try {
    checkMaxPrice(built.preview, behaviour.maxPrice, deps.presenter.money);
  } catch (error) {
    await dropCart('Nothing was ordered.');
    throw error;
  }

  if (behaviour.dryRun) {
    await dropCart('Dry run: nothing was ordered.');
    report.outcome = 'dry-run';
    return report;
  }

  if (!behaviour.yes) {
    if (!deps.prompter) {
      await dropCart('Nothing was ordered.');
      throw new UsageError('Not ordering without --yes: there is no terminal to ask for a confirmation.', {
        code: 'confirmation_required',
        hint: deps.json
          ? 'See the price with --dry-run, then run the same command with --yes to order.'
          : 'Check the price preview above, then run the same command with --yes to order (or --dry-run to only see the price).',
      });
    }
    const prompter = await deps.prompter();
    const go = await prompter
      .confirm({ id: 'confirm-order', message: deps.presenter.question(built.preview, spec, offer), default: false })
      .catch((error: unknown) => {
        if (error instanceof InterruptedError) return stopBeforeCheckout();
        throw error;
      });
    if (!go) {
      await dropCart('Nothing was ordered.');
      report.outcome = 'declined';
      return report;
    }
  }

  // A pipe closed while the preview was written reports it on the next tick: heard before the
  // checkout, so the checkout hook refuses to post (signal aborted) and the cart is deleted.
  await new Promise((resolve) => setImmediate(resolve));
  if (deps.signal?.aborted) await stopBeforeCheckout();
  let placed: PlacedOrderResult;
  try {
    // Never raced against Ctrl-C: once posted, only the answer tells whether something was bought.
    placed = await deps.output.spin('Placing the order', () =>
      checkout(
        deps.api,
        cartId,
        { autopay: behaviour.autopay, waiveRetraction: behaviour.waiveRetraction, quote: quotedTotal(built.preview) },
        hooks,
        deps.now,
      ),
    );
  } catch (error) {
    // A refusal (4xx, the journal's, or a lost answer looked up as "cart still open") bought nothing; any other failure may have placed the order: keep the cart.
    if (nothingWasOrdered(error)) {
      if (error instanceof InterruptedError) await stopBeforeCheckout();
      await dropCart(error instanceof OvhApiError ? 'OVH refused the order; nothing was ordered.' : 'Nothing was ordered.');
    } else if (!(error instanceof CheckoutOutcomeError)) {
      deps.output.warn(`The order may or may not have been placed. Cart ${cartId} is kept; check your orders before trying again.`);
    }
    throw error;
  }
  report.order = placed.order;
  report.outcome = 'ordered';
  if (!deps.json) deps.presenter.placed(placed, built.preview, behaviour.autopay);
  return report;
}
