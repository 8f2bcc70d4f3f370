// Pricing modes and the pricings generated from a monthly price: the same numbers feed the public
// catalogs (`pricings[]`, micro-cents), the formatted catalog and the cart (`prices[]`).
// Factors reproduce the real 2025 catalogs (RISE-1: 56.99 → degressivity12 54.14, upfront12 615.49).
import { MICROCENTS_PER_CENT, centsToMicro, taxOf } from '../money.js';
import type { Subsidiary } from './regions.js';

export interface ModeSpec {
  mode: string;
  /** Months of commitment (0 = none). */
  commitment: number;
  /** Months paid by one renew (12 for upfront12). */
  renewMonths: number;
  /** Multiplier applied to the monthly price. */
  factor: number;
  /** Is the setup fee charged in this mode? */
  setupCharged: boolean;
  engagement: 'periodic' | 'upfront' | null;
}

export type ModeSetName = 'kimsufi' | 'rise' | 'advance' | 'scale';

const mode = (m: string, commitment: number, renewMonths: number, factor: number, setupCharged: boolean, engagement: ModeSpec['engagement']): ModeSpec => ({
  mode: m,
  commitment,
  renewMonths,
  factor,
  setupCharged,
  engagement,
});

export const MODE_SETS: Record<ModeSetName, ModeSpec[]> = {
  // Kimsufi / So you Start: no discount, setup always charged (as in the real 24sk10).
  kimsufi: [
    mode('default', 0, 1, 1, true, null),
    mode('degressivity3', 3, 1, 1, true, 'periodic'),
    mode('degressivity6', 6, 1, 1, true, 'periodic'),
    mode('degressivity12', 12, 1, 1, true, 'periodic'),
    mode('upfront3', 3, 3, 1, true, 'upfront'),
    mode('upfront6', 6, 6, 1, true, 'upfront'),
    mode('upfront12', 12, 12, 1, true, 'upfront'),
  ],
  rise: [
    mode('default', 0, 1, 1, true, null),
    mode('degressivity12', 12, 1, 0.95, false, 'periodic'),
    mode('degressivity24', 24, 1, 0.9, false, 'periodic'),
    mode('upfront12', 12, 12, 0.9, false, 'upfront'),
    mode('upfront24', 24, 24, 0.85, false, 'upfront'),
  ],
  advance: [
    mode('default', 0, 1, 1, true, null),
    mode('degressivity12', 12, 1, 0.95, false, 'periodic'),
    mode('degressivity24', 24, 1, 0.9, false, 'periodic'),
    mode('upfront12', 12, 12, 0.95, false, 'upfront'),
    mode('upfront24', 24, 24, 0.95, false, 'upfront'),
  ],
  scale: [
    mode('default', 0, 1, 1, true, null),
    mode('degressivity6', 6, 1, 0.95, false, 'periodic'),
    mode('degressivity12', 12, 1, 0.9, false, 'periodic'),
    mode('degressivity24', 24, 1, 0.85, false, 'periodic'),
    mode('upfront6', 6, 6, 0.95, false, 'upfront'),
    mode('upfront12', 12, 12, 0.9, false, 'upfront'),
    mode('upfront24', 24, 24, 0.85, false, 'upfront'),
  ],
};

/** ISO 8601 duration of one renew: P1M, P3M, P6M, P1Y, P2Y (as the cart offers them). */
export function renewDuration(months: number): string {
  return months % 12 === 0 ? `P${months / 12}Y` : `P${months}M`;
}

export interface Promotion {
  name: string;
  description?: string;
  /** Percent off, as the real catalogs' `type: percentage` promotions. */
  percent?: number;
  /** The price once the promotion applies, in micro-cents (0 = free). */
  total: { value: number };
  /** ISO dates; a promotion applies only between them (the real catalogs carry both). */
  startDate: string | null;
  endDate: string | null;
}

/** A promotion of the authored offer: which pricings it is on, how much off, and when. */
export interface AuthoredPromotion {
  name: string;
  description: string;
  capacity: 'installation' | 'renew';
  modes: string[];
  percent: number;
  /** Fixed dates (the expired ones, as in the 2022 catalog), or `current`: from 30 days ago to 60 days ahead. */
  window: 'current' | { startDate: string; endDate: string };
}

const DAY_MS = 86_400_000;

/** The dates of a promotion; `current` is counted from today (UTC), so a catalog is the same all day. */
function promotionDates(window: AuthoredPromotion['window'], nowMs: number): { startDate: string; endDate: string } {
  if (window !== 'current') return window;
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
  return { startDate: iso(today - 30 * DAY_MS), endDate: iso(today + 60 * DAY_MS) };
}

/** The promotions of a pricing that apply at this time (sandbox clock). */
export function activePromotions(entry: PricingEntry, nowMs: number): Promotion[] {
  return entry.promotions.filter((p) => (p.startDate === null || Date.parse(p.startDate) <= nowMs) && (p.endDate === null || nowMs < Date.parse(p.endDate)));
}

/** The price at this time: the lowest total of the promotions that apply, else the price. */
export function priceAt(entry: PricingEntry, nowMs: number): number {
  return Math.min(entry.price, ...activePromotions(entry, nowMs).map((p) => p.total.value));
}

/** One pricing of a plan or addon, already in the subsidiary's currency. */
export interface PricingEntry {
  mode: string;
  capacity: 'installation' | 'renew';
  price: number;
  tax: number;
  /** Dated: see activePromotions / priceAt. */
  promotions: Promotion[];
  interval: number;
  intervalUnit: 'none' | 'month';
  commitment: number;
  /** Cart duration: P0D for installation, the renew duration otherwise. */
  duration: string;
  description: string;
  engagement: { defaultEndAction: string; duration: string; type: 'periodic' | 'upfront' } | null;
  quantityMax: number | null;
  repeatMax: number | null;
}

export interface PriceSource {
  /** EUR cents. */
  monthly: number;
  setup: number;
  modes: ModeSpec[];
  promotions?: AuthoredPromotion[] | undefined;
  /** Addons can be ordered in any quantity with their plan; plans 1 to 10. */
  isAddon: boolean;
}

/** EUR cents → the subsidiary's cents, at the fixed rate. */
function convertCents(eurCents: number, sub: Subsidiary): number {
  return Math.round(eurCents * sub.rate);
}

function promotionsOn(source: PriceSource, capacity: AuthoredPromotion['capacity'], mode: string, price: number, nowMs: number): Promotion[] {
  if (price <= 0) return [];
  return (source.promotions ?? [])
    .filter((p) => p.capacity === capacity && p.modes.includes(mode))
    .map((p) => ({
      name: p.name,
      description: p.description,
      percent: p.percent,
      total: { value: Math.round((price * (100 - p.percent)) / 100 / MICROCENTS_PER_CENT) * MICROCENTS_PER_CENT },
      ...promotionDates(p.window, nowMs),
    }));
}

export function buildPricings(source: PriceSource, sub: Subsidiary, nowMs = Date.now()): PricingEntry[] {
  const monthly = convertCents(source.monthly, sub);
  const setup = convertCents(source.setup, sub);
  const quantityMax = source.isAddon ? null : 10;
  const installations: PricingEntry[] = [];
  const renews: PricingEntry[] = [];
  for (const m of source.modes) {
    const setupMicro = m.setupCharged ? centsToMicro(setup) : 0;
    installations.push({
      mode: m.mode,
      capacity: 'installation',
      price: setupMicro,
      tax: taxOf(setupMicro, sub.taxRate),
      promotions: promotionsOn(source, 'installation', m.mode, setupMicro, nowMs),
      interval: 0,
      intervalUnit: 'none',
      commitment: 0,
      duration: 'P0D',
      description: 'rental (only applicable for 1 time)',
      engagement: null,
      quantityMax,
      repeatMax: 1,
    });
    const renewMicro = centsToMicro(Math.round(monthly * m.factor * m.renewMonths));
    renews.push({
      mode: m.mode,
      capacity: 'renew',
      price: renewMicro,
      tax: taxOf(renewMicro, sub.taxRate),
      promotions: promotionsOn(source, 'renew', m.mode, renewMicro, nowMs),
      interval: m.renewMonths,
      intervalUnit: 'month',
      commitment: m.commitment,
      duration: renewDuration(m.renewMonths),
      description: m.renewMonths === 1 ? 'rental for 1 month' : `rental for ${m.renewMonths} months`,
      engagement: m.engagement ? { defaultEndAction: 'REACTIVATE_ENGAGEMENT', duration: `P${m.commitment}M`, type: m.engagement } : null,
      quantityMax,
      repeatMax: null,
    });
  }
  return [...installations, ...renews];
}
