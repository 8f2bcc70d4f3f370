// `--sandbox` follows --endpoint: it plays ovh-eu (default), ovh-ca or ovh-us with their
// subsidiaries and currencies, and a subsidiary the endpoint does not serve is refused before any
// call (exit 2, the allowed ones listed), as for the real endpoints. Built binary, own config dir.
import { describe, expect, it } from 'vitest';
import { describeRecorded, RECORDED_DIR } from '../helpers/data-pack.js';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

const calls = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('[debug] →'));

describe('--sandbox and --endpoint', () => {
  it('refuses a subsidiary of another API before any call, listing the allowed ones (exit 2)', async () => {
    const eu = await runCli(['catalog', '--sandbox', '--subsidiary', 'CA', '--range', 'eco', '--debug']);
    expect(eu.code).toBe(2);
    expect(eu.stderr).toContain(
      'Subsidiary "CA" (Canada (English)) is not served by this endpoint (it is on the ovh-ca API). Allowed: CZ, DE, ES, FI, FR, GB, IE, IT, LT, MA, NL, PL, PT, SN, TN.',
    );
    expect(calls(eu.stderr)).toEqual([]);
    const us = await runCli([
      'order',
      '--sandbox',
      '--endpoint',
      'ovh-us',
      '--subsidiary',
      'FR',
      '--range',
      'eco',
      '--plan',
      '24sk10',
      '--datacenter',
      'hil',
      '--dry-run',
      '--debug',
    ]);
    expect(us.code).toBe(2);
    expect(us.stderr).toContain('Allowed: US.');
    expect(calls(us.stderr)).toEqual([]);
  });

  it('plays ovh-ca with its subsidiaries and currencies, and ovh-us in USD', async () => {
    const env = isolatedEnv();
    const qc = await runCli(['catalog', '--sandbox', '--endpoint', 'ovh-ca', '--subsidiary', 'QC', '--range', 'eco', '--json'], { env });
    expect(qc.code).toBe(0);
    expect(JSON.parse(qc.stdout)).toMatchObject({ subsidiary: 'QC', currency: 'CAD' });
    const who = await runCli(['whoami', '--sandbox', '--endpoint', 'ovh-ca', '--json'], { env });
    expect(JSON.parse(who.stdout)).toMatchObject({ subsidiary: 'CA', works: true });
    const us = await runCli(['catalog', '--sandbox', '--endpoint', 'ovh-us', '--range', 'eco', '--json'], { env });
    expect(JSON.parse(us.stdout)).toMatchObject({ subsidiary: 'US', currency: 'USD' });
  });

  it('refuses an --endpoint the sandbox cannot play (exit 2), and ignores one from OVH_ENDPOINT', async () => {
    const ks = await runCli(['catalog', '--sandbox', '--endpoint', 'kimsufi-eu', '--range', 'eco']);
    expect(ks.code).toBe(2);
    expect(ks.stderr).toContain('--sandbox plays ovh-eu, ovh-ca or ovh-us; --endpoint "kimsufi-eu" is none of them.');
    const fromEnv = await runCli(['catalog', '--sandbox', '--range', 'eco', '--json'], { env: isolatedEnv({ OVH_ENDPOINT: 'https://proxy.example/1.0' }) });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ subsidiary: 'FR' });
  });
});

describeRecorded('--sandbox --data-pack and --subsidiary', () => {
  it('with a data pack, serves the subsidiaries it recorded: another one is refused before any call (exit 2)', async () => {
    const gb = await runCli(['catalog', '--sandbox', '--data-pack', RECORDED_DIR, '--subsidiary', 'GB', '--range', 'eco', '--debug']);
    expect(gb.code).toBe(2);
    expect(gb.stderr).toContain('Subsidiary "GB" (United Kingdom) is not served by this endpoint. Allowed: FR.');
    expect(calls(gb.stderr)).toEqual([]);
  });
});
