// The built binary against the HTTPS sandbox, where money is at stake without any answer being
// lost (issue 13, points 2, 3, 5): a journal that cannot be written, two identical orders at once,
// certificate verification switched off. Each case has its own sandbox, so they run at once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKOUT, calls, ORDER_ARGS, STACK_TRACE, startFaultWorld } from './helpers/fault-env.js';

describe.concurrent('order safety (built binary, HTTPS sandbox)', () => {
  it('a journal locked by another run: nothing is posted, "nothing was ordered" with the lock file named, the cart deleted, exit 1', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      fs.mkdirSync(env.OVH_ORDER_CONFIG_DIR!, { recursive: true, mode: 0o700 });
      // A live process (this one) holds the lock for the whole run.
      fs.writeFileSync(path.join(env.OVH_ORDER_CONFIG_DIR!, 'journal.json.lock'), `${process.pid} another-run ${new Date().toISOString()}\n`);

      const result = await run(ORDER_ARGS, env);

      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(
        /Nothing was ordered: the checkout was not sent, because the order journal is locked by another ovh-order \(.*journal\.json\.lock\)/,
      );
      expect(result.stderr).not.toMatch(/may or may not/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);
      expect(calls(sandbox.log, 'DELETE', '/order/cart/{cartId}')).toHaveLength(1);
      expect(sandbox.orders()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('two identical `order --yes` started together buy one server; the other is refused (exit 2) and --quantity is named', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv();
      const [a, b] = await Promise.all([run(ORDER_ARGS, env), run(ORDER_ARGS, env)]);

      expect([a.code, b.code].sort(), `${a.stderr}\n---\n${b.stderr}`).toEqual([0, 2]);
      const refused = a.code === 2 ? a : b;
      expect(refused.stderr).toMatch(/Not ordering: (the same server was just ordered|an earlier checkout of the same server has no confirmed outcome)/);
      expect(sandbox.orders()).toHaveLength(1);

      // Run again a minute later by a script: still refused; --force orders a second one knowingly.
      const again = await run(ORDER_ARGS, env);
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toMatch(/same server was just ordered/);
      expect(again.stderr).toMatch(/--quantity/);
      expect(sandbox.orders()).toHaveLength(1);
      const forced = await run([...ORDER_ARGS, '--force'], env);
      expect(forced.code, forced.stderr).toBe(0);
      expect(sandbox.orders()).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });

  it('NODE_TLS_REJECT_UNAUTHORIZED=0: the order is refused before any cart, saying why (exit 1); --dry-run still prices it', async () => {
    const { sandbox, env: makeEnv, run } = await startFaultWorld();
    try {
      const env = makeEnv({ NODE_TLS_REJECT_UNAUTHORIZED: '0' });
      const result = await run(ORDER_ARGS, env);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/Not ordering: certificate verification is switched off \(NODE_TLS_REJECT_UNAUTHORIZED=0\)/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(calls(sandbox.log, 'POST', '/order/cart')).toEqual([]);
      expect(calls(sandbox.log, 'POST', CHECKOUT)).toEqual([]);

      const dry = await run([...ORDER_ARGS.filter((a) => a !== '--yes'), '--dry-run'], env);
      expect(dry.code, dry.stderr).toBe(0);
      expect(sandbox.orders()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
