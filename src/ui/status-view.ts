// An order's status for a person: what state it is in (in words), when it was placed, its price,
// where to see or pay it, the delivered server's name once known, and the follow-up steps with
// their dates. Fits 80 columns.
import { moneyFromCartPrice } from '../domain/money.js';
import type { OrderStatusReport } from '../domain/order-status-report.js';
import type { Price } from '../ovh/models/order.js';
import { capitalised, followUpStateWords, utcMinuteText } from '../domain/words.js';
import { formatDateTime, formatMoney } from './format.js';
import { renderPairs, renderTable } from './table.js';
import type { Theme } from './theme.js';

export interface StatusViewOptions {
  locale: string;
  /** For `(in 3 h)`, `(2 d ago)` beside the order's dates. */
  now: Date;
  theme?: Theme;
}

const plain = (s: string) => s;

/** `2026-05-01 12:00 UTC` (the follow-up table's dates: its column stays narrow); `—` without one. */
function dateText(iso: string | null): string {
  return iso ? utcMinuteText(iso) : '—';
}

function amount(price: Price, locale: string): string {
  const m = moneyFromCartPrice(price);
  return formatMoney(m.micros, m.currency, locale);
}

const STEP_WORDS: Record<string, string> = {
  VALIDATING: 'Validating (payment, checks)',
  VALIDATED: 'Validated',
  DELIVERING: 'Delivering',
  AVAILABLE: 'Available',
};

export function renderOrderStatus(report: OrderStatusReport, options: StatusViewOptions): string {
  const theme = options.theme;
  const muted = theme?.muted ?? plain;
  const statusColour = report.status === 'delivered' ? (theme?.ok ?? plain) : report.status === 'cancelled' ? (theme?.error ?? plain) : (theme?.warn ?? plain);
  const pairs: Array<[string, string]> = [
    ['Order', String(report.orderId)],
    ['Status', statusColour(capitalised(report.statusText))],
    ['Placed', report.date ? formatDateTime(report.date, options.now) : '—'],
    [
      'Total',
      `${(theme?.price ?? plain)(amount(report.prices.withTax, options.locale))} ${muted(`(${amount(report.prices.withoutTax, options.locale)} without tax)`)}`,
    ],
    ['URL', report.url],
  ];
  if (report.retractionDate) pairs.push(['Withdrawal', `until ${formatDateTime(report.retractionDate, options.now)}`]);
  if (report.servers.length > 0) pairs.push([report.servers.length > 1 ? 'Servers' : 'Server', report.servers.join(', ')]);
  const blocks = [renderPairs(pairs, muted)];

  if (report.followUp && report.followUp.length > 0) {
    const rows = report.followUp.map((s) => {
      const latest = s.history.length > 0 ? s.history.reduce((a, b) => (a.date > b.date ? a : b)) : undefined;
      return [STEP_WORDS[s.step] ?? s.step, followUpStateWords(s.status), dateText(s.date), latest?.description ?? ''];
    });
    blocks.push(
      renderTable(
        [{ header: 'Step', maxWidth: 28 }, { header: 'State' }, { header: 'Date' }, { header: 'Last event', maxWidth: 18 }],
        rows,
        theme ? { heading: theme.strong } : {},
      ),
    );
  }
  return blocks.join('\n\n');
}
