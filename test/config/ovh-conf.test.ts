import { describe, expect, it } from 'vitest';
import { parseOvhConf } from '../../src/config/ovh-conf.js';

describe('ovh.conf parsing', () => {
  it('reads the [default] endpoint and the per-endpoint sections, as python-ovh writes them', () => {
    const file = parseOvhConf(
      [
        '; comment',
        '[default]',
        'endpoint=ovh-ca',
        '',
        '[ovh-ca]',
        'application_key = AK1',
        'application_secret=AS1',
        'consumer_key=CK1',
        '[ovh-eu]',
        'client_id=ID',
        'client_secret=CS',
      ].join('\n'),
      '/x/ovh.conf',
    );
    expect(file.defaultEndpoint).toBe('ovh-ca');
    expect(file.sections['ovh-ca']).toEqual({ application_key: 'AK1', application_secret: 'AS1', consumer_key: 'CK1' });
    expect(file.sections['ovh-eu']).toEqual({ client_id: 'ID', client_secret: 'CS' });
  });

  it('keeps a URL section name whole (dots are not nesting)', () => {
    const file = parseOvhConf('[default]\nendpoint=https://127.0.0.1:8443/1.0\n[https://127.0.0.1:8443/1.0]\napplication_key=AK\n', '/x');
    expect(file.defaultEndpoint).toBe('https://127.0.0.1:8443/1.0');
    expect(file.sections['https://127.0.0.1:8443/1.0']).toEqual({ application_key: 'AK' });
  });
});
