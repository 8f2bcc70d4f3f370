// Expired and revoked things, and secrets (the built binary against the HTTPS sandbox): a revoked
// consumer key and a cart that expires mid-flow end with a clear message and the way out; --debug,
// errors and the journal never show a secret; a credential file open to others is tightened.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHECKOUT, calls, journalText, ORDER_ARGS, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';
import { sandboxApi } from './helpers/sandbox-cart.js';

const SIGNATURE = /\$1\$[0-9a-f]{40}/i;

describe.concurrent('credential, expiry and secret faults', () => {
  it('a revoked consumer key: exit 3, says so, and points to `ovh-order login`; nothing is created', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    try {
      sandbox.revokeCredential(sandbox.credentials.consumerKey);
      const r = await run(ORDER_ARGS, env());
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/consumer key .* not valid .*revoked/s);
      expect(r.stderr).toMatch(/ovh-order login/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toContain(sandbox.credentials.consumerKey);
      // The catalog and stock are public reads (unsigned): the key is first used to create the
      // cart, which OVH refuses; no other write is attempted.
      const writes = sandbox.log.filter((e) => e.method !== 'GET');
      expect(writes.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual(['POST /order/cart 403']);
    } finally {
      await sandbox.close();
    }
  });

  it('a cart that expires mid-flow: a clear message and the way out (a new order); no checkout', async () => {
    const { sandbox, env, run } = await startFaultWorld();
    const api = sandboxApi(sandbox);
    try {
      // Each call waits 300 ms before it is handled: time enough to expire the cart between two of them.
      sandbox.setLatency(300);
      const expired = (async () => {
        for (;;) {
          const hit = sandbox.log.find((e) => e.route === '/order/cart/{cartId}/eco' && e.method === 'GET');
          if (hit) {
            const cartId = hit.path.split('/')[3]!;
            await api.client.request(
              'PUT',
              '/order/cart/{cartId}',
              { path: { cartId }, body: { expire: new Date(Date.now() - 60_000).toISOString() } },
              z.unknown(),
            );
            return cartId;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const r = await run(ORDER_ARGS, env());
      const cartId = await expired;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Not found: .*\/order\/cart\/\{cartId\}/);
      expect(r.stderr).toMatch(/Carts expire.*start a new order/s);
      expect(r.stderr).toContain(cartId);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('--debug and error output carry no application secret, consumer key or signature; neither does the journal', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      const ok = await run([...ORDER_ARGS, '--debug'], env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toMatch(/\[debug\] → POST \/order\/cart\/\{cartId\}\/checkout/);
      sandbox.addFault({
        method: 'POST',
        route: '/order/cart',
        kind: 'status',
        status: 400,
        message: `Invalid signature ${'$1$'}${'a'.repeat(40)} for ${sandbox.credentials.consumerKey}`,
      });
      const failed = await run([...ORDER_ARGS, '--debug'], env);
      expect(failed.code).not.toBe(0);
      for (const text of [ok.stdout, ok.stderr, failed.stdout, failed.stderr, journalText(env)]) {
        expect(text).not.toContain(sandbox.credentials.appSecret);
        expect(text).not.toContain(sandbox.credentials.consumerKey);
        expect(text).not.toMatch(SIGNATURE);
      }
      expect(journalText(env)).toContain('"state": "ordered"');
    } finally {
      await sandbox.close();
    }
  });

  it('a stored credential file readable by others is reported and tightened to 0600', async () => {
    if (process.platform === 'win32') return;
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv({ OVH_APPLICATION_KEY: undefined, OVH_APPLICATION_SECRET: undefined, OVH_CONSUMER_KEY: undefined });
      const { appKey, appSecret, consumerKey } = sandbox.credentials;
      const login = await run(['login', '--app-key', appKey, '--app-secret', appSecret, '--consumer-key', consumerKey, '--no-browser'], env);
      expect(login.code, login.stderr).toBe(0);
      const stored = fs.readdirSync(env.OVH_ORDER_CONFIG_DIR!).filter((f) => f.startsWith('credentials'));
      expect(stored.length).toBeGreaterThan(0);
      const file = path.join(env.OVH_ORDER_CONFIG_DIR!, stored[0]!);
      fs.chmodSync(file, 0o644);

      const r = await run([...ORDER_ARGS, '--dry-run'], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/was readable by other users \(mode 0644\); it is now 0600/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await sandbox.close();
    }
  });
});
