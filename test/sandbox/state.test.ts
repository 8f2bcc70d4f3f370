// statePath: carts, orders, credentials and the clock survive from one sandbox to the next.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { buildCart, ovhClient, raw, trustSandbox } from './helpers.js';

describe('sandbox state persistence', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-state-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shares carts, orders, credentials and the clock offset between two sandbox instances', async () => {
    const statePath = join(dir, 'state.json');
    const certDir = join(dir, 'certs');
    const first = await startSandbox({ statePath, certDir, onUnknownRoute: () => {} });
    let restore = trustSandbox(first);
    const client = ovhClient(first);
    const { cartId } = await buildCart(client);
    const open = await buildCart(client, { planCode: '24sk10' });
    const order = (await client.requestPromised('POST', `/order/cart/${cartId}/checkout`, { autoPayWithPreferredPaymentMethod: true })) as { orderId: number };
    first.clock.advance(20 * 60_000);
    const pending = (await ovhClient(first, { consumerKey: undefined }).requestPromised('POST', '/auth/credential', {
      accessRules: [{ method: 'GET', path: '/me' }],
    })) as { consumerKey: string };
    const credentials = first.credentials;
    restore();
    await first.close();
    expect(statSync(statePath).mode & 0o777).toBe(0o600);

    const second = await startSandbox({ statePath, certDir, onUnknownRoute: () => {} });
    restore = trustSandbox(second);
    try {
      expect(second.credentials).toEqual(credentials);
      expect(second.account.nichandle).toBe(first.account.nichandle);
      expect(Math.abs(second.clock.now().getTime() - Date.now() - 20 * 60_000)).toBeLessThan(5000);
      const again = ovhClient(second);
      expect(await again.requestPromised('GET', '/order/cart')).toEqual(expect.arrayContaining([cartId, open.cartId]));
      expect(((await again.requestPromised('GET', `/order/cart/${cartId}`)) as { readOnly: boolean }).readOnly).toBe(true);
      expect(((await again.requestPromised('GET', `/order/cart/${open.cartId}/item`)) as number[]).length).toBe(4);
      expect(await again.requestPromised('GET', `/me/order/${order.orderId}/status`)).toBe('delivering');
      expect((await raw(second, 'GET', '/1.0/me', { sign: { ...credentials, consumerKey: pending.consumerKey } })).json()).toMatchObject({
        message: 'This credential is not valid',
      });
      second.validateCredential(pending.consumerKey);
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { credentials: Array<{ consumerKey: string; status: string }> };
      expect(saved.credentials.find((c) => c.consumerKey === pending.consumerKey)!.status).toBe('validated');
    } finally {
      restore();
      await second.close();
    }
  });

  it('refuses a state file of another region or one that is not a sandbox state', async () => {
    const statePath = join(dir, 'eu.json');
    const eu = await startSandbox({ statePath, certDir: join(dir, 'certs'), onUnknownRoute: () => {} });
    await eu.close();
    await expect(startSandbox({ statePath, region: 'us', certDir: join(dir, 'certs') })).rejects.toThrow(/belongs to the "eu" API/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello":1}');
    await expect(startSandbox({ statePath: junk, certDir: join(dir, 'certs') })).rejects.toThrow(/is not a sandbox state/);
    writeFileSync(junk, 'not json');
    await expect(startSandbox({ statePath: junk, certDir: join(dir, 'certs') })).rejects.toThrow(/is not valid JSON/);
  });
});
