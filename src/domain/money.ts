// Money as an integer count of 10^-8 of the currency unit ("micro-cents", the catalog's and the
// cart's `priceInUcents` scale). Amounts stay integers through every sum and product; they become
// floats only in `moneyToNumber`, for the formatter in src/ui.
import { CliError, ExitCode } from './errors.js';

export interface Money {
  /** Integer number of 10^-8 of the unit: 1699000000 = 16.99. */
  readonly micros: number;
  /** ISO currency code as the API gives it (`EUR`, `GBP`, …). */
  readonly currency: string;
}

/** 10^8: micro-cents per currency unit. */
const MICROS_PER_UNIT = 100_000_000;

/** A Money from catalog micro-cents (`price`, `tax`, `priceInUcents`). Rounds a stray fraction. */
export function moneyFromMicroCents(microCents: number, currency: string): Money {
  if (!Number.isFinite(microCents)) throw new CliError(`Not an amount: ${String(microCents)}.`, { code: 'invalid_amount', exitCode: ExitCode.failure });
  return { micros: Math.round(microCents), currency };
}

/** Converts a decimal amount in units (a flag such as `--max-price 49.99`, or a cart `value`) exactly. */
export function moneyFromUnits(amount: number, currency: string): Money {
  if (!Number.isFinite(amount)) throw new CliError(`Not an amount: ${String(amount)}.`, { code: 'invalid_amount', exitCode: ExitCode.failure });
  // Through the decimal text, not `amount * 1e8`: 16.99 * 1e8 is 1698999999.9999998.
  const negative = amount < 0;
  const [whole = '0', fraction = ''] = Math.abs(amount).toFixed(8).split('.');
  const micros = Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(8, '0').slice(0, 8));
  return { micros: negative ? -micros : micros, currency };
}

/** A cart/checkout price `{value, currencyCode, priceInUcents?}`: `priceInUcents` wins when present. */
export function moneyFromCartPrice(price: { value: number; currencyCode: string; priceInUcents?: number | null }): Money {
  if (typeof price.priceInUcents === 'number') return moneyFromMicroCents(price.priceInUcents, price.currencyCode);
  return moneyFromUnits(price.value, price.currencyCode);
}

export function zeroMoney(currency: string): Money {
  return { micros: 0, currency };
}

function sameCurrency(a: Money, b: Money, what: string): void {
  if (a.currency !== b.currency) {
    throw new CliError(`Cannot ${what} amounts in ${a.currency} and ${b.currency}.`, { code: 'currency_mismatch', exitCode: ExitCode.failure });
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b, 'add');
  return { micros: a.micros + b.micros, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b, 'subtract');
  return { micros: a.micros - b.micros, currency: a.currency };
}

/** Sum of `amounts`; `zeroMoney(currency)` when empty. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  let total = zeroMoney(currency);
  for (const amount of amounts) total = addMoney(total, amount);
  return total;
}

/** `m × factor` for a whole factor (a quantity, a number of months). */
export function multiplyMoney(m: Money, factor: number): Money {
  if (!Number.isInteger(factor)) throw new CliError(`Cannot multiply an amount by ${factor}.`, { code: 'invalid_amount', exitCode: ExitCode.failure });
  return { micros: m.micros * factor, currency: m.currency };
}

/** `m ÷ divisor`, rounded to the nearest micro-cent (e.g. an upfront total spread over its months). */
export function divideMoney(m: Money, divisor: number): Money {
  if (!Number.isInteger(divisor) || divisor <= 0)
    throw new CliError(`Cannot divide an amount by ${divisor}.`, { code: 'invalid_amount', exitCode: ExitCode.failure });
  return { micros: Math.round(m.micros / divisor), currency: m.currency };
}

/** -1, 0 or 1; throws on different currencies. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b, 'compare');
  return a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : 0;
}

export function minMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) <= 0 ? a : b;
}

/** The amount in units as a float — for the formatter only (src/ui), never for arithmetic. */
export function moneyToNumber(m: Money): number {
  return m.micros / MICROS_PER_UNIT;
}
