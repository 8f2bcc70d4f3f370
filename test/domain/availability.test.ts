import { describe, expect, it } from 'vitest';
import {
  stockLookup,
  availabilityRank,
  compareDelays,
  delayHours,
  delayIn,
  delayLabel,
  fqnOf,
  hardwareFromOptions,
  isAvailableIn,
  isOrderable,
  offerAvailability,
  recordsForPlan,
  type AvailabilityRecord,
} from '../../src/domain/availability.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { authoredEcoCatalog } from './authored-catalog.js';

const [ks, rise] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
if (!ks || !rise) throw new Error('authored catalog changed');

const records: AvailabilityRecord[] = [
  {
    fqn: 'ks-a.ram-16g-ecc-2133.softraid-2x500ssd',
    planCode: 'ks-a',
    server: 'ks-a',
    memory: 'ram-16g-ecc-2133',
    storage: 'softraid-2x500ssd',
    datacenters: [
      { datacenter: 'rbx', availability: '72H' },
      { datacenter: 'gra', availability: '1H-low' },
      { datacenter: 'bhs', availability: 'unavailable' },
    ],
  },
  {
    fqn: 'ks-a.ram-32g-ecc-2133.softraid-2x500ssd',
    planCode: 'ks-a',
    server: 'ks-a',
    memory: 'ram-32g-ecc-2133',
    storage: 'softraid-2x500ssd',
    datacenters: [
      { datacenter: 'gra', availability: 'comingSoon' },
      { datacenter: 'rbx', availability: '240H' },
    ],
  },
  // A newer plan code for the same server, with names that carry/lack suffixes.
  {
    fqn: 'rise-b-v1.ram-32g.softraid-2x512nvme',
    planCode: 'rise-b-v1',
    server: 'rise-b',
    memory: 'ram-32g',
    storage: 'softraid-2x512nvme-rise-b',
    datacenters: [{ datacenter: 'waw', availability: '24H' }],
  },
];

describe('delay codes', () => {
  it.each([
    ['1H-high', '1 h', true, 1],
    ['1H-low', '1 h (low stock)', true, 1],
    ['24H', '24 h', true, 24],
    ['72H', '72 h', true, 72],
    ['2160H', '2160 h', true, 2160],
    ['unavailable', 'out of stock', false, null],
    ['comingSoon', 'coming soon', false, null],
    ['unknown', 'unknown', false, null],
    ['someday', 'someday', false, null],
  ])('%s reads as "%s", orderable %s', (code, label, orderable, hours) => {
    expect(delayLabel(code)).toBe(label);
    expect(isOrderable(code)).toBe(orderable);
    expect(delayHours(code)).toBe(hours);
  });

  it('sorts sooner first, high stock before low, then coming soon, unknown, out of stock', () => {
    const codes = ['unavailable', '72H', 'comingSoon', '1H-low', 'unknown', '1H-high', '240H', '24H'];
    expect([...codes].sort(compareDelays)).toEqual(['1H-high', '1H-low', '24H', '72H', '240H', 'comingSoon', 'unknown', 'unavailable']);
  });
});

describe('availability join', () => {
  it('joins the default hardware by fqn, soonest first', () => {
    const a = offerAvailability(ks, records);
    expect(a.fqn).toBe('ks-a.ram-16g-ecc-2133.softraid-2x500ssd');
    expect(a.match).toBe('exact');
    expect(a.datacenters.map((d) => [d.datacenter, d.availability, d.orderable])).toEqual([
      ['gra', '1H-low', true],
      ['rbx', '72H', true],
      ['bhs', 'unavailable', false],
    ]);
    expect(a.soonest?.datacenter).toBe('gra');
    expect(a.orderableDatacenters).toEqual(['gra', 'rbx']);
    expect(delayIn(a, 'RBX')?.label).toBe('72 h');
  });

  it('joins a chosen memory option (addon plan code carries a suffix, availability name does not)', () => {
    const choice = hardwareFromOptions(ks, ['ram-32g-ks-a']);
    expect(fqnOf('ks-a', choice)).toBe('ks-a.ram-32g-ecc-2133.softraid-2x500ssd');
    const a = offerAvailability(ks, records, choice);
    expect(a.fqn).toBe('ks-a.ram-32g-ecc-2133.softraid-2x500ssd');
    expect(a.soonest).toMatchObject({ datacenter: 'rbx', availability: '240H' });
    expect(isAvailableIn(a, ['gra'])).toBe(false);
    expect(isAvailableIn(a, ['rbx'])).toBe(true);
  });

  it('matches records by server when plan codes drift, and names by prefix either way', () => {
    expect(recordsForPlan('rise-b', records).map((r) => r.planCode)).toEqual(['rise-b-v1']);
    // rise-b's memory family has no default: its default hardware is the cheapest (32g, free).
    expect(rise.hardware.memory).toBe('ram-32g-ecc-3200');
    const a = offerAvailability(rise, records);
    expect(a.match).toBe('exact');
    expect(a.orderableDatacenters).toEqual(['waw']);
  });

  it('says "none" when nothing matches, and never crashes on an offer without records', () => {
    const none = offerAvailability(ks, []);
    expect(none).toMatchObject({ match: 'none', fqn: null, soonest: null, orderableDatacenters: [] });
    expect(isAvailableIn(none)).toBe(false);
    const other = offerAvailability(ks, records, hardwareFromOptions(ks, ['softraid-2x2000sa-ks-a']));
    expect(other.match).toBe('none');
  });

  it('uses a plan-wide record when it carries no hardware detail', () => {
    const a = offerAvailability(ks, [{ fqn: 'ks-a', planCode: 'ks-a', datacenters: [{ datacenter: 'gra1', availability: '24H' }] }]);
    expect(a.match).toBe('plan');
    expect(a.orderableDatacenters).toEqual(['gra']);
  });

  it("finds the stock by server name when no record carries the offer's plan code, and prefers the plan code when one does", () => {
    // The availability answer names a server's records by `server` too; some list them under another planCode.
    const underServerName: AvailabilityRecord = {
      fqn: 'ks-a.ram-16g-ecc-2133.softraid-2x500ssd',
      planCode: 'ks-a-legacy',
      server: 'ks-a',
      memory: 'ram-16g-ecc-2133',
      storage: 'softraid-2x500ssd',
      datacenters: [{ datacenter: 'sbg', availability: '24H' }],
    };
    const byName = stockLookup([underServerName])(ks);
    expect(byName.orderableDatacenters).toEqual(['sbg']);
    expect(offerAvailability(ks, [underServerName]).orderableDatacenters).toEqual(['sbg']);
    const both = stockLookup([underServerName, ...records])(ks);
    expect(both.orderableDatacenters).not.toContain('sbg');
    expect(both.soonest?.availability).toBe('1H-low');
  });

  it('ranks offers for sorting by their soonest delay', () => {
    const ksStock = stockLookup(records)(ks);
    expect(ksStock.soonest?.availability).toBe('1H-low');
    expect(availabilityRank(ksStock)).toBeLessThan(availabilityRank(undefined));
    expect(
      availabilityRank(offerAvailability(ks, [{ fqn: 'x', planCode: 'ks-a', datacenters: [{ datacenter: 'gra', availability: 'unavailable' }] }])),
    ).toBeGreaterThan(availabilityRank(ksStock));
  });
});
