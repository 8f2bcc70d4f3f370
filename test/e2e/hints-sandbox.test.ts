// Hints that can be pasted as they are (issue 12): under --sandbox, the next command keeps --sandbox.
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

describe('hints under --sandbox', () => {
  it('`catalog --sandbox` suggests an order command that also runs against the sandbox', async () => {
    const r = await runCli(['catalog', '--sandbox', '--range', 'eco', '--subsidiary', 'FR'], { env: isolatedEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('`ovh-order order --plan <plan> --range eco --datacenter <dc> --sandbox`');
  });
});
