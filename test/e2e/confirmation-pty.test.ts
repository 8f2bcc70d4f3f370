// The final question says what is bought (issue 12): `ovh-order order` without --yes in an
// 80-column pseudo-terminal against the HTTPS sandbox: the summary (server, datacenter with city
// and country, quantity, billing in words, what the commitment totals, due now, what renews), the
// descriptions wrapped never cut, free setup lines folded, the other-continent warning, and a
// question that repeats the datacenter and the commitment. "n" buys nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { keys, ptyAvailable, spawnPty } from '../helpers/pty.js';
import { isolatedEnv, sandboxKeys } from '../helpers/run-cli.js';

const available = ptyAvailable();
let sandbox: SandboxServer;

describe.skipIf(!available)('the final confirmation of `order`', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('a 12-month commitment in Beauharnois from a French account: said in the summary and in the question', async () => {
    const args = [
      'order',
      '--range',
      'eco',
      '--plan',
      '24rise01',
      '--subsidiary',
      'FR',
      '--datacenter',
      'bhs',
      '--pricing-mode',
      'degressivity12',
      '--endpoint',
      sandbox.url,
    ];
    const session = spawnPty(args, isolatedEnv(sandboxKeys(sandbox)), { cols: 80 });
    await session.waitFor(/Order RISE-1 in bhs, 12-month commitment, for [\d ,]+ € with tax\?/);
    const screen = session.screen();
    expect(screen).toMatch(/Server\s+RISE-1 \| Intel Xeon-E 2386G \(24rise01\)/);
    expect(screen).toMatch(/Datacenter\s+bhs — Beauharnois, Canada/);
    expect(screen).toMatch(/Quantity\s+1/);
    expect(screen).toMatch(/Billing\s+12-month commitment, paid monthly/);
    expect(screen).toMatch(/Commitment\s+[\d ,]+ € \+ tax over 12 months/);
    expect(screen).toMatch(/Due now\s+[\d ,]+ € \(tax included\)/);
    expect(screen).toMatch(/Then renews\s+[\d ,]+ € \+ tax every month/);
    expect(screen).toMatch(/Beauharnois is in North America, another continent than your .* account \(Europe\)/);
    // The datacenter part of the server's description is wrapped onto the next line, not cut.
    expect(screen).toMatch(/centre de .*\r?\n\s*données bhs/);
    expect(screen).not.toMatch(/…/);
    expect(screen).not.toMatch(/\bsetup\s+1\s+0,00/);
    expect(screen).toMatch(/No setup fee/);
    // The preview and the summary fit 80 columns (the terminal never wraps them).
    const shown = screen.slice(screen.indexOf('Description'), screen.lastIndexOf('Then renews'));
    for (const line of shown.split(/\r?\n/)) expect(line.length, line).toBeLessThanOrEqual(80);
    session.write(`n${keys.enter}`);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(0);
    expect(sandbox.orders()).toEqual([]);
  });
});
