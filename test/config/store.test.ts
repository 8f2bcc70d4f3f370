import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDir } from '../../src/config/paths.js';
import { openPrivateStore } from '../../src/config/store.js';
import { ProfileStore } from '../../src/config/profiles.js';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('config directory', () => {
  it('is OVH_ORDER_CONFIG_DIR when set, else the platform config dir under HOME', () => {
    expect(configDir({ OVH_ORDER_CONFIG_DIR: '/x/y', HOME: '/h' })).toBe('/x/y');
    expect(configDir({ HOME: '/h' }, 'linux')).toBe('/h/.config/ovh-order');
    expect(configDir({ HOME: '/h', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/ovh-order');
    expect(configDir({ HOME: '/h' }, 'darwin')).toBe('/h/Library/Preferences/ovh-order');
  });
});

describe.skipIf(process.platform === 'win32')('private store files', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-store-'));
    env = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'conf', 'nested') };
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('reading creates nothing', () => {
    const store = openPrivateStore(env, 'credentials');
    expect(store.read()).toEqual({});
    expect(fs.existsSync(path.join(home, 'conf'))).toBe(false);
  });

  it('writes the file 0600 in a 0700 directory, whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const store = openPrivateStore<{ a: number }>(env, 'credentials');
      await store.write({ a: 1 });
      expect(mode(store.path)).toBe(0o600);
      expect(mode(path.dirname(store.path))).toBe(0o700);
      expect(JSON.parse(fs.readFileSync(store.path, 'utf8'))).toEqual({ a: 1 });
    } finally {
      process.umask(old);
    }
  });

  it('fixes a stored file readable by others, and reports it', () => {
    const dir = env.OVH_ORDER_CONFIG_DIR!;
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, profiles: {} }));
    fs.chmodSync(file, 0o644);
    const store = new ProfileStore(env);
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(store.warnings.join('\n')).toMatch(/credentials\.json was readable by other users \(mode 0644\); it is now 0600/);
    expect(store.warnings.join('\n')).toMatch(/was open to other users \(mode 0755\); it is now 0700/);
  });

  it('fixes a stored file readable by its group only (0640), not only one readable by all', () => {
    const dir = env.OVH_ORDER_CONFIG_DIR!;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, profiles: {} }));
    fs.chmodSync(file, 0o640);
    const store = new ProfileStore(env);
    expect(mode(file)).toBe(0o600);
    expect(store.warnings.join('\n')).toMatch(/credentials\.json was readable by other users \(mode 0640\); it is now 0600/);
  });

  it('a damaged file is an error naming it, never quoting its content', () => {
    const dir = env.OVH_ORDER_CONFIG_DIR!;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, 'credentials.json');
    fs.writeFileSync(file, '{"profiles": {"default": {"appSecret": "SECRETVALUE123"', { mode: 0o600 });
    const store = new ProfileStore(env);
    let message = '';
    try {
      store.get('default');
    } catch (error) {
      message = `${(error as Error).message} ${(error as { hint?: string }).hint}`;
    }
    expect(message).toMatch(/Cannot read .*credentials\.json: it is not valid JSON/);
    expect(message).not.toContain('SECRETVALUE123');
  });
});

describe('profiles', () => {
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-profiles-'));
    env = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'conf') };
  });

  const app = (key: string) => ({
    kind: 'app' as const,
    endpoint: 'ovh-eu',
    appKey: key,
    appSecret: `${key}-secret`,
    consumerKey: `${key}-ck`,
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('keeps several profiles side by side and removes one without touching the others', async () => {
    const store = new ProfileStore(env);
    await store.set('default', app('aaaa'));
    await store.set('ci', { kind: 'oauth2', endpoint: 'ovh-ca', clientId: 'cid', clientSecret: 'csecret', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(store.names()).toEqual(['ci', 'default']);
    expect(new ProfileStore(env).get('ci')).toMatchObject({ kind: 'oauth2', endpoint: 'ovh-ca', clientId: 'cid' });
    expect(await store.delete('default')).toBe(true);
    expect(store.get('default')).toBeUndefined();
    expect(store.get('ci')?.kind).toBe('oauth2');
    expect(await store.delete('default')).toBe(false);
  });

  it('keeps a key waiting for validation apart from the working profile', async () => {
    const store = new ProfileStore(env);
    await store.set('default', app('work'));
    await store.setPending('default', {
      endpoint: 'ovh-eu',
      appKey: 'work',
      appSecret: 's',
      consumerKey: 'newck',
      validationUrl: 'https://x/auth/?credentialToken=t',
      requestedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(store.get('default')?.kind === 'app' && store.get('default')).toMatchObject({ consumerKey: 'work-ck' });
    expect(store.getPending('default')?.consumerKey).toBe('newck');
    await store.set('default', app('next'));
    expect(store.getPending('default')).toBeUndefined();
  });

  it('the file goes away with its last profile', async () => {
    const store = new ProfileStore(env);
    await store.set('default', app('aaaa'));
    expect(fs.existsSync(store.path)).toBe(true);
    await store.delete('default');
    expect(fs.existsSync(store.path)).toBe(false);
  });

  it('rejects a profile name that is not a plain word', () => {
    const store = new ProfileStore(env);
    expect(() => store.get('../x')).toThrow(/"..\/x" is not a valid profile name/);
  });
});

describe.skipIf(process.platform === 'win32')('state files are never reached through a symbolic link (issue 13, point 7)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let victim: string;
  const victimText = '{"unrelated": "someone else\'s file"}\n';
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-links-'));
    dir = path.join(home, 'conf');
    env = { HOME: home, OVH_ORDER_CONFIG_DIR: dir };
    fs.mkdirSync(dir, { mode: 0o700 });
    victim = path.join(home, 'victim.json');
    fs.writeFileSync(victim, victimText, { mode: 0o644 });
    fs.chmodSync(victim, 0o644);
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const refusal = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return error as { code?: string; exitCode?: number; message: string };
    }
    throw new Error('expected a refusal');
  };

  it('credentials.json as a link: opening refuses (exit 1, path named), the target is neither chmod-ed nor written', async () => {
    fs.symlinkSync(victim, path.join(dir, 'credentials.json'));
    const error = refusal(() => new ProfileStore(env));
    expect(error).toMatchObject({ code: 'state_symlink', exitCode: 1 });
    expect(error.message).toContain('credentials.json');
    expect(error.message).toMatch(/symbolic link/);
    expect(mode(victim)).toBe(0o644);
    expect(fs.readFileSync(victim, 'utf8')).toBe(victimText);
  });

  it('a link created after opening: the write refuses, the target is left alone', async () => {
    const store = openPrivateStore(env, 'credentials');
    fs.symlinkSync(victim, store.path);
    await expect(store.write({ profiles: { default: { appSecret: 'SECRET-VALUE' } } })).rejects.toMatchObject({ code: 'state_symlink' });
    expect(fs.readFileSync(victim, 'utf8')).toBe(victimText);
    expect(fs.lstatSync(store.path).isSymbolicLink()).toBe(true);
  });

  it('journal.json as a link: refused on open, the target keeps its mode', async () => {
    const { openJournal } = await import('../../src/config/journal.js');
    fs.symlinkSync(victim, path.join(dir, 'journal.json'));
    const error = refusal(() => openJournal(env));
    expect(error).toMatchObject({ code: 'state_symlink', exitCode: 1 });
    expect(error.message).toContain('journal.json');
    expect(mode(victim)).toBe(0o644);
  });

  it('the config directory as a link: refused, naming it; its target keeps its mode', () => {
    const real = path.join(home, 'elsewhere');
    fs.mkdirSync(real, { mode: 0o755 });
    fs.chmodSync(real, 0o755);
    const linked = { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'linked') };
    fs.symlinkSync(real, linked.OVH_ORDER_CONFIG_DIR);
    const error = refusal(() => openPrivateStore(linked, 'credentials'));
    expect(error).toMatchObject({ code: 'state_symlink' });
    expect(error.message).toContain('linked');
    expect(fs.statSync(real).mode & 0o777).toBe(0o755);
  });
});
