// Words and small tables for the wizard's questions and summaries. Pure functions from data to
// strings (colours through the Theme); every line fits an 80-column terminal.
import type { DatacenterDelay } from '../domain/availability.js';
import { billingWords, type BillingChoice } from '../domain/billing.js';
import type { ConfigurationEntry } from '../domain/configuration.js';
import type { Money } from '../domain/money.js';
import type { OfferAddon } from '../domain/offer-model.js';
import type { Order } from '../ovh/models/order.js';
import type { Offer } from '../domain/offer-model.js';
import type { OfferAvailability } from '../domain/availability.js';
import { formatDateTime, formatDuration, formatMoney } from './format.js';
import { offerDescription, offerLine } from './offer-view.js';
import { renderPreview } from './preview-view.js';
import type { PurchaseFacts } from '../domain/purchase.js';
import { confirmationQuestion, renderPurchaseSummary } from './purchase-summary.js';
import { renderPairs } from './table.js';
import { configurationLabelTitle } from '../domain/words.js';
import type { Theme } from './theme.js';
import type { CartSummaryView, OrderPlacedView, WizardView } from './wizard-view-interface.js';

const plain = (s: string) => s;

function m(value: Money, locale: string): string {
  return formatMoney(value.micros, value.currency, locale);
}

/** `Monthly, no commitment     56,99 €/month` (the effective monthly cost, aligned). */
export function billingChoiceName(choice: BillingChoice, locale: string, theme?: Theme): string {
  const monthly = choice.monthlyEquivalent ? `${m(choice.monthlyEquivalent, locale)}/month` : 'price on the quote';
  return `${choice.label.padEnd(36)} ${(theme?.price ?? plain)(monthly)}`;
}

/** `Due now 113,98 € (setup 56,99 € + 1 month) · 12 months: 683,88 €`. */
export function billingChoiceDescription(choice: BillingChoice, locale: string, quantity = 1): string {
  const parts: string[] = [];
  if (choice.dueNow) {
    const setup = choice.setup && choice.setup.micros > 0 ? `setup ${m(choice.setup, locale)} + ` : 'no setup fee + ';
    parts.push(`Due now ${m({ ...choice.dueNow, micros: choice.dueNow.micros * quantity }, locale)} (${setup}${formatDuration(choice.duration)})`);
  }
  if (choice.termTotal && choice.commitmentMonths > choice.months) parts.push(`${choice.commitmentMonths} months: ${m(choice.termTotal, locale)}`);
  if (quantity > 1) parts.push(`for ${quantity} servers`);
  const text = parts.join(' · ') || 'Prices on the quote';
  // On a line of its own: a promotion's name alone can take half of an 80-column line.
  return choice.promotions.length > 0 ? `${text}\nPromotion ${choice.promotions.join(', ')}` : text;
}

/** `+12,00 €/month`, `−5,00 €/month`, `included` (zero difference). */
function priceDelta(delta: Money | null, locale: string, theme?: Theme): string {
  if (!delta) return '';
  if (delta.micros === 0) return (theme?.muted ?? plain)('included');
  const sign = delta.micros > 0 ? '+' : '−';
  return (theme?.price ?? plain)(`${sign}${m({ ...delta, micros: Math.abs(delta.micros) }, locale)}/month`);
}

/** An add-on as a choice line: `64 GB ECC 2133 MHz   +12,00 €/month`. */
function addonChoiceName(addon: Pick<OfferAddon, 'name' | 'planCode'>, delta: Money | null, locale: string, theme?: Theme): string {
  const name = addon.name.length > 50 ? `${addon.name.slice(0, 49)}…` : addon.name;
  return `${name.padEnd(50)} ${priceDelta(delta, locale, theme)}`.trimEnd();
}

/** `gra   Gravelines, France         1 h` — orderable ones coloured, others marked. */
function datacenterChoiceName(code: string, place: string, delay: DatacenterDelay | undefined, theme?: Theme, refused = false): string {
  const stock = delay ? delay.label : 'no stock information';
  const label = refused ? `refused by OVH${delay ? ` (${stock})` : ''}` : stock;
  const coloured = !theme
    ? label
    : refused
      ? theme.error(label)
      : !delay
        ? theme.muted(label)
        : delay.orderable
          ? (delay.hours ?? 0) <= 72
            ? theme.ok(label)
            : theme.warn(label)
          : theme.error(label);
  return `${code.padEnd(6)} ${place.padEnd(32)} ${coloured}`;
}

/** Configuration values set without asking: `Operating system  none_64.en (the only choice)`. */
function renderConfigurationNotes(entries: readonly ConfigurationEntry[], theme?: Theme): string {
  const why: Record<ConfigurationEntry['source'], string> = {
    given: 'given',
    'filled-in': 'the only choice',
    datacenter: 'from --datacenter',
    'region-from-datacenter': 'from the datacenter',
  };
  return renderPairs(
    entries.map((e) => [configurationLabelTitle(e.label), `${e.value} ${(theme?.muted ?? plain)(`(${why[e.source]})`)}`]),
    theme?.muted,
  );
}

/** What a resumed cart holds and what it lacks. */
function renderCartSummary(view: CartSummaryView, theme?: Theme): string {
  const pairs: Array<[string, string]> = [['Cart', view.cartId]];
  if (view.expire) pairs.push(['Expires', formatDateTime(view.expire, view.now)]);
  if (view.server) {
    pairs.push(['Server', `${view.server.name ? `${view.server.name} ` : ''}(${view.server.planCode}) × ${view.server.quantity}`]);
    if (view.server.pricingMode && view.server.duration) pairs.push(['Billing', billingWords(view.server.pricingMode, view.server.duration)]);
  } else pairs.push(['Server', 'none yet']);
  // One option a line: a list of plan codes on one line passes 80 columns.
  view.options.forEach((code, i) => pairs.push([i === 0 ? 'Options' : '', code]));
  for (const [label, value] of Object.entries(view.configured)) pairs.push([configurationLabelTitle(label), value]);
  pairs.push(['Missing', view.missing.length > 0 ? (theme?.warn ?? plain)(view.missing.join('; ')) : 'nothing: ready for the price preview']);
  return renderPairs(pairs, theme?.muted);
}

export function renderOrderPlaced(view: OrderPlacedView, theme?: Theme): string {
  const lines = [
    `${(theme?.ok ?? plain)('Order placed.')}`,
    renderPairs(
      [
        ['Order', String(view.orderId)],
        ...(view.cartId ? [['Cart', view.cartId] as [string, string]] : []),
        ['Total', view.total],
        ['Payment', view.autopay ? 'paid with your preferred payment method' : 'not paid yet: pay it at the URL below'],
        ['URL', view.url],
        ['Next', view.statusCommand],
      ],
      theme?.muted,
    ),
  ];
  return lines.join('\n');
}

/**
 * Everything the wizard shows, bound to one theme. The wizard's steps receive this object (in
 * their deps) and never import a renderer: flows ask and tell, ui decides how it looks.
 */
export function createWizardView(theme: Theme): WizardView {
  return {
    muted: (text: string) => theme.muted(text),
    money: (value: Money, locale: string) => m(value, locale),
    offerLine: (offer: Offer, availability: OfferAvailability | undefined, locale: string) => offerLine(offer, availability, { locale, theme }),
    offerDescription: (offer: Offer, availability: OfferAvailability | undefined, locale: string) => offerDescription(offer, availability, { locale, theme }),
    billingChoiceName: (choice: BillingChoice, locale: string) => billingChoiceName(choice, locale, theme),
    billingChoiceDescription: (choice: BillingChoice, locale: string) => billingChoiceDescription(choice, locale),
    addonChoiceName: (addon: Pick<OfferAddon, 'name' | 'planCode'>, delta: Money | null, locale: string) => addonChoiceName(addon, delta, locale, theme),
    datacenterChoiceName: (code: string, place: string, delay: DatacenterDelay | undefined, refused = false) =>
      datacenterChoiceName(code, place, delay, theme, refused),
    configurationNotes: (entries: readonly ConfigurationEntry[]) => renderConfigurationNotes(entries, theme),
    cartSummary: (view: CartSummaryView) => renderCartSummary(view, theme),
    orderPlaced: (view: OrderPlacedView) => renderOrderPlaced(view, theme),
    preview: (order: Order, locale: string, duration: string, facts?: PurchaseFacts) =>
      renderPreview(order, {
        locale,
        theme,
        period: formatDuration(duration),
        ...(facts ? { summary: renderPurchaseSummary(order, facts, { locale, theme }) } : {}),
      }),
    confirmation: (order: Order, facts: PurchaseFacts, locale: string) => confirmationQuestion(order, facts, locale),
  };
}
