import { describe, expect, it } from 'vitest';
import { durationOfMonths, isIsoDuration, monthsOfDuration, monthsOfInterval, sameDuration } from '../../src/domain/durations.js';

describe('durations', () => {
  it('reads ISO durations as months', () => {
    expect(monthsOfDuration('P1M')).toBe(1);
    expect(monthsOfDuration('P12M')).toBe(12);
    expect(monthsOfDuration('P1Y')).toBe(12);
    expect(monthsOfDuration('P2Y')).toBe(24);
    expect(monthsOfDuration('P1Y6M')).toBe(18);
    expect(monthsOfDuration('P0D')).toBe(0);
    expect(monthsOfDuration('p1m')).toBe(1);
    expect(monthsOfDuration('P3D')).toBeUndefined();
    expect(monthsOfDuration('1 month')).toBeUndefined();
    expect(monthsOfDuration('P')).toBeUndefined();
  });

  it('writes months the way the cart does', () => {
    expect(durationOfMonths(1)).toBe('P1M');
    expect(durationOfMonths(3)).toBe('P3M');
    expect(durationOfMonths(12)).toBe('P1Y');
    expect(durationOfMonths(24)).toBe('P2Y');
  });

  it('compares durations by months and validates their form', () => {
    expect(sameDuration('P12M', 'P1Y')).toBe(true);
    expect(sameDuration('P1M', 'P1Y')).toBe(false);
    expect(isIsoDuration('P1M')).toBe(true);
    expect(isIsoDuration('P')).toBe(false);
    expect(isIsoDuration('12')).toBe(false);
  });

  it('reads catalog intervals', () => {
    expect(monthsOfInterval(12, 'month')).toBe(12);
    expect(monthsOfInterval(1, 'year')).toBe(12);
    expect(monthsOfInterval(0, 'none')).toBe(0);
    expect(monthsOfInterval(1, 'hour')).toBe(0);
  });
});
