// Step 8 and 9: the final confirmation (default No, stating the total with tax), payment, the
// withdrawal right, and the one checkout. Declining offers to delete the cart (default yes).
import { moneyFromCartPrice } from '../../../domain/money.js';
import { checkout, quotedTotal } from '../../checkout.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps, WizardState } from '../state.js';
import { cartOf, command, purchaseFactsOf, resumeLine, wait } from '../support.js';

const WITHDRAWAL_RIGHT_TEXT =
  'As a consumer you have a legal withdrawal (retraction) period after ordering, usually 14 days, during which you can ' +
  'cancel and be refunded. Waiving it lets OVHcloud deliver at once, but you give up that right for this order.';

function totalWithTax(state: WizardState, deps: WizardDeps): string {
  return deps.view.money(moneyFromCartPrice(state.preview!.prices.withTax), state.locale);
}

async function decline(deps: WizardDeps, state: WizardState): Promise<WizardState> {
  const session = await cartOf(deps);
  const remove = await deps.prompter.confirm({ id: 'delete-cart', message: `Nothing was ordered. Delete cart ${session.cartId}?`, default: true });
  if (remove) {
    await wait(deps, 'Deleting the cart', () => session.delete());
    deps.output.info(`Nothing was ordered; cart ${session.cartId} was deleted.`);
    return { ...state, outcome: 'declined', cartDeleted: true };
  }
  deps.output.info(`Nothing was ordered. ${resumeLine(session.cartId, deps.sandbox)}`);
  return { ...state, outcome: 'declined', cartDeleted: false };
}

export const checkoutStep: WizardStep = {
  id: 'checkout',
  async run(state, deps) {
    const session = await cartOf(deps);
    const total = totalWithTax(state, deps);
    const facts = purchaseFactsOf(state);
    const message = facts && state.preview ? deps.view.confirmation(state.preview, facts, state.locale) : `Order now for ${total} (tax included)?`;
    const go = await deps.prompter.confirm({ id: 'confirm-order', message, default: false });
    if (!go) return decline(deps, state);
    deps.output.info(deps.view.muted('Without automatic payment, the order is placed unpaid and you pay it from its URL.'));
    const autopay = await deps.prompter.confirm({ id: 'autopay', message: 'Pay it now with your preferred payment method?', default: false });
    let waiveRetraction = false;
    if (deps.flags.waiveRetraction) {
      deps.output.warn(WITHDRAWAL_RIGHT_TEXT);
      waiveRetraction = await deps.prompter.confirm({ id: 'waive-retraction', message: 'Waive your withdrawal period for this order?', default: false });
    }
    // Never raced against Ctrl-C: once posted, the answer is what tells whether something was bought.
    deps.cart.checkoutStarted = true;
    const placed = await deps.output.spin('Placing the order', () =>
      checkout(deps.api, session.cartId, { autopay, waiveRetraction, quote: quotedTotal(state.preview!) }, deps.checkoutHooks, deps.now),
    );
    deps.output.result(
      `\n${deps.view.orderPlaced({ orderId: placed.orderId, cartId: session.cartId, url: placed.url, autopay, total, statusCommand: command(deps, `status ${placed.orderId}`) })}\n`,
    );
    return { ...state, order: placed, outcome: 'ordered' };
  },
};
