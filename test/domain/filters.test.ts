import { describe, expect, it } from 'vitest';
import { stockLookup, type AvailabilityRecord } from '../../src/domain/availability.js';
import { filterOffers, matchesSearch, sortOffers } from '../../src/domain/filters.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { authoredEcoCatalog } from './authored-catalog.js';

const offers = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
const codes = (list: { planCode: string }[]) => list.map((o) => o.planCode);

const records: AvailabilityRecord[] = [
  {
    fqn: 'ks-a.ram-16g-ecc-2133.softraid-2x500ssd',
    planCode: 'ks-a',
    memory: 'ram-16g-ecc-2133',
    storage: 'softraid-2x500ssd',
    datacenters: [
      { datacenter: 'gra', availability: 'unavailable' },
      { datacenter: 'rbx', availability: '240H' },
    ],
  },
  {
    fqn: 'rise-b.ram-32g-ecc-3200.softraid-2x512nvme',
    planCode: 'rise-b',
    memory: 'ram-32g-ecc-3200',
    storage: 'softraid-2x512nvme',
    datacenters: [
      { datacenter: 'gra', availability: '1H-high' },
      { datacenter: 'waw', availability: 'unavailable' },
    ],
  },
];
const stockOf = stockLookup(records);
const availability = new Map(offers.map((o) => [o.planCode, stockOf(o)]));

describe('offer filters', () => {
  it('searches name, plan code and CPU, all words, any case', () => {
    expect(codes(filterOffers(offers, { search: 'xeon' }))).toEqual(['ks-a']);
    expect(codes(filterOffers(offers, { search: 'AMD ryzen' }))).toEqual(['rise-b']);
    expect(codes(filterOffers(offers, { search: 'rise-b' }))).toEqual(['rise-b']);
    expect(codes(filterOffers(offers, { search: 'intel ryzen' }))).toEqual([]);
    expect(matchesSearch(offers[0]!, '  ')).toBe(true);
  });

  it('filters by minimum RAM and maximum monthly price (units, exact at the limit)', () => {
    expect(codes(filterOffers(offers, { minRamGb: 32 }))).toEqual(['rise-b']);
    expect(codes(filterOffers(offers, { maxMonthly: 10 }))).toEqual(['ks-a']);
    expect(codes(filterOffers(offers, { maxMonthly: 9.99 }))).toEqual([]);
  });

  it('filters by datacenter: orderable there when stock is known, offered there otherwise', () => {
    expect(codes(filterOffers(offers, { datacenters: ['gra'] }))).toEqual(['ks-a', 'rise-b']);
    expect(codes(filterOffers(offers, { datacenters: ['gra'] }, availability))).toEqual(['rise-b']);
    expect(codes(filterOffers(offers, { datacenters: ['WAW'] }))).toEqual(['rise-b']);
    expect(codes(filterOffers(offers, { datacenters: ['waw'] }, availability))).toEqual([]);
  });

  it('keeps only offers in stock somewhere with availableOnly', () => {
    expect(codes(filterOffers(offers, { availableOnly: true }, availability))).toEqual(['ks-a', 'rise-b']);
    expect(codes(filterOffers(offers, { availableOnly: true, datacenters: ['rbx'] }, availability))).toEqual(['ks-a']);
    expect(codes(filterOffers(offers, { availableOnly: true }))).toEqual([]);
  });
});

describe('offer sorts', () => {
  it('sorts by price (cheapest first), RAM and CPU (biggest first), delay (soonest first)', () => {
    expect(codes(sortOffers(offers, 'price'))).toEqual(['ks-a', 'rise-b']);
    expect(codes(sortOffers(offers, 'ram'))).toEqual(['rise-b', 'ks-a']);
    expect(codes(sortOffers(offers, 'cpu'))).toEqual(['rise-b', 'ks-a']);
    expect(codes(sortOffers(offers, 'delay', availability))).toEqual(['rise-b', 'ks-a']);
    // Without stock data, delay ties and falls back to price.
    expect(codes(sortOffers(offers, 'delay'))).toEqual(['ks-a', 'rise-b']);
  });

  it('does not reorder its input', () => {
    const input = [...offers].reverse();
    sortOffers(input, 'price');
    expect(codes(input)).toEqual(['rise-b', 'ks-a']);
  });
});
