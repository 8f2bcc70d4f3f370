// Carts for a person: `cart show` (header, the items as a tree with billing and prices, the
// configuration, what checkout still lacks, the price preview), `cart list`, and what `cart delete`
// and `cart prune` did. Every table fits 80 columns.
import type { CartItemReport, CartReport, CartSummary, DeleteOutcome, MissingPart, PruneReport } from '../domain/cart-report.js';
import { configurationLabelWords, optionFamilyWords, utcMinuteText } from '../domain/words.js';
import { moneyFromCartPrice } from '../domain/money.js';
import { listAllowed } from '../domain/errors.js';
import type { CartPrice } from '../ovh/models/cart.js';
import { formatDuration, formatMoney, formatRelative } from './format.js';
import { renderPreview } from './preview-view.js';
import { renderPurchaseSummary } from './purchase-summary.js';
import { billingWords } from '../domain/billing.js';
import { purchaseFactsOfCart } from '../domain/purchase.js';
import { renderPairs, renderTable, wrapLines } from './table.js';
import type { Theme } from './theme.js';

export interface CartViewOptions {
  locale: string;
  now: Date;
  theme?: Theme;
  /** false when stdout is not a terminal: nothing is cut or wrapped. */
  cut?: boolean;
  /** The account's subsidiary, when known: the purchase summary warns about a datacenter on another continent. */
  subsidiary?: string;
  /** The server's invoice name, when the catalog cache knows it (else the summary names the plan code). */
  serverName?: string;
}

const plain = (s: string) => s;

/** `2026-05-02 12:00 UTC (in 3 h)`, `… (expired 2 h ago)`, `never`. */
function expiryText(expire: string | null, now: Date): string {
  if (!expire) return 'never';
  const date = new Date(expire);
  if (Number.isNaN(date.getTime())) return expire;
  const when = utcMinuteText(date);
  const relative = formatRelative(date, now);
  return date.getTime() <= now.getTime() ? `${when} (expired ${relative})` : `${when} (${relative})`;
}

/** `12-month commitment, paid monthly`: the item's billing in words (the API's mode and duration stay in --json); `—` when it has none. */
function billingText(duration: string | null, pricingMode: string | null): string {
  if (duration && pricingMode) return billingWords(pricingMode, duration);
  return duration ?? pricingMode ?? '—';
}

/** The item's price for its quantity (`TOTAL`), else its unit price (`PRICE`), else the first one. */
function itemPrice(prices: readonly CartPrice[], locale: string): string {
  const chosen = prices.find((p) => p.label === 'TOTAL') ?? prices.find((p) => p.label === 'PRICE') ?? prices[0];
  if (!chosen) return '—';
  const m = moneyFromCartPrice(chosen.price);
  return formatMoney(m.micros, m.currency, locale);
}

function itemRows(item: CartItemReport, depth: number, parent: CartItemReport | null, locale: string, rows: string[][]): void {
  const label = `${depth > 0 ? `${'  '.repeat(depth - 1)}└ ` : ''}${item.planCode ?? `item ${item.itemId}`}${depth === 0 ? ` (${item.product})` : ''}`;
  const sameBilling = parent !== null && parent.duration === item.duration && parent.pricingMode === item.pricingMode;
  rows.push([label, sameBilling ? '' : billingText(item.duration, item.pricingMode), String(item.quantity), itemPrice(item.prices, locale)]);
  for (const option of item.options) itemRows(option, depth + 1, item, locale, rows);
}

/** The items as a tree: each server (with its product), then its options indented. */
function renderItemsTable(items: readonly CartItemReport[], options: CartViewOptions): string {
  const rows: string[][] = [];
  for (const item of items) itemRows(item, 0, null, options.locale, rows);
  return renderTable(
    [
      { header: 'Item', maxWidth: 40 },
      { header: 'Billing', maxWidth: 20, wrap: true },
      { header: 'Qty', align: 'right' },
      { header: 'Price', align: 'right' },
    ],
    rows,
    { ...(options.theme ? { heading: options.theme.strong } : {}), cut: options.cut ?? true },
  );
}

/** One line per missing part, with the allowed values when the API lists them. */
function missingLines(missing: readonly MissingPart[]): string[] {
  return missing.map((m) => {
    if (m.kind === 'server') return 'a server (the cart is empty)';
    if (m.kind === 'option-family') return `an option of the mandatory ${optionFamilyWords(m.family)} family: one of ${listAllowed(m.choices, 6)}`;
    return `the ${configurationLabelWords(m.label)}${m.allowedValues && m.allowedValues.length > 0 ? `: one of ${listAllowed(m.allowedValues, 8)}` : ''}`;
  });
}

export function renderCartReport(report: CartReport, options: CartViewOptions): string {
  const theme = options.theme;
  const warn = theme?.warn ?? plain;
  const muted = theme?.muted ?? plain;
  const heading = theme?.heading ?? plain;
  const blocks: string[] = [];

  const description = report.description === '' ? muted('(none)') : report.description;
  blocks.push(
    renderPairs(
      [
        ['Cart', report.cartId],
        ['Description', report.createdByOvhOrder ? `${description} ${muted('(created by ovh-order)')}` : description],
        ['Expires', report.expired ? warn(expiryText(report.expire, options.now)) : expiryText(report.expire, options.now)],
        ['Read-only', report.readOnly ? 'yes (checked out: it cannot change)' : 'no'],
      ],
      muted,
    ),
  );

  blocks.push(report.items.length > 0 ? `${heading('Items')}\n${renderItemsTable(report.items, options)}` : `${heading('Items')}\n${muted('none')}`);

  const configured = report.items.flatMap((i) => i.configuration);
  if (configured.length > 0) {
    blocks.push(
      `${heading('Configuration')}\n${renderPairs(
        configured.map((c) => [c.label, c.value]),
        muted,
      )}`,
    );
  }

  const problems = [
    ...missingLines(report.missing).map((l) => `missing ${l}`),
    ...report.duplicatedLabels.map((l) => `the ${configurationLabelWords(l)} is set more than once`),
  ];
  if (problems.length > 0) {
    blocks.push(`${heading('Checkout would fail')}\n${problems.map((p) => `  ${warn('•')} ${wrapLines(p, 76, 4)}`).join('\n')}`);
  } else if (!report.readOnly) {
    blocks.push(`${heading('Ready')}\nNothing is missing for checkout.`);
  }

  if (report.preview) {
    const title = report.previewSource === 'checkout' ? 'Price preview (checkout)' : 'Price summary';
    const period = report.items[0]?.duration ? formatDuration(report.items[0].duration) : undefined;
    // What is bought, as `order` and the wizard say it above their question, when the cart says it all.
    const facts = purchaseFactsOfCart(report.items, options);
    const summary = facts ? renderPurchaseSummary(report.preview, facts, { locale: options.locale, ...(theme ? { theme } : {}) }) : undefined;
    const previewOptions = {
      locale: options.locale,
      cut: options.cut ?? true,
      ...(theme ? { theme } : {}),
      ...(period ? { period } : {}),
      ...(summary ? { summary } : {}),
    };
    blocks.push(`${heading(title)}\n${renderPreview(report.preview, previewOptions)}`);
  }
  if (report.previewProblem) blocks.push(muted(wrapLines(report.previewProblem.message, 80, 2)));
  return blocks.join('\n\n');
}

/** `cut: false` when stdout is not a terminal: descriptions kept whole. */
export function renderCartList(carts: readonly CartSummary[], options: CartViewOptions): string {
  const rows = carts.map((c) => [
    c.cartId,
    c.createdByOvhOrder ? 'ovh-order' : c.description || '—',
    c.expire ? formatRelative(new Date(c.expire), options.now) : 'never',
    String(c.itemCount),
    c.readOnly ? 'ordered' : 'open',
  ]);
  return renderTable(
    [{ header: 'Cart' }, { header: 'Description', maxWidth: 15 }, { header: 'Expires', maxWidth: 9 }, { header: 'Items', align: 'right' }, { header: 'State' }],
    rows,
    { ...(options.theme ? { heading: options.theme.strong } : {}), cut: options.cut ?? true },
  );
}

export function renderDeleted(outcome: DeleteOutcome, theme?: Theme): string {
  const lines = outcome.deleted.map((id) => `${(theme?.ok ?? plain)('deleted')}  ${id}`);
  for (const f of outcome.failed) lines.push(`${(theme?.error ?? plain)('failed')}   ${f.cartId}: ${f.error.message}`);
  return lines.join('\n');
}

/** `cut: false` when stdout is not a terminal: cart ids, reasons and errors kept whole. */
export function renderPrune(report: PruneReport, theme?: Theme, options: { cut?: boolean } = {}): string {
  const muted = theme?.muted ?? plain;
  if (report.selected.length === 0) return `No cart to prune (expired, or created by ovh-order more than ${report.olderThan} ago).`;
  const state = (cartId: string) =>
    report.dryRun
      ? 'would delete'
      : report.deleted.includes(cartId)
        ? 'deleted'
        : `failed: ${report.failed.find((f) => f.cartId === cartId)?.error.message ?? 'unknown'}`;
  const rows = report.selected.map((s) => [s.cartId, s.why, state(s.cartId)]);
  const table = renderTable([{ header: 'Cart' }, { header: 'Why', maxWidth: 24 }, { header: 'Result', maxWidth: 14 }], rows, {
    ...(theme ? { heading: theme.strong } : {}),
    cut: options.cut ?? true,
  });
  return report.kept.length > 0 ? `${table}\n${muted(`${report.kept.length} other cart(s) kept.`)}` : table;
}
