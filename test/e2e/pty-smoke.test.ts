// The pseudo-terminal harness works on this machine: the binary sees a TTY and draws its help.
import { describe, expect, it } from 'vitest';
import { ptyAvailable, spawnPty } from '../helpers/pty.js';
import { isolatedEnv } from '../helpers/run-cli.js';

describe.skipIf(!ptyAvailable())('pseudo-terminal harness', () => {
  it('runs the binary in a terminal and reads its output', async () => {
    const session = spawnPty(['--help'], isolatedEnv());
    await session.waitFor('Usage: ovh-order');
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(0);
    expect(session.screen()).toContain('Examples:');
  });
});
