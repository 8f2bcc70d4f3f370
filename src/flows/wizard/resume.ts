// `--cart ID`: read an existing cart, show what it holds, and pre-fill the wizard so it continues at
// the first missing step. Nothing already in the cart is posted again.
import { UsageError } from '../../domain/errors.js';
import { findBillingChoice } from '../../domain/billing.js';
import { rangeOfCartProduct } from '../../domain/offer-model.js';
import { localeOfSubsidiary, subsidiaryInfo } from '../../domain/subsidiaries.js';
import { BACK } from '../../ui/prompter.js';
import { CartSession, describeMissing, inspectCart } from '../cart-builder.js';
import type { ChosenOption, WizardDeps, WizardState } from './state.js';
import { knownSubsidiary } from './steps/subsidiary.js';
import { loadRange, wait } from './support.js';

async function subsidiaryForResume(deps: WizardDeps): Promise<string> {
  const known = await knownSubsidiary(deps);
  if (known) return known;
  // A cart does not say its subsidiary; prices and the catalog need it.
  const answer = await deps.prompter.select<string>({
    id: 'subsidiary',
    message: 'Which OVH subsidiary was this cart created for?',
    choices: deps.endpoint.subsidiaries.map((code) => ({ value: code, name: `${code.padEnd(5)} ${subsidiaryInfo(code)?.name ?? ''}`.trimEnd(), short: code })),
    default: deps.endpoint.subsidiaries[0],
  });
  if (answer === BACK) throw new UsageError('A subsidiary is needed to resume a cart.', { code: 'missing_input', hint: 'Give it with --subsidiary.' });
  return answer;
}

export async function resumeCart(deps: WizardDeps, cartId: string, initial: WizardState): Promise<WizardState> {
  const session = await wait(deps, `Reading cart ${cartId}`, () => CartSession.open(deps.api, cartId));
  const inspection = await wait(deps, `Reading cart ${cartId}`, () => inspectCart(session));
  const subsidiary = await subsidiaryForResume(deps);
  deps.cart.session = session;
  deps.cart.subsidiary = subsidiary;
  const locale = localeOfSubsidiary(subsidiary);

  const server = inspection.server;
  let state: WizardState = { ...initial, subsidiary, locale };
  if (!server) {
    deps.output.info(
      deps.view.cartSummary({
        cartId,
        expire: session.cart.expire,
        now: deps.now(),
        server: null,
        options: [],
        configured: {},
        missing: describeMissing(inspection.missing),
      }),
    );
    return state;
  }

  const range = rangeOfCartProduct(server.product);
  if (deps.flags.range && deps.flags.range !== range) {
    throw new UsageError(`Cart ${cartId} holds a ${range} server, not ${deps.flags.range}.`, {
      code: 'cart_range_mismatch',
      hint: `Drop --range, or use --range ${range}.`,
    });
  }
  const offers = await loadRange(deps, range, subsidiary);
  const offer = offers.offers.find((o) => o.planCode === server.planCode);
  if (!offer) {
    throw new UsageError(`Cart ${cartId} holds plan ${server.planCode}, which the ${range} catalog for ${subsidiary} does not sell.`, {
      code: 'cart_plan_unknown',
      hint: 'Check --subsidiary (a cart does not record it), or start afresh with `ovh-order wizard`.',
    });
  }
  const choices = await wait(deps, 'Reading the billing choices', () => session.billingChoices(server.product, server.planCode, offer));
  const billing = server.pricingMode ? findBillingChoice(choices, server.pricingMode, server.duration ?? undefined) : undefined;
  // Recorded even when its billing is unknown: the billing step then replaces the item instead of adding a second server.
  deps.cart.server = {
    itemId: server.itemId,
    planCode: server.planCode,
    duration: billing?.duration ?? server.duration ?? '',
    pricingMode: server.pricingMode ?? '',
    quantity: server.quantity,
  };
  deps.cart.options = new Map(inspection.contents.options.filter((o) => o.settings.planCode).map((o) => [o.settings.planCode!, o.itemId]));

  const familyOf = new Map(inspection.optionDefinitions.map((d) => [d.planCode, d.family]));
  const options: ChosenOption[] = inspection.optionCodes.map((planCode) => ({ planCode, family: familyOf.get(planCode) ?? 'other' }));
  const optionsComplete = !inspection.missing.some((m) => m.kind === 'option-family');

  deps.output.info(
    deps.view.cartSummary({
      cartId,
      expire: session.cart.expire,
      now: deps.now(),
      server: { planCode: server.planCode, name: offer.name, duration: server.duration, pricingMode: server.pricingMode, quantity: server.quantity },
      options: inspection.optionCodes,
      configured: inspection.configured,
      missing: describeMissing(inspection.missing),
    }),
  );
  state = {
    ...state,
    range,
    offers,
    offer,
    billing,
    quantity: server.quantity,
    options: billing ? options : undefined,
    givenConfiguration: { ...inspection.configured },
    resumed: { range: true, offer: true, billing: billing !== undefined, options: billing !== undefined && optionsComplete },
  };
  return state;
}
