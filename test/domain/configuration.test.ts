import { describe, expect, it } from 'vitest';
import {
  assertConfigurationPlan,
  duplicatedLabels,
  missingConfiguration,
  parseConfigFlags,
  planConfiguration,
  type RequiredConfigurationItem,
} from '../../src/domain/configuration.js';
import { UsageError } from '../../src/domain/errors.js';

const required: RequiredConfigurationItem[] = [
  { label: 'dedicated_datacenter', required: false, type: 'String', fields: null, allowedValues: ['bhs', 'gra', 'rbx'] },
  { label: 'dedicated_os', required: true, type: 'String', fields: null, allowedValues: ['none_64.en'] },
  { label: 'enable-backup', required: false, type: 'String', fields: null, allowedValues: ['false', 'true'] },
  { label: 'region', required: true, type: 'String', fields: null, allowedValues: ['canada', 'europe'] },
  { label: 'extra_reservation', required: false, type: 'String', fields: null, allowedValues: null },
  { label: 'slots', required: false, type: 'Integer', fields: null },
  { label: 'monitoring', required: false, type: 'Boolean', fields: null },
  { label: 'TECH_ACCOUNT', required: false, type: 'Nichandle', fields: null },
];

const asRecord = (entries: { label: string; value: string }[]) => Object.fromEntries(entries.map((e) => [e.label, e.value]));

describe('configuration plan', () => {
  it('derives everything from the datacenter: datacenter, region, and the single OS value filled in', () => {
    const plan = planConfiguration(required, { datacenter: 'gra' });
    expect(plan.problems).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(plan.entries).toEqual([
      { label: 'dedicated_datacenter', value: 'gra', source: 'datacenter' },
      { label: 'dedicated_os', value: 'none_64.en', source: 'filled-in' },
      { label: 'region', value: 'europe', source: 'region-from-datacenter' },
    ]);
  });

  it('puts each label once and keeps optional labels out unless given', () => {
    const plan = planConfiguration(required, { datacenter: 'bhs', values: { 'enable-backup': 'true', extra_reservation: 'rack-12' } });
    const labels = plan.entries.map((e) => e.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(asRecord(plan.entries)).toEqual({
      dedicated_datacenter: 'bhs',
      dedicated_os: 'none_64.en',
      'enable-backup': 'true',
      region: 'canada',
      extra_reservation: 'rack-12',
    });
  });

  it('treats dedicated_datacenter as required although the API says required: false', () => {
    const plan = planConfiguration(required, {});
    expect(plan.missing.map((m) => m.label)).toEqual(['dedicated_datacenter', 'region']);
    expect(plan.missing[0]?.allowedValues).toEqual(['bhs', 'gra', 'rbx']);
    expect(() => assertConfigurationPlan(plan)).toThrow(/Missing the datacenter \(--datacenter\); allowed: bhs, gra, rbx/);
  });

  it('rejects values outside allowedValues, naming the value and the allowed ones', () => {
    const plan = planConfiguration(required, { datacenter: 'atlantide', values: { 'enable-backup': 'maybe' } });
    expect(plan.problems.map((p) => p.message)).toEqual([
      'Datacenter "atlantide" is not allowed. Allowed: bhs, gra, rbx.',
      'Value "maybe" is not allowed for "enable-backup". Allowed: false, true.',
    ]);
    expect(plan.problems[0]?.allowed).toEqual(['bhs', 'gra', 'rbx']);
    try {
      assertConfigurationPlan(plan);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
    }
  });

  it('accepts other spellings of an allowed value and posts the API’s spelling', () => {
    const plan = planConfiguration(required, { datacenter: 'GRA1', values: { 'enable-backup': 'TRUE' } });
    expect(plan.problems).toEqual([]);
    expect(asRecord(plan.entries)).toMatchObject({ dedicated_datacenter: 'gra', 'enable-backup': 'true', region: 'europe' });
  });

  it('validates types for labels without allowed values', () => {
    const bad = planConfiguration(required, { datacenter: 'gra', values: { slots: 'two', monitoring: 'yes', TECH_ACCOUNT: 'not a nic!' } });
    expect(bad.problems.map((p) => [p.label, p.code])).toEqual([
      ['slots', 'bad-type'],
      ['monitoring', 'bad-type'],
      ['TECH_ACCOUNT', 'bad-type'],
    ]);
    expect(bad.problems[0]?.message).toBe('Value "two" for "slots" is not a whole number.');
    const good = planConfiguration(required, { datacenter: 'gra', values: { slots: '2', monitoring: 'false', TECH_ACCOUNT: 'ab12345-ovh' } });
    expect(good.problems).toEqual([]);
  });

  it('refuses unknown labels and a region that contradicts the datacenter', () => {
    const plan = planConfiguration(required, { datacenter: 'gra', values: { colour: 'blue', region: 'canada' } });
    expect(plan.problems.map((p) => p.code)).toEqual(['unknown-label', 'conflict']);
    expect(plan.problems[0]?.message).toContain('Unknown configuration label "colour"');
    expect(plan.problems[1]?.message).toBe('Region "canada" does not match datacenter "gra", which is in region "europe".');
  });

  it('refuses two different datacenters', () => {
    const plan = planConfiguration(required, { datacenter: 'gra', values: { dedicated_datacenter: 'rbx' } });
    expect(plan.problems[0]).toMatchObject({ label: 'dedicated_datacenter', code: 'conflict' });
  });

  it('takes --os for dedicated_os and checks it', () => {
    expect(planConfiguration(required, { datacenter: 'gra', os: 'none_64.en' }).entries[1]).toEqual({
      label: 'dedicated_os',
      value: 'none_64.en',
      source: 'given',
    });
    expect(planConfiguration(required, { datacenter: 'gra', os: 'debian12' }).problems[0]?.message).toBe(
      'Operating system "debian12" is not allowed. Allowed: none_64.en.',
    );
  });

  it('reports complex API-typed labels it cannot set', () => {
    const plan = planConfiguration([{ label: 'contact', required: true, type: '/me/contact', fields: ['email'] }], { values: { contact: 'x' } });
    expect(plan.problems[0]?.code).toBe('unsupported-type');
  });

  it('does not mistake Object.prototype names for given values', () => {
    const plan = planConfiguration([{ label: 'constructor', required: true, type: 'String' }], {});
    expect(plan.missing.map((m) => m.label)).toEqual(['constructor']);
  });
});

describe('cart show helpers', () => {
  it('lists what a cart item still needs, dedicated_datacenter included', () => {
    const missing = missingConfiguration(required, [{ label: 'dedicated_os', value: 'none_64.en' }]);
    expect(missing.map((m) => m.label)).toEqual(['dedicated_datacenter', 'region']);
    expect(missingConfiguration(required, [{ label: 'dedicated_os' }, { label: 'region' }, { label: 'dedicated_datacenter' }])).toEqual([]);
  });

  it('finds labels configured twice', () => {
    expect(duplicatedLabels([{ label: 'region' }, { label: 'dedicated_os' }, { label: 'region' }])).toEqual(['region']);
  });
});

describe('--config flags', () => {
  it('parses label=value pairs (values may contain =)', () => {
    expect(parseConfigFlags(['region=europe', 'extra_reservation=a=b'])).toEqual({ region: 'europe', extra_reservation: 'a=b' });
    expect(parseConfigFlags()).toEqual({});
  });

  it('rejects malformed and repeated flags', () => {
    expect(() => parseConfigFlags(['region'])).toThrow(/"region" is not of the form label=value/);
    expect(() => parseConfigFlags(['=x'])).toThrow(UsageError);
    expect(() => parseConfigFlags(['region=europe', 'region=canada'])).toThrow(/"region" twice/);
  });
});
