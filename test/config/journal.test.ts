import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../src/config/journal.js';
import { fingerprintOf, type OrderedThing } from '../../src/domain/journal.js';
import { CliError } from '../../src/domain/errors.js';

function freshEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(tmpdir(), 'ovh-order-journal-'));
  return { HOME: home, OVH_ORDER_CONFIG_DIR: path.join(home, 'config') };
}

const rise: OrderedThing = {
  range: 'eco',
  planCode: '24rise01',
  options: ['ram-32g-ecc-2666-24rise', 'bandwidth-500-24rise'],
  datacenter: 'gra',
  quantity: 1,
  duration: 'P1M',
  pricingMode: 'default',
};
const endpoint = 'https://127.0.0.1:8443/1.0';
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('order journal', () => {
  it('records a checkout before it is posted: a pending entry on disk, 0600 in a 0700 directory, no temp file left', () => {
    const env = freshEnv();
    const journal = openJournal(env, { now: () => new Date('2026-01-02T03:04:05Z') });
    const entry = journal.beginCheckout({ cartId: 'cart-1', endpoint, subsidiary: 'FR', what: rise });

    const onDisk = JSON.parse(fs.readFileSync(journal.path, 'utf8'));
    expect(onDisk.entries).toHaveLength(1);
    expect(onDisk.entries[0]).toMatchObject({
      id: entry.id,
      cartId: 'cart-1',
      endpoint,
      subsidiary: 'FR',
      state: 'pending',
      startedAt: '2026-01-02T03:04:05.000Z',
      what: { planCode: '24rise01', datacenter: 'gra', quantity: 1, duration: 'P1M', pricingMode: 'default' },
    });
    expect(journal.path).toBe(path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json'));
    if (process.platform !== 'win32') {
      expect(modeOf(journal.path)).toBe(0o600);
      expect(modeOf(env.OVH_ORDER_CONFIG_DIR!)).toBe(0o700);
    }
    expect(fs.readdirSync(env.OVH_ORDER_CONFIG_DIR!).sort()).toEqual(['journal.json']);
  });

  it('records the order id after the answer, and the entry no longer blocks the same order', () => {
    const journal = openJournal(freshEnv());
    const entry = journal.beginCheckout({ cartId: 'cart-1', endpoint, what: rise });
    expect(journal.findUnresolved(entry.fingerprint).map((e) => e.id)).toEqual([entry.id]);

    const done = journal.recordOrder(entry.id, { orderId: 4242, url: 'https://example.test/order/4242' });
    expect(done).toMatchObject({ state: 'ordered', orderId: 4242, orderUrl: 'https://example.test/order/4242' });
    expect(done.resolvedAt).toBeDefined();
    expect(journal.get(entry.id)?.state).toBe('ordered');
    expect(journal.findUnresolved(entry.fingerprint)).toEqual([]);
  });

  it('treats pending, unknown and looked-up orders as unresolved; answered, not-ordered and overridden ones are not', () => {
    const journal = openJournal(freshEnv());
    const a = journal.beginCheckout({ cartId: 'a', endpoint, what: rise });
    const b = journal.beginCheckout({ cartId: 'b', endpoint, what: rise });
    const c = journal.beginCheckout({ cartId: 'c', endpoint, what: rise });
    journal.recordOutcome(a.id, 'unknown', 'answer lost; not found under /me/order');
    journal.recordOutcome(b.id, 'not-ordered', 'the cart is still open');

    expect(
      journal
        .findUnresolved(a.fingerprint)
        .map((e) => e.cartId)
        .sort(),
    ).toEqual(['a', 'c']);
    journal.markOverridden([a.id, c.id], 'later');
    expect(journal.findUnresolved(a.fingerprint)).toEqual([]);
    expect(journal.get(a.id)).toMatchObject({ state: 'unknown', overriddenBy: 'later', note: 'answer lost; not found under /me/order' });

    // An order found only by a lookup after the answer was lost still blocks a repeat.
    const d = journal.beginCheckout({ cartId: 'd', endpoint, what: rise });
    journal.recordOutcome(d.id, 'ordered', 'answer lost; order 77 found', { order: { orderId: 77 }, recovered: true });
    expect(journal.findUnresolved(d.fingerprint).map((e) => e.cartId)).toEqual(['d']);
    expect(journal.unresolved().map((e) => e.cartId)).toEqual(['d']);
  });

  it('the fingerprint names "the same server": options, their order and the case of the datacenter do not matter, the rest does', () => {
    const same = fingerprintOf(endpoint, { ...rise, options: [...rise.options].reverse(), datacenter: 'GRA' });
    expect(same).toBe(fingerprintOf(endpoint, rise));
    expect(fingerprintOf(endpoint, { ...rise, options: [] })).toBe(same);
    for (const other of [
      { ...rise, datacenter: 'rbx' },
      { ...rise, planCode: '24rise02' },
      { ...rise, quantity: 2 },
      { ...rise, duration: 'P12M' },
      { ...rise, pricingMode: 'upfront12' },
      { ...rise, range: 'baremetal' },
    ]) {
      expect(fingerprintOf(endpoint, other)).not.toBe(same);
    }
    expect(fingerprintOf('ovh-ca', rise)).not.toBe(same);
    // The wizard reads the cart product, `order` the range: one name.
    const adv = { ...rise, planCode: '24adv01' };
    expect(fingerprintOf(endpoint, { ...adv, range: 'baremetalServers' })).toBe(fingerprintOf(endpoint, { ...adv, range: 'baremetal' }));
  });

  it('checks, under the lock, what another run wrote meanwhile; a check that throws writes nothing', () => {
    const env = freshEnv();
    const mine = openJournal(env);
    const other = openJournal(env);
    const before = mine.findUnresolved(fingerprintOf(endpoint, rise));
    expect(before).toEqual([]);
    const theirs = other.beginCheckout({ cartId: 'theirs', endpoint, what: rise }); // written meanwhile
    let seen: string[] = [];
    expect(() =>
      mine.beginCheckout({ cartId: 'mine', endpoint, what: rise }, ({ sameThing }) => {
        seen = sameThing.map((e) => e.id);
        if (sameThing.length > 0) throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(seen).toEqual([theirs.id]);
    expect(mine.recent().map((e) => e.cartId)).toEqual(['theirs']);
    expect(fs.existsSync(`${mine.path}.lock`)).toBe(false);
  });

  it('lists recent entries newest first, limited to n', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const journal = openJournal(freshEnv(), { now: () => new Date((t += 60_000)) });
    for (const cartId of ['one', 'two', 'three']) journal.beginCheckout({ cartId, endpoint, what: rise });
    expect(journal.recent(2).map((e) => e.cartId)).toEqual(['three', 'two']);
    expect(journal.recent().map((e) => e.cartId)).toEqual(['three', 'two', 'one']);
  });

  it('holds no secret: credentials in an endpoint URL and stray fields are never written', () => {
    const journal = openJournal(freshEnv());
    const secret = 'S3cr3tApplicationSecretValue';
    const consumerKey = 'ConsumerKeyThatMustNotLeak01';
    const what = { ...rise, appSecret: secret, consumerKey } as OrderedThing;
    const entry = journal.beginCheckout({
      cartId: 'cart-1',
      endpoint: `https://user:${secret}@127.0.0.1:8443/1.0?consumerKey=${consumerKey}`,
      what,
      ...({ credentials: { appSecret: secret, consumerKey } } as object),
    });
    journal.recordOrder(entry.id, { orderId: 1, url: 'https://example.test/1' });
    const text = fs.readFileSync(journal.path, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(consumerKey);
    expect(text).not.toMatch(/secret|consumer|credential|signature/i);
    expect(journal.get(entry.id)?.endpoint).toBe('https://127.0.0.1:8443/1.0');
  });

  it('refuses to guess when the journal is damaged, and leaves the file as it was', () => {
    const env = freshEnv();
    fs.mkdirSync(env.OVH_ORDER_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    const file = path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json');
    fs.writeFileSync(file, '{"entries": [ {"id": "x"', { mode: 0o600 });
    const journal = openJournal(env);
    expect(() => journal.beginCheckout({ cartId: 'c', endpoint, what: rise })).toThrow(CliError);
    try {
      journal.recent();
    } catch (error) {
      expect((error as CliError).code).toBe('journal_unreadable');
      expect((error as CliError).message).toContain('journal.json');
      expect((error as CliError).hint).toMatch(/move that file aside/);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('{"entries": [ {"id": "x"');
  });

  it('tightens a journal that others can read, and says so', () => {
    if (process.platform === 'win32') return;
    const env = freshEnv();
    openJournal(env).beginCheckout({ cartId: 'c', endpoint, what: rise });
    const file = path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json');
    fs.chmodSync(file, 0o644);
    const journal = openJournal(env);
    expect(journal.warnings.join('\n')).toMatch(/readable by other users \(mode 0644\); it is now 0600/);
    expect(modeOf(file)).toBe(0o600);
  });

  it('takes over a lock left by a dead process, and waits for a live one', () => {
    const env = freshEnv();
    const journal = openJournal(env, { lockWaitMs: 150 });
    journal.beginCheckout({ cartId: 'first', endpoint, what: rise });
    const lock = `${journal.path}.lock`;

    // A crashed ovh-order: its pid no longer exists.
    fs.writeFileSync(lock, `999999999 dead ${new Date().toISOString()}\n`);
    journal.beginCheckout({ cartId: 'second', endpoint, what: rise });
    expect(fs.existsSync(lock)).toBe(false);

    // A live one (this very process) holding it right now.
    fs.writeFileSync(lock, `${process.pid} live ${new Date().toISOString()}\n`);
    expect(() => journal.beginCheckout({ cartId: 'third', endpoint, what: rise })).toThrow(/locked by another ovh-order/);
    fs.rmSync(lock);
    expect(journal.recent().map((e) => e.cartId)).toEqual(expect.arrayContaining(['first', 'second']));
    expect(journal.recent()).toHaveLength(2);
  });

  it('forgets old resolved entries beyond the limit but never an unresolved one', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const max = 12;
    const journal = openJournal(freshEnv(), { now: () => new Date((t += 1000)), maxEntries: max });
    const oldest = journal.beginCheckout({ cartId: 'oldest-unresolved', endpoint, what: rise });
    for (let i = 0; i < max + 5; i++) {
      const e = journal.beginCheckout({ cartId: `c${i}`, endpoint, what: { ...rise, quantity: 2 } });
      journal.recordOrder(e.id, { orderId: i });
    }
    const all = journal.recent(10_000);
    expect(all.length).toBe(max);
    expect(journal.findUnresolved(oldest.fingerprint).map((e) => e.id)).toEqual([oldest.id]);
    expect(all.some((e) => e.cartId === 'c0')).toBe(false);
    expect(all[0]?.cartId).toBe(`c${max + 4}`);
  });

  it('reports an unknown entry id instead of inventing one', () => {
    const journal = openJournal(freshEnv());
    journal.beginCheckout({ cartId: 'c', endpoint, what: rise });
    expect(() => journal.recordOutcome('nope', 'ordered')).toThrow(/no entry nope/);
  });
});
