import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../src/domain/errors.js';
import { ALL_SUBSIDIARIES, ENDPOINT_PRESETS, parseEndpoint } from '../../src/ovh/endpoints.js';

describe('parseEndpoint: presets', () => {
  it.each([
    ['ovh-eu', 'eu.api.ovh.com', 'https://www.ovh.com/auth/'],
    ['ovh-ca', 'ca.api.ovh.com', 'https://ca.ovh.com/auth/'],
    ['ovh-us', 'api.us.ovhcloud.com', 'https://us.ovhcloud.com/auth/'],
    ['kimsufi-eu', 'eu.api.kimsufi.com', null],
    ['kimsufi-ca', 'ca.api.kimsufi.com', null],
    ['soyoustart-eu', 'eu.api.soyoustart.com', null],
    ['soyoustart-ca', 'ca.api.soyoustart.com', null],
  ])('%s → %s', (name, host, tokenUrl) => {
    const e = parseEndpoint(name);
    expect(e).toMatchObject({ name, host, port: 443, basePath: '/1.0', tokenUrl, isPreset: true });
    expect(e.apiUrl).toBe(`https://${host}/1.0`);
    expect(e.createAppUrl).toBe(`https://${host}/createApp/`);
  });

  it.each([
    ['ks-eu', 'kimsufi-eu'],
    ['ks-ca', 'kimsufi-ca'],
    ['sys-eu', 'soyoustart-eu'],
    ['sys-ca', 'soyoustart-ca'],
    ['  OVH-EU ', 'ovh-eu'],
  ])('alias %j is %s', (alias, canonical) => {
    expect(parseEndpoint(alias)).toEqual(parseEndpoint(canonical));
  });

  it('gives each API the subsidiaries it serves', () => {
    expect(parseEndpoint('ovh-eu').subsidiaries).toEqual(['CZ', 'DE', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'SN', 'TN']);
    expect(parseEndpoint('ovh-ca').subsidiaries).toEqual(['ASIA', 'AU', 'CA', 'IN', 'QC', 'SG', 'WE', 'WS']);
    expect(parseEndpoint('ovh-us').subsidiaries).toEqual(['US']);
    expect(parseEndpoint('ks-eu').subsidiaries).toHaveLength(25);
    expect(parseEndpoint('sys-eu').subsidiaries).toContain('FR');
    expect(parseEndpoint('sys-eu').subsidiaries).not.toContain('CA');
  });

  it('returns a fresh subsidiaries array each time (callers cannot corrupt the table)', () => {
    parseEndpoint('ovh-us').subsidiaries.push('FR');
    expect(parseEndpoint('ovh-us').subsidiaries).toEqual(['US']);
  });
});

describe('parseEndpoint: URLs', () => {
  it('reads host, port and base path', () => {
    const e = parseEndpoint('https://127.0.0.1:8443/1.0');
    expect(e).toMatchObject({ host: '127.0.0.1', port: 8443, basePath: '/1.0', isPreset: false });
    expect(e.apiUrl).toBe('https://127.0.0.1:8443/1.0');
    expect(e.name).toBe('https://127.0.0.1:8443/1.0');
    expect(e.tokenUrl).toBe('https://127.0.0.1:8443/auth/');
    expect(e.createAppUrl).toBe('https://127.0.0.1:8443/createApp/');
    expect(e.subsidiaries).toEqual([...ALL_SUBSIDIARIES]);
  });

  it('defaults the port to 443 and the base path to /1.0, and drops a trailing slash', () => {
    expect(parseEndpoint('https://api.example.test')).toMatchObject({ port: 443, basePath: '/1.0', apiUrl: 'https://api.example.test/1.0' });
    expect(parseEndpoint('https://api.example.test/')).toMatchObject({ basePath: '/1.0' });
    expect(parseEndpoint('https://api.example.test/v1/')).toMatchObject({ basePath: '/v1', apiUrl: 'https://api.example.test/v1' });
    expect(parseEndpoint('https://proxy.test:9000/ovh/1.0')).toMatchObject({ port: 9000, basePath: '/ovh/1.0' });
  });

  it('recognises a preset host spelled as a URL (same apiUrl, same token URL)', () => {
    const e = parseEndpoint('https://eu.api.ovh.com/1.0');
    expect(e.apiUrl).toBe(parseEndpoint('ovh-eu').apiUrl);
    expect(e.name).toBe('ovh-eu');
    expect(e.tokenUrl).toBe('https://www.ovh.com/auth/');
    expect(e.isPreset).toBe(false);
    expect(parseEndpoint('https://api.ovh.com/1.0').subsidiaries).toEqual(parseEndpoint('ovh-eu').subsidiaries);
    expect(parseEndpoint('https://ca.api.kimsufi.com/1.0').tokenUrl).toBeNull();
  });

  it('handles IPv6 hosts (bare for node, bracketed in URLs)', () => {
    const e = parseEndpoint('https://[::1]:8443/1.0');
    expect(e.host).toBe('::1');
    expect(e.apiUrl).toBe('https://[::1]:8443/1.0');
  });
});

describe('parseEndpoint: bad values', () => {
  it.each([
    ['ovh-europe', /"ovh-europe".*not a known preset/],
    ['', /empty/],
    ['http://eu.api.ovh.com/1.0', /only speaks HTTPS/],
    ['https://user:pw@eu.api.ovh.com/1.0', /user name or password/],
    ['https://eu.api.ovh.com/1.0?x=1', /query string/],
    ['https://exa mple.com/', /not a valid URL/],
  ])('%j is a usage error naming it', (value, pattern) => {
    let error: unknown;
    try {
      parseEndpoint(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const u = error as UsageError;
    expect(u.message).toMatch(pattern);
    expect(u.exitCode).toBe(ExitCode.usage);
    expect(u.code).toBe('invalid_endpoint');
    for (const preset of ENDPOINT_PRESETS) expect(u.hint).toContain(preset);
  });
});
