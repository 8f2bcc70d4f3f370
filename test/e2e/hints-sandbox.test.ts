// Hints that can be pasted as they are (issue 12): under --sandbox, the next command keeps --sandbox.
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../faults/helpers/fault-env.js';

describe('hints under --sandbox', () => {
  it('`catalog --sandbox` suggests an order command that also runs against the sandbox', async () => {
    const r = await runCli(['catalog', '--sandbox', '--range', 'eco', '--subsidiary', 'FR'], { env: isolatedEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('`ovh-order order --plan <plan> --range eco --datacenter <dc> --sandbox`');
  });
});

describe('status --wait under --sandbox', () => {
  it('says how the sandbox moves an order on, in words (no API status word), and stops on Ctrl-C without "Error:"', async () => {
    const env = isolatedEnv();
    const placed = await runCli(
      ['order', '--sandbox', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes', '--autopay', '--json'],
      { env },
    );
    expect(placed.code, placed.stderr).toBe(0);
    const orderId = (JSON.parse(placed.stdout) as { order: { orderId: number } }).order.orderId;
    const cli = spawnCli(['status', String(orderId), '--wait', '--sandbox'], env);
    await cli.waitForStderr(/In the sandbox, an order is checked for 10 minutes after payment and delivered 60 minutes after payment\./);
    expect(cli.stderr()).toMatch(new RegExp(`Order ${orderId} is being checked \\(payment and order\\); waiting for delivery`));
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(cli.stderr()).toMatch(/Stopped waiting\./);
    expect(cli.stderr()).not.toMatch(/Error: Stopped/);
  });
});
