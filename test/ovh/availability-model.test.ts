import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runningInCi } from '../helpers/data-pack.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServerTimeSchema } from '../../src/ovh/models/auth.js';
import { DatacenterAvailabilityListSchema, DatacenterAvailabilitySchema } from '../../src/ovh/models/availability.js';
import { CatalogPricingFullSchema } from '../../src/ovh/models/catalog.js';
import { acceptsAvailability, acceptsAvailabilityList, acceptsPricing, acceptsServerTime } from '../../src/ovh/models/checks.js';
import { disagreements, WRONG_VALUES, type Json } from './helpers/fast-path-agreement.js';

const record = (change: Record<string, unknown> = {}) => ({
  fqn: '24ska01.ram-64g-noecc-2133.softraid-1x480ssd',
  planCode: '24ska01',
  server: '24ska01',
  memory: 'ram-64g-noecc-2133',
  storage: 'softraid-1x480ssd',
  datacenters: [
    { datacenter: 'gra', availability: '72H' },
    { datacenter: 'rbx', availability: 'unavailable' },
  ],
  ...change,
});

const paths = (value: unknown) => {
  const result = DatacenterAvailabilityListSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
};

describe('availability answer (hand-checked before zod)', () => {
  it('gives a valid answer back as it came, unknown fields included, without copying it', () => {
    const answer = [record({ gpu: null, systemStorage: undefined, newField: 1 }), record({ memory: null, storage: null })];
    const parsed = DatacenterAvailabilityListSchema.parse(answer);
    expect(parsed).toBe(answer);
    expect((parsed[0] as Record<string, unknown>).newField).toBe(1);
  });

  it('rejects what the schema rejects, with the path zod names', () => {
    expect(paths([record(), record({ planCode: 42 })])).toEqual(['1.planCode: invalid_type']);
    expect(paths([record({ datacenters: [{ datacenter: 'gra' }] })])).toEqual(['0.datacenters.0.availability: invalid_type']);
    expect(paths([record({ memory: 3 })])).toEqual(['0.memory: invalid_type']);
    expect(paths([record({ server: undefined })])).toEqual(['0.server: invalid_type']);
    expect(paths({ records: [] })).toEqual([': invalid_type']);
  });
});

describe('the hand checks agree with their zod schemas', () => {
  const fixture = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../shared/fixtures/ovh/dedicated-datacenter-availabilities-2026-trimmed.json',
  );
  if (!existsSync(fixture) && runningInCi()) throw new Error(`${fixture} is missing: under CI=true this is a failure, not a skip.`);
  const recorded = existsSync(fixture) ? (JSON.parse(readFileSync(fixture, 'utf8')) as Json[]) : [];

  it('never accepts a stock record the schema rejects, whatever field is removed or mistyped', () => {
    const samples: Json[] = [record({ gpu: 'x', systemStorage: 'y' }), ...recorded.slice(0, 2)];
    for (const sample of samples) {
      expect(acceptsAvailability(sample)).toBe(true);
      expect(disagreements(sample, acceptsAvailability, DatacenterAvailabilitySchema)).toEqual([]);
    }
    expect(acceptsAvailabilityList(recorded)).toBe(true);
    for (const wrong of WRONG_VALUES) expect(acceptsAvailabilityList(wrong) && !z.array(DatacenterAvailabilitySchema).safeParse(wrong).success).toBe(false);
  });

  it('never accepts a server time the schema rejects', () => {
    for (const value of [...WRONG_VALUES, 1_764_700_000, 1.5, -1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '1764700000']) {
      expect(acceptsServerTime(value), String(value)).toBe(ServerTimeSchema.safeParse(value).success);
    }
  });

  it('never accepts a price the schema rejects, whatever field is removed or mistyped', () => {
    const pricing: Json = {
      capacities: ['installation', 'renew'],
      commitment: 0,
      description: 'Monthly',
      interval: 1,
      intervalUnit: 'month',
      mode: 'default',
      mustBeCompleted: false,
      phase: 1,
      price: 2_099_000_000,
      quantity: { min: 1, max: 1 },
      repeat: { min: 1 },
      strategy: 'tiered',
      tax: 0,
      type: 'rental',
      engagementConfiguration: { type: 'full', duration: 'P12M', defaultEndAction: 'REACTIVATE_ENGAGEMENT' },
      promotions: [
        {
          name: 'p',
          description: 'd',
          type: 'percentage',
          value: 50,
          duration: 1,
          startDate: null,
          endDate: '2026-12-31',
          total: { value: 1, tax: 0 },
          discount: { value: 1 },
        },
      ],
    };
    expect(acceptsPricing(pricing)).toBe(true);
    expect(disagreements(pricing, acceptsPricing, CatalogPricingFullSchema)).toEqual([]);
  });
});
