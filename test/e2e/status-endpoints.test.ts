// `ovh-order status` keeps each API's journal entries apart (issue 12): orders placed on the
// in-process sandbox (--sandbox) or on a sandbox server on this machine (--endpoint https://127.0.0.1…)
// never appear among the account's real orders; --sandbox shows only the sandbox's.
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runCli, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
const ORDER = ['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes', '--json'];

describe('status lists one API at a time', () => {
  it('sandbox orders never show as real ones; each is shown where it belongs', async () => {
    const env = isolatedEnv(sandboxKeys(sandbox));
    const onServer = await runCli([...ORDER, '--endpoint', sandbox.url], { env });
    expect(onServer.code, onServer.stderr).toBe(0);
    const serverOrder = (JSON.parse(onServer.stdout) as { order: { orderId: number } }).order.orderId;
    const inProcess = await runCli([...ORDER, '--sandbox'], { env });
    expect(inProcess.code, inProcess.stderr).toBe(0);
    const sandboxOrder = (JSON.parse(inProcess.stdout) as { order: { orderId: number } }).order.orderId;

    // The real API (the default endpoint; no credentials for it here): neither sandbox order.
    const real = await runCli(['status', '--json'], { env: { ...env, OVH_APPLICATION_KEY: '', OVH_APPLICATION_SECRET: '', OVH_CONSUMER_KEY: '' } });
    expect(real.code, real.stderr).toBe(0);
    expect((JSON.parse(real.stdout) as { entries: unknown[] }).entries).toEqual([]);

    const sandboxed = await runCli(['status', '--sandbox', '--json'], { env });
    const sandboxIds = (JSON.parse(sandboxed.stdout) as { entries: Array<{ orderId?: number }> }).entries.map((e) => e.orderId);
    expect(sandboxIds).toEqual([sandboxOrder]);

    const server = await runCli(['status', '--endpoint', sandbox.url, '--json'], { env });
    const serverIds = (JSON.parse(server.stdout) as { entries: Array<{ orderId?: number }> }).entries.map((e) => e.orderId);
    expect(serverIds).toEqual([serverOrder]);
  });
});
