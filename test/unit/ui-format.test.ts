import { describe, expect, it } from 'vitest';
import { formatDuration, formatGigabytes, formatMoney, formatRelative } from '../../src/ui/format.js';
import { renderTable, wrapLines } from '../../src/ui/table.js';

describe('money and words', () => {
  it('formats micro-cents in the subsidiary locale', () => {
    expect(formatMoney(8_999_000_000, 'EUR', 'fr-FR')).toBe('89,99 €');
    expect(formatMoney(1_699_000_000, 'GBP', 'en-GB')).toBe('£16.99');
    expect(formatMoney(12_345_678_900, 'USD', 'en-US')).toBe('$123.46');
    expect(formatMoney(100_000_000, 'points', 'en-GB')).toBe('1.00 points');
  });

  it('says sizes, durations and relative times in plain words', () => {
    expect(formatGigabytes(512)).toBe('512 GB');
    expect(formatGigabytes(4000)).toBe('4 TB');
    expect(formatDuration('P1M')).toBe('1 month');
    expect(formatDuration('P12M')).toBe('12 months');
    expect(formatDuration('P1Y')).toBe('12 months');
    expect(formatDuration('P0D')).toBe('one-off');
    const now = new Date('2026-01-01T00:00:00Z');
    expect(formatRelative(new Date('2026-01-01T03:00:00Z'), now)).toBe('in 3 h');
    expect(formatRelative(new Date('2025-12-30T00:00:00Z'), now)).toBe('2 d ago');
  });

  it('renders aligned borderless tables', () => {
    const out = renderTable(
      [{ header: 'Plan' }, { header: 'Price', align: 'right' }],
      [
        ['24rise01', '€89.99'],
        ['24sk10', '€6.99'],
      ],
    );
    const lines = out.split('\n').map((l) => l.trimEnd());
    expect(lines[0]).toMatch(/^Plan\s+Price$/);
    expect(lines[1]).toMatch(/^24rise01\s+€89\.99$/);
    expect(lines[2]).toMatch(/^24sk10\s+€6\.99$/);
    expect(lines[1]!.length).toBe(lines[2]!.length);
  });

  it("wraps a long note at spaces within the width, keeping each line's indentation and never splitting a word", () => {
    const url = `https://example.org/${'x'.repeat(90)}.pdf`;
    const wrapped = wrapLines(`Private bandwidth (vRack): 1Gbps unmetered and guaranteed private bandwidth (the catalog default)\n    ${url}`, 40);
    expect(wrapped.split('\n')).toEqual([
      'Private bandwidth (vRack): 1Gbps',
      '  unmetered and guaranteed private',
      '  bandwidth (the catalog default)',
      `    ${url}`,
    ]);
    expect(wrapLines('  short line', 40)).toBe('  short line');
  });

  it('a wrapped cell keeps its leading spaces on every line, so a nested row stays nested', () => {
    const out = renderTable(
      [{ header: 'Description', maxWidth: 24, wrap: true }, { header: 'Total' }],
      [
        ['RISE-1 location - centre de données gra', '54,14 €'],
        ['  2x SSD NVMe 512GB Soft RAID location', '0,00 €'],
      ],
    );
    expect(out.split('\n').map((l) => l.trimEnd())).toEqual([
      'Description               Total',
      'RISE-1 location - centre  54,14 €',
      'de données gra',
      '  2x SSD NVMe 512GB Soft  0,00 €',
      '  RAID location',
    ]);
  });
});
