import { describe, expect, it } from 'vitest';
import { describeRangeContents, familyName, rangeContents } from '../../src/domain/range-contents.js';

describe('range contents', () => {
  it('names the product lines of a catalog’s offers, most offers first', () => {
    const offers = [{ family: 'rise' }, { family: 'kimsufi' }, { family: 'kimsufi' }, { family: 'soyoustart' }, { family: null }];
    expect(rangeContents(offers)).toEqual([
      { name: 'Kimsufi', offers: 2 },
      { name: 'Rise', offers: 1 },
      { name: 'So you Start', offers: 1 },
      { name: 'Other', offers: 1 },
    ]);
    expect(describeRangeContents(rangeContents(offers))).toBe('Kimsufi (2), Rise (1), So you Start (1), Other (1)');
    expect(describeRangeContents(rangeContents(offers), { counts: false })).toBe('Kimsufi, Rise, So you Start, Other');
    expect(describeRangeContents([])).toBe('no offer');
  });

  it('spells known families and keeps a new one as the catalog writes it', () => {
    expect(familyName('hgr')).toBe('High Grade');
    expect(familyName('quantum')).toBe('Quantum');
  });
});
