// watch's pure logic: which stock counts (preference, --max-delay), events on transitions only,
// the stock query's own filters, and the pacing (jitter, backoff with Retry-After, the call window).
import { describe, expect, it } from 'vitest';
import { defaultHardware, type AvailabilityRecord } from '../../src/domain/availability.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import { observe, parseMaxDelay, stockQuery, transitions, type WatchTarget } from '../../src/domain/watch.js';
import { backoffDelayMs, CallWindow, MAX_BACKOFF_MS, nextCheckDelayMs } from '../../src/domain/watch-pacing.js';
import { authoredEcoCatalog } from './authored-catalog.js';

const [ks] = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
if (!ks) throw new Error('authored catalog changed');
const hardware = defaultHardware(ks);
const target: WatchTarget = { key: ks.planCode, planCode: ks.planCode, range: 'eco', name: ks.name, hardware, monthly: ks.monthly, setup: ks.setup, offer: ks };
const fqn = [ks.planCode, hardware.memory?.product, hardware.storage?.product].filter(Boolean).join('.');

function stock(delays: Record<string, string>): AvailabilityRecord[] {
  return [
    {
      fqn,
      planCode: ks!.planCode,
      server: ks!.planCode,
      memory: hardware.memory?.product,
      storage: hardware.storage?.product,
      datacenters: Object.entries(delays).map(([datacenter, availability]) => ({ datacenter, availability })),
    },
  ];
}

describe('observe', () => {
  it('keeps orderable datacenters in preference order, then soonest first', () => {
    const [o] = observe([target], stock({ rbx: '1H-high', gra: '72H', sbg: '24H', bhs: 'unavailable' }), { datacenters: ['gra', 'rbx'] });
    expect(o!.inStock.map((d) => d.datacenter)).toEqual(['gra', 'rbx']);
    const [anywhere] = observe([target], stock({ rbx: '72H', gra: '1H-low', bhs: 'comingSoon' }), { datacenters: [] });
    expect(anywhere!.inStock.map((d) => `${d.datacenter} ${d.delay}`)).toEqual(['gra 1 h (low stock)', 'rbx 72 h']);
  });

  it('--max-delay leaves out longer delays; comingSoon and unavailable never count', () => {
    const [o] = observe([target], stock({ gra: '120H', rbx: '72H', sbg: 'comingSoon' }), { datacenters: [], maxDelayHours: 72 });
    expect(o!.inStock.map((d) => d.datacenter)).toEqual(['rbx']);
    const [none] = observe([target], stock({ gra: 'comingSoon', rbx: 'unavailable', sbg: 'unknown' }), { datacenters: [] });
    expect(none!.inStock).toEqual([]);
  });

  it('parses --max-delay in hours or days', () => {
    expect(parseMaxDelay('72h')).toBe(72);
    expect(parseMaxDelay('3d')).toBe(72);
    expect(parseMaxDelay(' 24H ')).toBe(24);
    expect(parseMaxDelay('soon')).toBeNull();
    expect(parseMaxDelay('72')).toBeNull();
  });
});

describe('transitions', () => {
  const t0 = new Date('2026-01-01T10:00:00Z');
  const t1 = new Date('2026-01-01T10:01:00Z');
  const t2 = new Date('2026-01-01T10:02:00Z');
  const rule = { datacenters: ['gra', 'rbx'] };

  it('a first check with stock is an alert, with no stock silence; the same state again is silence', () => {
    const first = transitions([target], {}, observe([target], stock({ gra: 'unavailable' }), rule), t0);
    expect(first.events).toEqual([]);
    const second = transitions([target], first.memory, observe([target], stock({ gra: 'unavailable', rbx: '24H' }), rule), t1);
    expect(second.events.map((e) => [e.event, e.datacenter, e.delivery])).toEqual([['available', 'rbx', '24 h']]);
    expect(second.events[0]!.monthly).toEqual(ks.monthly);
    // More stock, same answer to "can I order it": no new alert.
    const third = transitions([target], second.memory, observe([target], stock({ gra: '1H-high', rbx: '24H' }), rule), t2);
    expect(third.events).toEqual([]);
    expect(third.memory[target.key]!.since).toBe(t1.toISOString());
  });

  it('stock gone is one unavailable event saying since when it was in stock', () => {
    const up = transitions([target], {}, observe([target], stock({ gra: '1H-high' }), rule), t0);
    const down = transitions([target], up.memory, observe([target], stock({ gra: 'unavailable' }), rule), t1);
    expect(down.events.map((e) => [e.event, e.datacenter, e.availableSince])).toEqual([['unavailable', null, t0.toISOString()]]);
    expect(transitions([target], down.memory, observe([target], [], rule), t2).events).toEqual([]);
  });
});

describe('stockQuery', () => {
  it('filters by plan when one plan is watched, by datacenters when a preference is given', () => {
    expect(stockQuery([target], { datacenters: ['GRA', 'rbx'] })).toEqual({ planCode: ks.planCode, datacenters: 'gra,rbx' });
    expect(stockQuery([target, { ...target, key: 'other', planCode: 'other' }], { datacenters: [] })).toEqual({});
  });
});

describe('pacing', () => {
  it('jitter only lengthens the interval, by at most 10 %', () => {
    expect(nextCheckDelayMs(60_000, 0)).toBe(60_000);
    expect(nextCheckDelayMs(60_000, 0.999)).toBeLessThanOrEqual(66_000);
  });

  it('backoff doubles per failure, is capped, and never undercuts Retry-After', () => {
    expect(backoffDelayMs(60_000, 1, 0)).toBe(60_000);
    expect(backoffDelayMs(60_000, 3, 0)).toBe(240_000);
    expect(backoffDelayMs(60_000, 20, 0)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(10_000, 1, 0, 120)).toBe(120_000);
  });

  it('the call window holds at most `limit` calls in any minute', () => {
    const window = new CallWindow(3, 60_000);
    for (const t of [0, 1000, 2000]) {
      expect(window.waitMs(t)).toBe(0);
      window.record(t);
    }
    expect(window.waitMs(3000)).toBe(57_000);
    expect(window.waitMs(60_000)).toBe(0); // the call at 0 left the window
    expect(window.inWindow(61_500)).toBe(1);
  });
});
