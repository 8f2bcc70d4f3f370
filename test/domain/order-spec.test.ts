import { describe, expect, it } from 'vitest';
import { offerAvailability, hardwareFromOptions, type AvailabilityRecord } from '../../src/domain/availability.js';
import { parseConfigFlags, type RequiredConfigurationItem } from '../../src/domain/configuration.js';
import { normaliseCatalog } from '../../src/domain/offers.js';
import {
  assertSpecValid,
  completeSpec,
  mergeSpecWithFlags,
  missingSpecFlags,
  orderSpecJsonSchema,
  parseOrderSpec,
  parseOrderSpecText,
  validateSpecAgainstOffer,
  type OrderSpec,
} from '../../src/domain/order-spec.js';
import { UsageError } from '../../src/domain/errors.js';
import { authoredEcoCatalog } from './authored-catalog.js';

const good: OrderSpec = {
  version: 1,
  range: 'eco',
  subsidiary: 'FR',
  planCode: 'ks-a',
  duration: 'P1M',
  pricingMode: 'default',
  quantity: 1,
  datacenter: 'gra',
  options: [],
  configuration: {},
};

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('order spec parsing', () => {
  it('accepts a complete spec', () => {
    expect(parseOrderSpec({ ...good, endpoint: 'ovh-eu', os: 'none_64.en' })).toEqual({ ...good, endpoint: 'ovh-eu', os: 'none_64.en' });
  });

  it('names each wrong field', () => {
    const message = messageOf(() => parseOrderSpec({ ...good, quantity: 'two', range: 'cloud', duration: '1 month', subsidiary: 'fr' }, 'rise1.json'));
    expect(message).toContain('rise1.json is not valid');
    expect(message).toContain('"range" must be one of dedicated, baremetal, eco');
    expect(message).toContain('"subsidiary" must be an upper-case subsidiary code');
    expect(message).toContain('"duration" must be an ISO 8601 duration');
    expect(message).toContain('"quantity" expected number, received string');
    expect(message).not.toContain('missing');
  });

  it('rejects unknown fields, listing the allowed ones', () => {
    const message = messageOf(() => parseOrderSpec({ ...good, colour: 'blue' }));
    expect(message).toContain('unknown field "colour"');
    expect(message).toContain('allowed fields: version, endpoint, range');
  });

  it('names missing fields and a wrong version', () => {
    const { planCode: _drop, ...withoutPlan } = good;
    expect(messageOf(() => parseOrderSpec(withoutPlan))).toContain('"planCode" is missing');
    expect(messageOf(() => parseOrderSpec({ ...good, version: 2 }))).toContain('"version" must be 1');
    expect(messageOf(() => parseOrderSpec({ ...good, quantity: 0 }))).toContain('"quantity" must be 1 or more');
  });

  it('fills defaults for the fields a hand-written spec may leave out', () => {
    const { duration: _d, pricingMode: _p, quantity: _q, options: _o, configuration: _c, ...minimal } = good;
    expect(parseOrderSpec(minimal)).toEqual(good);
    expect(messageOf(() => parseOrderSpec([1]))).toContain('must be a JSON object');
  });

  it('reports text that is not JSON', () => {
    expect(messageOf(() => parseOrderSpecText('{ nope', 'a.json'))).toMatch(/^a\.json is not valid JSON/);
    expect(parseOrderSpecText(JSON.stringify(good))).toEqual(good);
  });

  it('exports the JSON Schema of the format', () => {
    const schema = JSON.parse(orderSpecJsonSchema()) as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toContain('planCode');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'range', 'planCode', 'datacenter']));
    expect(schema.required).not.toContain('os');
    expect(schema.required).not.toContain('quantity');
    const duration = (schema.properties.duration as { pattern: string }).pattern;
    expect(new RegExp(duration).test('P1Y')).toBe(true);
    expect(new RegExp(duration).test('P')).toBe(false);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('spec and flags', () => {
  it('lets flags override the spec and fills defaults', () => {
    const merged = mergeSpecWithFlags(
      { ...good, options: ['ram-32g-ks-a'], configuration: { region: 'europe', extra_reservation: 'x' } },
      { datacenter: 'RBX1', quantity: 2, config: parseConfigFlags(['extra_reservation=y']) },
    );
    expect(merged).toMatchObject({ datacenter: 'rbx', quantity: 2, options: ['ram-32g-ks-a'], configuration: { region: 'europe', extra_reservation: 'y' } });
    expect(mergeSpecWithFlags(good, { option: ['ram-16g-ks-a'] }).options).toEqual(['ram-16g-ks-a']);
  });

  it('builds a spec from flags alone and lists the missing flags', () => {
    const partial = mergeSpecWithFlags(undefined, { plan: 'ks-a', range: 'eco' }, { subsidiary: 'FR' });
    expect(missingSpecFlags(partial)).toEqual(['--datacenter']);
    expect(messageOf(() => completeSpec(partial))).toBe('Missing --datacenter.');
    const complete = completeSpec({ ...partial, datacenter: 'gra' });
    expect(complete).toEqual({ ...good });
  });
});

describe('spec against an offer', () => {
  const offers = normaliseCatalog({ range: 'eco', catalog: authoredEcoCatalog() });
  const ks = offers[0]!;
  const problems = (spec: Partial<OrderSpec>, ...rest: Parameters<typeof validateSpecAgainstOffer> extends [unknown, unknown, ...infer R] ? R : never) =>
    validateSpecAgainstOffer(
      { ...good, ...spec },
      offers.find((o) => o.planCode === (spec.planCode ?? good.planCode)),
      ...rest,
    );

  it('finds nothing wrong with a good spec', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ pricingMode: 'upfront12', duration: 'P12M', options: ['ram-32g-ks-a'], datacenter: 'bhs' })).toEqual([]);
  });

  it('reports an unknown plan with the plan codes of the range', () => {
    const found = validateSpecAgainstOffer({ ...good, planCode: 'ks-z' }, undefined, undefined, undefined, { offers });
    expect(found).toEqual([expect.objectContaining({ field: 'planCode', code: 'unknown-plan', allowed: ['ks-a', 'rise-b'] })]);
  });

  it('reports a plan of another range', () => {
    const found = validateSpecAgainstOffer({ ...good, range: 'baremetal' }, ks);
    expect(found).toEqual([expect.objectContaining({ field: 'range', code: 'wrong-range', message: 'Plan "ks-a" is in the eco range, not baremetal.' })]);
  });

  it('reports every problem at once, each with the allowed values', () => {
    const found = problems({ datacenter: 'waw', pricingMode: 'upfront24', duration: 'P2Y', options: ['ram-16g-ks-a', 'ram-32g-ks-a', 'gpu-x'] });
    expect(found.map((p) => [p.field, p.code])).toEqual([
      ['pricingMode', 'invalid-pricing'],
      ['datacenter', 'invalid-datacenter'],
      ['options', 'unknown-option'],
      ['options', 'exclusive-conflict'],
    ]);
    expect(found[0]?.allowed).toEqual(['default P1M', 'degressivity12 P1M', 'upfront12 P1Y']);
    expect(found[1]?.message).toBe('Datacenter "waw" is not offered for ks-a. Allowed: bhs, gra, rbx.');
    expect(messageOf(() => assertSpecValid(found))).toContain('cannot be ordered');
  });

  it('reports a wrong duration for a known mode, and a quantity over the limit', () => {
    expect(problems({ pricingMode: 'upfront12', duration: 'P1M' })[0]).toMatchObject({ field: 'duration', code: 'invalid-pricing' });
    expect(problems({ quantity: 4 })[0]).toMatchObject({ field: 'quantity', code: 'invalid-quantity' });
  });

  it('reports a datacenter out of stock with where it is in stock', () => {
    const records: AvailabilityRecord[] = [
      {
        fqn: 'ks-a.ram-16g-ecc-2133.softraid-2x500ssd',
        planCode: 'ks-a',
        memory: 'ram-16g-ecc-2133',
        storage: 'softraid-2x500ssd',
        datacenters: [
          { datacenter: 'gra', availability: 'unavailable' },
          { datacenter: 'rbx', availability: '24H' },
        ],
      },
    ];
    const availability = offerAvailability(ks, records, hardwareFromOptions(ks, good.options));
    const found = validateSpecAgainstOffer(good, ks, undefined, undefined, { availability });
    expect(found).toEqual([
      expect.objectContaining({
        field: 'datacenter',
        code: 'out-of-stock',
        message: 'ks-a is out of stock in gra (Gravelines, France). In stock: rbx.',
        allowed: ['rbx'],
      }),
    ]);
  });

  it('checks configuration against the item’s requiredConfiguration', () => {
    const required: RequiredConfigurationItem[] = [
      { label: 'dedicated_datacenter', required: false, type: 'String', allowedValues: ['gra', 'rbx'] },
      { label: 'dedicated_os', required: true, type: 'String', allowedValues: ['none_64.en'] },
      { label: 'region', required: true, type: 'String', allowedValues: ['canada', 'europe'] },
    ];
    expect(validateSpecAgainstOffer({ ...good, os: 'debian' }, ks, undefined, required)).toEqual([
      expect.objectContaining({ field: 'os', code: 'invalid-configuration', allowed: ['none_64.en'] }),
    ]);
    expect(validateSpecAgainstOffer({ ...good, configuration: { colour: 'blue' } }, ks, undefined, required)[0]).toMatchObject({
      field: 'configuration.colour',
    });
    // bhs is offered by the catalog but not by this item's configuration
    expect(validateSpecAgainstOffer({ ...good, datacenter: 'bhs' }, ks, undefined, required)[0]).toMatchObject({
      code: 'invalid-datacenter',
      allowed: ['gra', 'rbx'],
    });
    // A refused datacenter is the one problem: the region it would give is not reported missing too.
    expect(validateSpecAgainstOffer({ ...good, datacenter: 'xyz' }, ks, undefined, required).map((p) => p.field)).toEqual(['datacenter']);
  });

  it('reports a mandatory option family that cannot be filled', () => {
    const rise = offers[1]!;
    const found = validateSpecAgainstOffer({ ...good, planCode: 'rise-b', datacenter: 'gra' }, rise);
    expect(found).toEqual([expect.objectContaining({ field: 'options', code: 'missing-option' })]);
  });
});
