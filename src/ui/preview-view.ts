// The price preview (`GET /order/cart/{id}/checkout`, an order.Order) for a person: the detail lines
// grouped per cart item, the totals, what is due now versus what renews each period, and the
// contracts accepted by ordering. Fits 80 columns (contract URLs are never cut).
import { addMoney, divideMoney, moneyFromCartPrice, subtractMoney, sumMoney, type Money } from '../domain/money.js';
import type { Order, OrderDetail, Price } from '../ovh/models/order.js';
import { formatMoney } from './format.js';
import { renderPairs, renderTable } from './table.js';
import type { Theme } from './theme.js';

export interface PreviewViewOptions {
  locale: string;
  theme?: Theme;
  /** The billing period in words (`1 month`, `12 months`), for the renewal line. */
  period?: string;
  /** What is bought (ui/purchase-summary.ts): said instead of the due-now/renewal lines, before the contracts. */
  summary?: string;
  /** false when stdout is not a terminal: descriptions are neither wrapped nor cut. */
  cut?: boolean;
}

const plain = (s: string) => s;

function amount(price: Price, locale: string): string {
  const m = moneyFromCartPrice(price);
  return formatMoney(m.micros, m.currency, locale);
}

function moneyText(m: Money, locale: string): string {
  return formatMoney(m.micros, m.currency, locale);
}

/** Lines not billed again at renewal: installation fees and one-off lines. */
const ONE_OFF_TYPES = new Set(['INSTALLATION', 'CREATION', 'DELIVERY', 'SHIPPING', 'CAUTION', 'TRANSFER', 'GIFT', 'VOUCHER', 'REFUND']);

function isRecurringLine(detail: Pick<OrderDetail, 'detailType'>): boolean {
  return !ONE_OFF_TYPES.has(String(detail.detailType ?? '').toUpperCase());
}

/** Groups detail lines per cart item: by `domain` root (`*001` with `*001.001`…), else by cartItemID, else one group. */
function groupDetails(details: readonly OrderDetail[]): OrderDetail[][] {
  const groups = new Map<string, OrderDetail[]>();
  for (const detail of details) {
    const key = detail.domain ? detail.domain.split('.')[0]! : detail.cartItemID != null ? `item:${detail.cartItemID}` : 'all';
    groups.set(key, [...(groups.get(key) ?? []), detail]);
  }
  return [...groups.values()];
}

/** What the period renews at, without tax: the recurring lines' total. Null without lines. */
export function renewalWithoutTax(order: Pick<Order, 'details'>): Money | null {
  const recurring = order.details.filter(isRecurringLine).map((d) => moneyFromCartPrice(d.totalPrice));
  if (recurring.length === 0) return null;
  return sumMoney(recurring, recurring[0]!.currency);
}

/** `setup`, `period`, `renew`…: what a line bills, in one word. */
function lineKind(detail: Pick<OrderDetail, 'detailType'>): string {
  const type = String(detail.detailType ?? '').toUpperCase();
  if (type === 'INSTALLATION') return 'setup';
  if (type === 'DURATION') return 'period';
  return type.toLowerCase();
}

function unitPrice(detail: OrderDetail): Money {
  if (detail.unitPrice) return moneyFromCartPrice(detail.unitPrice);
  const total = lineReduction(detail)?.original ?? moneyFromCartPrice(detail.totalPrice);
  return detail.quantity > 1 ? divideMoney(total, detail.quantity) : total;
}

/**
 * What a line cost before its reductions and how much they took off (positive), from the API's own
 * per-line fields: `originalTotalPrice` against `totalPrice`, else `reductionTotalPrice`. Null when
 * nothing was taken off.
 */
function lineReduction(detail: OrderDetail): { original: Money; off: Money } | null {
  const total = moneyFromCartPrice(detail.totalPrice);
  if (detail.originalTotalPrice) {
    const original = moneyFromCartPrice(detail.originalTotalPrice);
    const off = subtractMoney(original, total);
    return off.micros > 0 ? { original, off } : null;
  }
  if (!detail.reductionTotalPrice) return null;
  const reduction = moneyFromCartPrice(detail.reductionTotalPrice);
  const off = { ...reduction, micros: Math.abs(reduction.micros) };
  return off.micros > 0 ? { original: addMoney(total, off), off } : null;
}

/** `Reduction: Flash sale: setup fees offered on RISE-1`: the promotions' descriptions, once each. */
function reductionText(detail: OrderDetail): { text: string; kind: string } {
  const reductions = detail.reductions ?? [];
  const said = [...new Set(reductions.map((r) => (r.description || r.reductionDescription || '').replace(/\s+/g, ' ').trim()).filter((d) => d !== ''))];
  const kind = reductions.length > 0 && reductions.every((r) => r.context === 'voucher') ? 'voucher' : 'promo';
  return { text: said.length > 0 ? `Reduction: ${said.join('; ')}` : 'Reduction', kind };
}

export function renderPreview(order: Order, options: PreviewViewOptions): string {
  const theme = options.theme;
  const price = theme?.price ?? plain;
  const strong = theme?.strong ?? plain;
  const ok = theme?.ok ?? plain;
  const locale = options.locale;
  const blocks: string[] = [];

  // The unit price says something only when a line has a quantity above 1.
  const showUnit = order.details.some((d) => d.quantity > 1);
  const rows: string[][] = [];
  // Free setup lines (one per option, all 0, nothing taken off) say nothing one by one: folded into one note.
  const freeSetup = order.details.filter((d) => lineKind(d) === 'setup' && moneyFromCartPrice(d.totalPrice).micros === 0 && !lineReduction(d));
  for (const group of groupDetails(order.details)) {
    if (rows.length > 0) rows.push(showUnit ? ['', '', '', '', ''] : ['', '', '', '']);
    for (const detail of group) {
      if (freeSetup.includes(detail)) continue;
      const nested = detail.domain?.includes('.') ? '  ' : '';
      // A reduced line shows what it was, then what was taken off right under it: the lines add up
      // to "Before reduction" without the reductions, and to "Total without tax" with them.
      const reduced = lineReduction(detail);
      const row = [
        `${nested}${detail.description.replace(/\s+/g, ' ').replace(/[ -]+$/, '')}`,
        lineKind(detail),
        String(detail.quantity),
        moneyText(unitPrice(detail), locale),
        reduced ? moneyText(reduced.original, locale) : amount(detail.totalPrice, locale),
      ];
      if (!showUnit) row.splice(3, 1);
      rows.push(row);
      if (reduced) {
        const { text, kind } = reductionText(detail);
        const reductionRow = [`${nested}  ${text}`, kind, '', '', ok(`-${moneyText(reduced.off, locale)}`)];
        if (!showUnit) reductionRow.splice(3, 1);
        rows.push(reductionRow);
      }
    }
  }
  const columns = [
    { header: 'Description', maxWidth: showUnit ? 38 : 48, wrap: true },
    { header: 'Kind', maxWidth: 7 },
    { header: 'Qty', align: 'right' as const },
    { header: 'Unit', align: 'right' as const },
    { header: 'Total', align: 'right' as const },
  ];
  if (!showUnit) columns.splice(3, 1);
  const table = renderTable(columns, rows, { ...(theme ? { heading: theme.strong } : {}), cut: options.cut ?? true });
  const setupNote =
    freeSetup.length > 0
      ? `\n${(theme?.muted ?? plain)(`No setup fee${freeSetup.length > 1 ? ` for any of the ${freeSetup.length} items` : ''} (setup 0).`)}`
      : '';
  blocks.push(`${table}${setupNote}`);

  const prices = order.prices;
  const totals: Array<[string, string]> = [];
  const reduction = prices.reduction ? moneyFromCartPrice(prices.reduction) : null;
  if (prices.originalWithoutTax && reduction && reduction.micros !== 0) totals.push(['Before reduction', amount(prices.originalWithoutTax, locale)]);
  if (reduction && reduction.micros !== 0)
    totals.push([
      'Reduction',
      theme
        ? theme.ok(`-${moneyText({ ...reduction, micros: Math.abs(reduction.micros) }, locale)}`)
        : `-${moneyText({ ...reduction, micros: Math.abs(reduction.micros) }, locale)}`,
    ]);
  totals.push(['Total without tax', amount(prices.withoutTax, locale)]);
  totals.push(['Tax', amount(prices.tax, locale)]);
  totals.push(['Total with tax', strong(price(amount(prices.withTax, locale)))]);
  blocks.push(renderPairs(totals));

  const renewal = renewalWithoutTax(order);
  const period = options.period === undefined ? 'period' : options.period === '1 month' ? 'month' : options.period;
  const due: Array<[string, string]> = [['Due now', `${price(amount(prices.withTax, locale))} (tax included)`]];
  if (renewal) due.push([`Renews every ${period}`, `${price(moneyText(renewal, locale))} + tax`]);
  blocks.push(options.summary ?? renderPairs(due));

  const contracts = order.contracts ?? [];
  if (contracts.length > 0) {
    const lines = ['By ordering you accept these contracts:'];
    for (const contract of contracts) {
      lines.push(`  • ${contract.name.replace(/\s+/g, ' ').trim()}`);
      lines.push(`    ${theme ? theme.muted(contract.url) : contract.url}`);
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
