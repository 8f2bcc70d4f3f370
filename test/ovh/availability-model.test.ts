import { describe, expect, it } from 'vitest';
import { DatacenterAvailabilityListSchema } from '../../src/ovh/models/availability.js';

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
