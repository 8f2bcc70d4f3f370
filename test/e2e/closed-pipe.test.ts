// A closed output never decides whether a server is bought (issue 12): `ovh-order order … --yes`
// over REAL pipes (bash, `| head`, `| true`) against the HTTPS sandbox. When the reader has gone
// before the checkout, the command stops before it, deletes the cart and exits non-zero.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { binPath, isolatedEnv, repoRoot, sandboxKeys } from '../helpers/run-cli.js';

const ORDER = 'order --range eco --plan 24sk10 --subsidiary FR --datacenter gra --yes';
const CART_ROUTE = '/order/cart/{cartId}';

let sandbox: SandboxServer;

/** Runs `ovh-order <args> <redirections> | <reader>` in bash; returns ovh-order's own exit code and what the reader printed. */
function pipeline(args: string, tail: string): Promise<{ code: number; out: string }> {
  const env = isolatedEnv(sandboxKeys(sandbox));
  const script = `"${process.execPath}" "${binPath}" ${args} --endpoint ${sandbox.url} ${tail}; echo "exit=\${PIPESTATUS[0]}" >&3`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
    let out = '';
    let status = '';
    child.stdout!.on('data', (d) => (out += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (status += d));
    child.on('error', reject);
    child.on('close', () => resolve({ code: Number(/exit=(\d+)/.exec(status)?.[1] ?? -1), out }));
  });
}

function cartsOfRun(from: number): { deleted: string[]; checkouts: number } {
  const log = sandbox.log.slice(from);
  const deleted = log.filter((e) => e.method === 'DELETE' && e.route === CART_ROUTE).map((e) => e.path.split('/')[3]!);
  const checkouts = log.filter((e) => e.method === 'POST' && e.route === `${CART_ROUTE}/checkout`).length;
  return { deleted, checkouts };
}

describe('order --yes with its output closed', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('`2>&1 | head -2`: stops before the checkout, deletes the cart, exits non-zero', async () => {
    const from = sandbox.log.length;
    const run = await pipeline(ORDER, '2>&1 | head -2');
    expect(run.out.trim().split('\n')).toHaveLength(2);
    expect(run.code).toBe(1);
    const carts = cartsOfRun(from);
    expect(carts.checkouts).toBe(0);
    expect(sandbox.orders()).toEqual([]);
    expect(sandbox.log.slice(from).filter((e) => e.method === 'POST' && e.route === '/order/cart')).toHaveLength(1);
    expect(carts.deleted).toHaveLength(1);
  });

  it('`| true` (the reader gone before the preview is written): no checkout, the cart deleted, exit 1', async () => {
    const from = sandbox.log.length;
    const run = await pipeline(ORDER, '2>/dev/null | true');
    expect(run.code).toBe(1);
    const carts = cartsOfRun(from);
    expect(carts.checkouts).toBe(0);
    expect(sandbox.orders()).toEqual([]);
    expect(carts.deleted).toHaveLength(1);
  });

  it('an open pipe still orders (the closed-pipe stop is not a blanket refusal)', async () => {
    const from = sandbox.log.length;
    const run = await pipeline(ORDER, '2>/dev/null | cat');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Order placed\.[\s\S]*Order\s+\d+/);
    expect(cartsOfRun(from).checkouts).toBe(1);
  });
});
