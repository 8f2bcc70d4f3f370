// `ovh-order catalog` output: the wizard's offer table for people, and one stable JSON document for
// scripts (prices as `{value, currencyCode, priceInUcents, text}`, stock per datacenter, the option
// families with their plan codes and the configuration labels — everything `order` accepts).
import type { DatacenterDelay } from '../domain/availability.js';
import type { Money } from '../domain/money.js';
import type { Offer, OfferSummary } from '../domain/offer-model.js';
import type { CatalogResult, CatalogRow } from '../domain/stocked-offers.js';
import { currencyOfSubsidiary } from '../domain/subsidiaries.js';
import { formatMoney } from './format.js';
import { renderOffersTable } from './offer-view.js';
import type { Theme } from './theme.js';

/** A price in JSON documents: the same shape as OVH's `order.Price`, with an exact integer amount. */
export interface PriceJson {
  value: number;
  currencyCode: string;
  /** Exact amount in 10^-8 of the unit. */
  priceInUcents: number;
  /** Formatted in the subsidiary's locale. */
  text: string;
}

export function priceJson(m: Money, locale: string): PriceJson {
  // `value` is for reading; priceInUcents is the exact integer.
  return {
    value: Number((m.micros / 100_000_000).toFixed(8)),
    currencyCode: m.currency,
    priceInUcents: m.micros,
    text: formatMoney(m.micros, m.currency, locale),
  };
}

function stockJson(d: DatacenterDelay): { datacenter: string; availability: string; delay: string; orderable: boolean } {
  return { datacenter: d.datacenter, availability: d.availability, delay: d.label, orderable: d.orderable };
}

export function catalogOfferJson(row: CatalogRow, locale: string): Record<string, unknown> {
  const { offer, availability } = row;
  const price = (m: Money) => priceJson(m, locale);
  return {
    planCode: offer.planCode,
    name: offer.name,
    range: offer.range,
    product: offer.product,
    family: offer.family,
    cpu: offer.cpu,
    ramGb: offer.ramGb,
    storage: offer.storage,
    bandwidthMbps: offer.bandwidthMbps ?? null,
    monthly: price(offer.monthly),
    setup: price(offer.setup),
    datacenters: offer.datacenters,
    stock: availability.datacenters.map(stockJson),
    soonest: availability.soonest ? stockJson(availability.soonest) : null,
    pricings: offer.pricings.map((p) => ({
      pricingMode: p.mode,
      duration: p.duration,
      kind: p.kind,
      commitmentMonths: p.commitmentMonths,
      periodPrice: price(p.periodPrice),
      monthlyEquivalent: price(p.monthlyEquivalent),
      setup: price(p.setup),
      dueNow: price(p.dueNow),
      // Only promotions that apply today (between their start and end dates), named.
      promotions: p.promotions.map((promotion) => ({
        name: promotion.name,
        appliesTo: promotion.appliesTo,
        before: price(promotion.before),
        after: price(promotion.after),
        endDate: promotion.endDate,
      })),
    })),
    options: offer.addonFamilies.map((f) => ({
      family: f.name,
      mandatory: f.mandatory,
      exclusive: f.exclusive,
      default: f.default,
      choices: f.addons.map((a) => ({ planCode: a.planCode, name: a.name, monthlyDelta: a.monthlyDelta ? price(a.monthlyDelta) : null })),
    })),
    configurations: offer.configurations.map((c) => ({ label: c.name, mandatory: c.mandatory, allowedValues: c.values })),
  };
}

/** The `catalog --json` document. */
export function catalogDocument(result: CatalogResult, locale: string): Record<string, unknown> {
  const { loaded } = result;
  return {
    range: loaded.range,
    subsidiary: loaded.subsidiary,
    currency: loaded.currency,
    catalogFetchedAt: loaded.catalogFetchedAt.toISOString(),
    fromCache: loaded.fromCache,
    datacenters: result.datacenters,
    count: result.rows.length,
    // Offers passing the filters: more than `count` when `--limit` cut the list.
    matching: result.matching,
    offers: result.rows.map((row) => catalogOfferJson(row, locale)),
  };
}

/**
 * Builds the money format of a subsidiary now (its first use loads the locale's data, ~5 ms), so
 * that it is ready when the table is drawn: called while the stock is still on the way.
 */
export function prepareMoneyFormat(subsidiary: string, locale: string): void {
  formatMoney(0, currencyOfSubsidiary(subsidiary), locale);
}

export interface CatalogViewOptions {
  locale: string;
  theme?: Theme;
  /** false when stdout is not a terminal: nothing is cut (`catalog | grep` finds every word). */
  cut?: boolean;
}

/** `parts` joined with ", " and wrapped to `width` columns, continuation lines indented by `indent`. */
function wrapList(parts: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, part] of parts.entries()) {
    const piece = i < parts.length - 1 ? `${part},` : part;
    if (line !== '' && indent + line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/**
 * The offer table, then each offer's stock in every datacenter (soonest first) — the facts the
 * wizard shows under a highlighted offer. Fits 80 columns.
 */
export function renderCatalog(result: CatalogResult<Offer | OfferSummary>, options: CatalogViewOptions): string {
  const table = renderOffersTable(result.rows, { locale: options.locale, cut: options.cut ?? true, ...(options.theme ? { theme: options.theme } : {}) });
  const width = Math.max(...result.rows.map((r) => r.offer.planCode.length), 4);
  const muted = options.theme?.muted ?? ((s: string) => s);
  const lines = result.rows
    .filter((r) => r.availability.datacenters.length > 0)
    .map(
      (r) =>
        `${r.offer.planCode.padEnd(width)}  ${muted(
          wrapList(
            r.availability.datacenters.map((d) => `${d.datacenter} ${d.label}`),
            width + 2,
            80,
          ),
        )}`,
    );
  return lines.length > 0 ? `${table}\n\nStock per datacenter\n${lines.join('\n')}` : table;
}
