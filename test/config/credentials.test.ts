// Resolution rules, without the network: which source wins, and that sources are never mixed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { maskKey, resolveCredentials } from '../../src/config/credentials.js';
import { ProfileStore } from '../../src/config/profiles.js';
import { CliError, ExitCode } from '../../src/domain/errors.js';
import { rejectionOf } from '../helpers/rejection.js';

let home: string;
let env: NodeJS.ProcessEnv;
let confs: string[];

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-resolve-'));
  env = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'conf') };
  confs = [path.join(home, 'cwd-ovh.conf'), path.join(home, '.ovh.conf'), path.join(home, 'etc-ovh.conf')];
});

const resolve = (extra: Partial<Parameters<typeof resolveCredentials>[0]> = {}) =>
  resolveCredentials({ env, cwd: home, profile: 'default', ovhConfPaths: confs, ...extra });

async function storeProfile(name = 'default', endpoint = 'ovh-eu') {
  await new ProfileStore(env).set(name, {
    kind: 'app',
    endpoint,
    appKey: 'PROFAK',
    appSecret: 'PROFAS',
    consumerKey: 'PROFCK',
    createdAt: new Date(0).toISOString(),
    defaultSubsidiary: 'FR',
    nichandle: 'xx1-ovh',
  });
}

function writeConf(file: string, text: string) {
  fs.writeFileSync(file, text, { mode: 0o600 });
}

const caught = (fn: () => Promise<unknown>) => rejectionOf(fn(), CliError);

describe('credential resolution', () => {
  it('nothing anywhere: kind none, and every place looked at is listed', async () => {
    const r = await resolve();
    expect(r.source).toBe('none');
    expect(r.credentials.kind).toBe('none');
    expect(r.endpoint.name).toBe('ovh-eu');
    expect(r.looked).toHaveLength(6);
    expect(r.looked.join('\n')).toMatch(/environment: none of OVH_APPLICATION_KEY/);
    expect(r.looked.join('\n')).toMatch(/profile "default" in .*credentials\.json: not found/);
    for (const conf of confs) expect(r.looked.join('\n')).toContain(`${conf.replace(home, '~')}: not found`);
  });

  it('flags beat the environment, which beats the profile, which beats ovh.conf', async () => {
    await storeProfile();
    writeConf(confs[0]!, '[ovh-eu]\napplication_key=CONFAK\napplication_secret=CONFAS\nconsumer_key=CONFCK\n');
    expect((await resolve()).source).toBe(`profile:default`);
    env.OVH_APPLICATION_KEY = 'ENVAK';
    env.OVH_APPLICATION_SECRET = 'ENVAS';
    env.OVH_CONSUMER_KEY = 'ENVCK';
    expect(await resolve()).toMatchObject({ source: 'environment', credentials: { appKey: 'ENVAK', consumerKey: 'ENVCK' } });
    expect(await resolve({ flags: { appKey: 'FAK', appSecret: 'FAS' } })).toMatchObject({ source: 'flags', credentials: { kind: 'app', appKey: 'FAK' } });
  });

  it('./ovh.conf beats ~/.ovh.conf beats /etc/ovh.conf; the endpoint comes from [default]', async () => {
    writeConf(confs[2]!, '[default]\nendpoint=ovh-ca\n[ovh-ca]\napplication_key=ETC\napplication_secret=ETCS\nconsumer_key=ETCC\n');
    expect(await resolve()).toMatchObject({ source: `ovh.conf:${confs[2]}`, endpoint: { name: 'ovh-ca' }, credentials: { appKey: 'ETC' } });
    writeConf(confs[1]!, '[ovh-ca]\napplication_key=HOME\napplication_secret=HOMES\nconsumer_key=HOMEC\n');
    expect(await resolve()).toMatchObject({ source: `ovh.conf:${confs[1]}`, credentials: { appKey: 'HOME' } });
    writeConf(confs[0]!, '[ovh-ca]\napplication_key=CWD\napplication_secret=CWDS\nconsumer_key=CWDC\n');
    expect(await resolve()).toMatchObject({ source: `ovh.conf:${confs[0]}`, credentials: { appKey: 'CWD' } });
  });

  it('an explicit endpoint picks that section of ovh.conf', async () => {
    writeConf(
      confs[1]!,
      '[default]\nendpoint=ovh-ca\n[ovh-ca]\napplication_key=CA\napplication_secret=CAS\n[ovh-eu]\napplication_key=EU\napplication_secret=EUS\nconsumer_key=EUC\n',
    );
    expect(await resolve({ endpoint: { value: 'ovh-eu', source: 'environment' } })).toMatchObject({
      endpoint: { name: 'ovh-eu' },
      endpointSource: 'environment',
      credentials: { appKey: 'EU' },
    });
  });

  it('a consumer key in the environment is never combined with a secret from elsewhere', async () => {
    await storeProfile();
    env.OVH_CONSUMER_KEY = 'ENVCK';
    const error = await caught(() => resolve());
    expect(error.exitCode).toBe(ExitCode.credentials);
    expect(error.message).toBe('The environment has OVH_CONSUMER_KEY but not OVH_APPLICATION_KEY and OVH_APPLICATION_SECRET.');
    expect(error.hint).toMatch(/never mixed across sources/);
    expect(`${error.message} ${error.hint}`).not.toContain('ENVCK');
  });

  it('an incomplete ovh.conf section is an error naming the file and the keys', async () => {
    writeConf(confs[1]!, '[ovh-eu]\napplication_key=AK\nconsumer_key=CK\n');
    const error = await caught(() => resolve());
    expect(error.message).toBe(`The [ovh-eu] section of ${confs[1]!.replace(home, '~')} has application_key and consumer_key but not application_secret.`);
  });

  it('both kinds in one source is an error', async () => {
    env.OVH_APPLICATION_KEY = 'A';
    env.OVH_APPLICATION_SECRET = 'B';
    env.OVH_CLIENT_ID = 'C';
    env.OVH_CLIENT_SECRET = 'D';
    expect((await caught(() => resolve())).message).toMatch(/both application keys and OAuth2 client credentials/);
  });

  it('a profile made for another endpoint than the explicit one is skipped, and said so', async () => {
    await storeProfile('default', 'ovh-ca');
    const r = await resolve({ endpoint: { value: 'ovh-eu', source: 'flags' } });
    expect(r.source).toBe('none');
    expect(r.looked.join('\n')).toMatch(/profile "default" .*: made for ovh-ca, not ovh-eu/);
    expect((await resolve({ endpoint: { value: 'https://ca.api.ovh.com/1.0', source: 'flags' } })).source).toBe('profile:default');
  });

  it('--profile chooses among profiles side by side', async () => {
    await storeProfile('default', 'ovh-eu');
    await new ProfileStore(env).set('ci', { kind: 'oauth2', endpoint: 'ovh-ca', clientId: 'CID', clientSecret: 'CSEC', createdAt: new Date(0).toISOString() });
    expect(await resolve({ profile: 'ci' })).toMatchObject({
      source: 'profile:ci',
      endpoint: { name: 'ovh-ca' },
      credentials: { kind: 'oauth2', clientId: 'CID' },
    });
    expect(await resolve()).toMatchObject({ source: 'profile:default', storedProfile: { defaultSubsidiary: 'FR' } });
  });

  it('an ovh.conf readable by others is reported (not changed: it is not ours)', async () => {
    writeConf(confs[1]!, '[ovh-eu]\napplication_key=AK\napplication_secret=AS\nconsumer_key=CK\n');
    fs.chmodSync(confs[1]!, 0o644);
    expect((await resolve()).warnings.join('\n')).toMatch(/\.ovh\.conf can be read by other users of this machine; protect it with: chmod 600/);
    expect(fs.statSync(confs[1]!).mode & 0o777).toBe(0o644);
  });
});

describe('masking', () => {
  it('shows at most the first 4 characters', () => {
    expect(maskKey('abcdefghijklmnop')).toBe('abcd…');
    expect(maskKey('abc')).toBe('…');
    expect(maskKey(undefined)).toBeUndefined();
  });
});
