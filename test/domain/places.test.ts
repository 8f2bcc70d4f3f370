import { describe, expect, it } from 'vitest';
import {
  datacenterInfo,
  datacentersInRegion,
  describeDatacenter,
  normaliseDatacenter,
  parseDatacenterList,
  regionForDatacenter,
  sameDatacenter,
  toConfigurationValue,
} from '../../src/domain/places.js';

describe('places', () => {
  it.each([
    ['gra', 'gra'],
    ['GRA', 'gra'],
    ['gra1', 'gra'],
    ['gra11', 'gra'],
    ['rbx8', 'rbx'],
    ['eu-west-gra-a', 'gra'],
    ['ca-east-bhs-a', 'bhs'],
    ['eu-west-par-b', 'par'],
    ['ap-southeast-sgp-a', 'sgp'],
    ['rbx-hz', 'rbx-hz'],
    ['atlantide', 'atlantide'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normaliseDatacenter(input)).toBe(expected);
  });

  it('maps datacenters to the region configuration value', () => {
    expect(regionForDatacenter('gra')).toBe('europe');
    expect(regionForDatacenter('waw')).toBe('europe');
    expect(regionForDatacenter('lon')).toBe('europe');
    expect(regionForDatacenter('bhs')).toBe('canada');
    expect(regionForDatacenter('eu-west-rbx-a')).toBe('europe');
    expect(regionForDatacenter('atlantide')).toBeUndefined();
  });

  it('only returns a region the API offers when given its allowed values', () => {
    expect(regionForDatacenter('bhs', ['canada', 'europe'])).toBe('canada');
    expect(regionForDatacenter('bhs', ['europe'])).toBeUndefined();
    expect(regionForDatacenter('vin', ['canada', 'europe'])).toBeUndefined();
  });

  it('maps regions back to datacenters', () => {
    expect(datacentersInRegion('canada')).toEqual(['bhs', 'tor']);
    expect(datacentersInRegion('europe')).toContain('gra');
  });

  it('picks the spelling an endpoint accepts', () => {
    expect(toConfigurationValue('gra', ['bhs', 'gra1'])).toBe('gra1');
    expect(toConfigurationValue('gra1', ['bhs', 'gra'])).toBe('gra');
    expect(toConfigurationValue('GRA', null)).toBe('gra');
    expect(toConfigurationValue('sgp', ['bhs', 'gra'])).toBeUndefined();
  });

  it('describes places for a person', () => {
    expect(describeDatacenter('gra1')).toBe('gra (Gravelines, France)');
    expect(describeDatacenter('bhs')).toBe('bhs (Beauharnois, Canada)');
    expect(describeDatacenter('xyz')).toBe('xyz');
    expect(datacenterInfo('fra')?.country).toBe('DE');
    expect(sameDatacenter('GRA', 'eu-west-gra-a')).toBe(true);
    expect(sameDatacenter('gra', 'rbx')).toBe(false);
  });

  it('parses a --datacenter list', () => {
    expect(parseDatacenterList('gra, RBX,,gra1')).toEqual(['gra', 'rbx']);
  });
});
