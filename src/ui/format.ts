// Plain-words formatting: money in the subsidiary's currency and locale, sizes, delays, relative times.
import { utcMinuteText } from '../domain/words.js';

const MICROS_PER_UNIT = 100_000_000;

const currencyFormats = new Map<string, Intl.NumberFormat>();

/** Formats micro-cents (10^-8 of the unit) as money, e.g. 8999000000 EUR fr-FR → "89,99 €". */
export function formatMoney(micros: number, currency: string, locale = 'en-GB'): string {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      // "points" or "N/A" are not ISO currencies: show the number and the code.
      const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      format = { format: (n: number) => `${plain.format(n)} ${currency}` } as Intl.NumberFormat;
    }
    currencyFormats.set(key, format);
  }
  // Normalise the narrow no-break spaces some locales use, so tables align in every terminal.
  return format.format(micros / MICROS_PER_UNIT).replace(/[\u202f\u00a0]/g, ' ');
}

/** 1536 → "1.5 TB", 512 → "512 GB". */
export function formatGigabytes(gb: number): string {
  if (gb >= 1000) {
    const tb = gb / 1000;
    return `${Number.isInteger(tb) ? tb : tb.toFixed(1)} TB`;
  }
  return `${gb} GB`;
}

/** "in 3 h", "in 12 min", "2 d ago" relative to `now`. */
export function formatRelative(target: Date, now: Date): string {
  const diffMs = target.getTime() - now.getTime();
  const abs = Math.abs(diffMs);
  const minutes = Math.round(abs / 60_000);
  let text: string;
  if (minutes < 1) text = 'less than a minute';
  else if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / 1440)} d`;
  return diffMs >= 0 ? `in ${text}` : `${text} ago`;
}

/** `2026-05-02 12:00 UTC (in 3 h)`, `… (2 d ago)`: a date beside how far it is; the text as given when it is not a date. */
export function formatDateTime(iso: string | Date, now: Date): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${utcMinuteText(date)} (${formatRelative(date, now)})`;
}

/** ISO 8601 durations as words: P1M → "1 month", P12M/P1Y → "12 months", P0D → "one-off". */
export function formatDuration(duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!m) return duration;
  const months = Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
  const days = Number(m[3] ?? 0);
  if (months === 0 && days === 0) return 'one-off';
  if (months === 0) return days === 1 ? '1 day' : `${days} days`;
  return months === 1 ? '1 month' : `${months} months`;
}
