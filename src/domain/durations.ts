// Billing durations: the cart speaks ISO 8601 (`P1M`, `P1Y`, `P2Y`, `P0D` for a one-off fee), the
// catalog speaks `interval` + `intervalUnit`. Both meet as a number of months.

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** True for the ISO 8601 date durations the order API uses (`P1M`, `P12M`, `P1Y`, `P0D`). */
export function isIsoDuration(text: string): boolean {
  return text !== 'P' && ISO_DURATION.test(text);
}

/**
 * Whole months in an ISO duration: `P1M` → 1, `P1Y` → 12, `P1Y6M` → 18, `P0D` → 0.
 * Undefined for text that is not such a duration or that has days/weeks beyond whole months.
 */
export function monthsOfDuration(text: string): number | undefined {
  const match = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P') return undefined;
  const [, years, months, weeks, days] = match;
  if ((weeks && Number(weeks) > 0) || (days && Number(days) > 0)) return undefined;
  return Number(years ?? 0) * 12 + Number(months ?? 0);
}

/** The ISO duration the cart uses for a number of months: 1 → `P1M`, 12 → `P1Y`, 24 → `P2Y`, 3 → `P3M`. */
export function durationOfMonths(months: number): string {
  if (months > 0 && months % 12 === 0) return `P${months / 12}Y`;
  return `P${months}M`;
}

/** Months of a catalog pricing interval (`interval` + `intervalUnit`); 0 for one-off (`none`). */
export function monthsOfInterval(interval: number, intervalUnit: string): number {
  switch (intervalUnit) {
    case 'month':
      return interval;
    case 'year':
      return interval * 12;
    default:
      return 0;
  }
}

/** True when two ISO durations cover the same number of months (`P12M` = `P1Y`). */
export function sameDuration(a: string, b: string): boolean {
  const ma = monthsOfDuration(a);
  return ma !== undefined && ma === monthsOfDuration(b);
}
