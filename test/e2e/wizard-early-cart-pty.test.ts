// A wizard left before its first item (issue 12): its cart, created as soon as the subsidiary is
// known, is assigned right away when the credentials can sign, so `cart list` shows it and
// `cart prune` removes it. The wizard and the cart commands talk to one shared sandbox server.
// Without credentials, or with bad ones, no more carts are created than before.
import { describe, expect, it } from 'vitest';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const available = ptyAvailable();
const sandbox = useSandbox();

const WIZARD = ['wizard', '--range', 'eco', '--subsidiary', 'FR'];
const posts = (route: string) => sandbox.log.filter((e) => e.method === 'POST' && e.route === route);

/** Starts the wizard, waits for the first question (the server list), and types Ctrl-C there. */
async function leaveAtFirstQuestion(env: NodeJS.ProcessEnv, settled: () => boolean): Promise<{ exitCode: number; screen: string }> {
  const session: PtySession = spawnPty([...WIZARD, '--endpoint', sandbox.url], env, { cols: 80 });
  await session.waitFor(/Which server\?[\s\S]*24sk10/);
  // The cart's calls run in the background: give them up to 5 s (the person reading the list).
  for (let waited = 0; waited < 5_000 && !settled(); waited += 50) await new Promise((r) => setTimeout(r, 50));
  session.write(keys.ctrlC);
  const { exitCode } = await session.exited;
  return { exitCode, screen: session.screen() };
}

describe.skipIf(!available)('a wizard interrupted before its first item', () => {
  it('leaves a cart that cart list shows and cart prune removes', async () => {
    const assignsBefore = posts('/order/cart/{cartId}/assign').length;
    const run = await leaveAtFirstQuestion(isolatedEnv(sandboxKeys(sandbox)), () => posts('/order/cart/{cartId}/assign').length > assignsBefore);
    expect(run.exitCode, run.screen).toBe(130);
    const cartId = /Cart ([0-9a-f-]{36}) is kept/.exec(run.screen)?.[1];
    expect(cartId, run.screen).toBeDefined();

    const listed = await runAgainst(sandbox, ['cart', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const { carts } = JSON.parse(listed.stdout) as { carts: Array<{ cartId: string; itemCount: number; createdByOvhOrder: boolean }> };
    expect(carts.find((c) => c.cartId === cartId)).toMatchObject({ itemCount: 0, createdByOvhOrder: true });

    const pruned = await runAgainst(sandbox, ['cart', 'prune', '--older-than', '0s', '--json']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect((JSON.parse(pruned.stdout) as { deleted: string[] }).deleted).toContain(cartId);
    const after = await runAgainst(sandbox, ['cart', 'list', '--json']);
    expect((JSON.parse(after.stdout) as { carts: Array<{ cartId: string }> }).carts.map((c) => c.cartId)).not.toContain(cartId);
  });

  it('without credentials, or with a wrong secret, creates one cart as before and nothing else', async () => {
    const loggedOut = isolatedEnv({ NODE_EXTRA_CA_CERTS: sandbox.caPath });
    const wrongSecret = isolatedEnv({ ...sandboxKeys(sandbox), OVH_APPLICATION_SECRET: 'not-the-secret' });
    for (const env of [loggedOut, wrongSecret]) {
      const cartsBefore = posts('/order/cart').length;
      const run = await leaveAtFirstQuestion(env, () => posts('/order/cart').length > cartsBefore);
      expect(run.exitCode, run.screen).toBe(130);
      expect(posts('/order/cart').length - cartsBefore, run.screen).toBe(1);
    }
  });
});
