// Offers for a person: one line per offer (the wizard's list) and a table (`catalog`). Money is in
// the subsidiary's locale, stock in plain words, and everything fits 80 columns.
import type { DatacenterDelay, OfferAvailability } from '../domain/availability.js';
import type { Money } from '../domain/money.js';
import type { Offer, OfferFacts } from '../domain/offer-model.js';
import { formatMoney } from './format.js';
import { renderTable, type Column } from './table.js';
import type { Theme } from './theme.js';

export interface OfferViewOptions {
  /** BCP 47 locale of the subsidiary (`fr-FR`), for money. */
  locale: string;
  theme?: Theme;
  /** false when stdout is not a terminal: names and specs kept whole (default: cut to fit 80 columns). */
  cut?: boolean;
}

const plain = (s: string) => s;

function money(m: Money, locale: string): string {
  return formatMoney(m.micros, m.currency, locale);
}

/** `Intel Xeon-E 2136` / `2× AMD EPYC 7402P`, with core/thread count when known: `6c/12t`. */
function cpuText(offer: Pick<Offer, 'cpu'>): string {
  const cpu = offer.cpu;
  if (!cpu) return '—';
  const name = `${cpu.brand} ${cpu.model}`.trim().replace(/^(Intel|AMD) \1 /, '$1 ');
  const count = cpu.count > 1 ? `${cpu.count}× ` : '';
  const cores = cpu.cores ? ` ${cpu.cores * cpu.count}c${cpu.threads ? `/${cpu.threads * cpu.count}t` : ''}` : '';
  return `${count}${name}${cores}`;
}

function ramText(offer: Pick<Offer, 'ramGb'>): string {
  return offer.ramGb ? `${offer.ramGb} GB` : '—';
}

function storageText(offer: Pick<Offer, 'storage'>): string {
  return offer.storage?.summary ?? '—';
}

/** The soonest delay over every datacenter: `1 h`, `72 h`, `out of stock`, `unknown`. */
function stockText(availability: OfferAvailability | undefined): string {
  if (!availability || availability.datacenters.length === 0) return 'unknown';
  if (availability.soonest) return availability.soonest.label;
  return availability.datacenters[0]?.label ?? 'unknown';
}

/** Coloured by meaning: green when orderable within 3 days, yellow later, red out of stock. `short`: `1 h (low)`. */
function stockCell(availability: OfferAvailability | undefined, theme: Theme | undefined, short = false): string {
  const full = stockText(availability);
  const text = short ? full.replace(' (low stock)', ' (low)') : full;
  if (!theme) return text;
  const soonest = availability?.soonest;
  if (!soonest) return text === 'unknown' ? theme.muted(text) : theme.error(text);
  return (soonest.hours ?? 0) <= 72 ? theme.ok(text) : theme.warn(text);
}

function cut(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/**
 * One line (≤ 76 columns, room for the list's pointer) for a list:
 * `KS-1 24sk10              32 GB   2× 480 GB SSD         16,99 €  1 h`.
 * The description line (`offerDescription`) carries the rest.
 */
export function offerLine(offer: Offer, availability: OfferAvailability | undefined, options: OfferViewOptions): string {
  const theme = options.theme;
  const name = cut(`${offer.name.split('|')[0]!.trim()} ${offer.planCode}`, 24);
  const ram = cut(ramText(offer), 7);
  const storage = cut(storageText(offer), 18);
  const price = money(offer.monthly, options.locale).padStart(10);
  const stock = stockCell(availability, theme, true);
  return `${name} ${ram} ${storage} ${theme ? theme.price(price) : price}  ${stock}`;
}

/**
 * Two lines under a highlighted offer (each ≤ 78 columns): CPU, price and setup fee; then the delay
 * per datacenter, soonest first.
 */
export function offerDescription(offer: Offer, availability: OfferAvailability | undefined, options: OfferViewOptions): string {
  const setup = offer.setup.micros === 0 ? 'no setup fee' : `setup ${money(offer.setup, options.locale)}`;
  const first = cutText([cpuText(offer), `${money(offer.monthly, options.locale)}/month, ${setup}`].join(' · '), 78);
  let second: string;
  if (!availability || availability.datacenters.length === 0) second = 'Stock: unknown';
  else if (availability.orderableDatacenters.length === 0) second = `Stock: none in any of its ${availability.datacenters.length} datacenters`;
  else second = fitDelays('Stock: ', availability.datacenters, 78);
  const promotion = offer.promotions.find((p) => p.mode === 'default') ?? offer.promotions[0];
  if (!promotion) return `${first}\n${second}`;
  const until = promotion.endDate ? ` until ${promotion.endDate.slice(0, 10)}` : '';
  const what = `${promotion.appliesTo === 'setup' ? 'setup' : 'first period'} ${money(promotion.after, options.locale)} (was ${money(promotion.before, options.locale)})`;
  return `${first}\n${second}\n${cutText(`Promotion ${promotion.name}${until}: ${what}`, 78)}`;
}

function cutText(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** `Stock: gra 1 h, rbx 72 h, +3` with as many datacenters as fit in `width`. */
function fitDelays(prefix: string, delays: readonly DatacenterDelay[], width: number): string {
  for (let shown = delays.length; shown > 0; shown--) {
    const text = prefix + datacenterDelaysText(delays, shown);
    if (text.length <= width) return text;
  }
  return cutText(prefix + datacenterDelaysText(delays, 1), width);
}

/** `gra 1 h, rbx 72 h, bhs out of stock`, at most `max` datacenters then `+N`. */
function datacenterDelaysText(delays: readonly DatacenterDelay[], max = 8): string {
  const shown = delays.slice(0, max).map((d) => `${d.datacenter} ${d.label}`);
  if (delays.length > max) shown.push(`+${delays.length - max}`);
  return shown.join(', ');
}

/** Cuts each line of a cell to `width` characters (cells built from plain text only). */
function cutLines(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => (line.length <= width ? line : `${line.slice(0, width - 1)}…`))
    .join('\n');
}

/**
 * The offers table, two lines per offer so everything fits 80 columns:
 * `KS-1 24sk10` over `Xeon-D 1520 4c/8t · 32 GB · 2× 480 GB SSD`, then monthly, setup, soonest stock.
 */
export function renderOffersTable(offers: ReadonlyArray<{ offer: OfferFacts; availability?: OfferAvailability }>, options: OfferViewOptions): string {
  const theme = options.theme;
  const muted = theme?.muted ?? plain;
  const columns: Column[] = [{ header: 'Server' }, { header: 'Monthly', align: 'right' }, { header: 'Setup', align: 'right' }, { header: 'Stock' }];
  // Each offer is two rows (name and prices, then specs) rather than one row of two-line cells: the
  // table looks the same, and cli-table3 measures a multi-line cell character by character (20
  // offers took ~30 ms that way, ~6 ms as single lines).
  const rows = offers.flatMap(({ offer, availability }) => {
    const name = `${offer.name.split('|')[0]!.trim()} ${offer.planCode}`;
    const specs = [cpuText(offer).replace(/^(Intel|AMD) /, ''), ramText(offer), storageText(offer)].join(' · ');
    const [first = '', second = ''] = options.cut === false ? [name, specs] : cutLines(`${name}\n${specs}`, 46).split('\n');
    return [
      [
        first,
        (theme?.price ?? plain)(money(offer.monthly, options.locale)),
        offer.setup.micros === 0 ? '—' : money(offer.setup, options.locale),
        stockCell(availability, theme),
      ],
      [muted(second), '', '', ''],
    ];
  });
  return renderTable(columns, rows, theme ? { heading: theme.strong } : {})
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
