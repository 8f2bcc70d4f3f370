import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  divideMoney,
  minMoney,
  moneyFromCartPrice,
  moneyFromMicroCents,
  moneyFromUnits,
  moneyToNumber,
  multiplyMoney,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from '../../src/domain/money.js';
import { CliError } from '../../src/domain/errors.js';

describe('money', () => {
  it('reads catalog micro-cents as integers (1699000000 = 16.99)', () => {
    const m = moneyFromMicroCents(1699000000, 'EUR');
    expect(m).toEqual({ micros: 1699000000, currency: 'EUR' });
    expect(moneyToNumber(m)).toBe(16.99);
  });

  it('prefers priceInUcents over value in cart prices', () => {
    expect(moneyFromCartPrice({ value: 16.99, currencyCode: 'EUR', priceInUcents: 1699000000 }).micros).toBe(1699000000);
    // value disagreeing with priceInUcents: the integer wins
    expect(moneyFromCartPrice({ value: 17, currencyCode: 'EUR', priceInUcents: 1699000000 }).micros).toBe(1699000000);
  });

  it('converts decimal values exactly (no 16.99 * 1e8 float drift)', () => {
    expect(moneyFromCartPrice({ value: 16.99, currencyCode: 'EUR' })).toEqual({ micros: 1699000000, currency: 'EUR' });
    expect(moneyFromUnits(0.1 + 0.2, 'EUR').micros).toBe(30000000);
    expect(moneyFromUnits(3.398, 'EUR').micros).toBe(339800000);
    expect(moneyFromUnits(-2.5, 'EUR').micros).toBe(-250000000);
    expect(moneyFromUnits(1025.89, 'EUR').micros).toBe(102589000000);
  });

  it('adds, subtracts, multiplies and sums in integers', () => {
    const a = moneyFromMicroCents(1699000000, 'EUR');
    expect(addMoney(a, a).micros).toBe(3398000000);
    expect(subtractMoney(a, moneyFromMicroCents(699000000, 'EUR')).micros).toBe(1000000000);
    expect(multiplyMoney(a, 12).micros).toBe(20388000000);
    expect(sumMoney([a, a, a], 'EUR').micros).toBe(5097000000);
    expect(sumMoney([], 'GBP')).toEqual(zeroMoney('GBP'));
  });

  it('divides to the nearest micro-cent (upfront total spread over months)', () => {
    expect(divideMoney(moneyFromMicroCents(61549000000, 'EUR'), 12).micros).toBe(5129083333);
    expect(() => divideMoney(zeroMoney('EUR'), 0)).toThrow(CliError);
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(zeroMoney('EUR'), zeroMoney('GBP'))).toThrow(/EUR and GBP/);
    expect(() => compareMoney(zeroMoney('EUR'), zeroMoney('USD'))).toThrow(CliError);
  });

  it('compares and picks the smaller amount', () => {
    const small = moneyFromMicroCents(1, 'EUR');
    const big = moneyFromMicroCents(2, 'EUR');
    expect(compareMoney(small, big)).toBe(-1);
    expect(compareMoney(big, small)).toBe(1);
    expect(compareMoney(big, big)).toBe(0);
    expect(minMoney(big, small)).toBe(small);
  });

  it('multiplies only by whole factors', () => {
    expect(() => multiplyMoney(zeroMoney('EUR'), 1.5)).toThrow(/1.5/);
  });
});
