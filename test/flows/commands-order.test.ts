// `ovh-order order` in-process, with a terminal and a scripted Prompter, against the HTTPS sandbox:
// the confirmation (default No), a "no" that buys nothing, a "yes" that orders once, Ctrl-C while
// building, and --keep-cart on a refusal.
import { sandboxKeys } from '../helpers/run-cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { InterruptedError } from '../../src/domain/errors.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { scriptedPrompter, type ScriptedPrompter } from '../helpers/scripted-prompter.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

function context(prompter?: ScriptedPrompter): TestContext {
  const ctx = createTestContext({
    tty: true,
    env: {
      ...sandboxKeys(sandbox),
    },
  });
  if (prompter) ctx.prompter = prompter;
  // A terminal: the spinner (ora) may start on a slow machine and moves the cursor on stderr.
  Object.assign(ctx.stderr, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return ctx;
}

const ORDER = ['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra'];
const checkouts = () => sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/checkout');
const cartsCreated = () => sandbox.log.filter((e) => e.method === 'POST' && e.route === '/order/cart').length;
const cartsDeleted = () => sandbox.log.filter((e) => e.method === 'DELETE' && e.route === '/order/cart/{cartId}').length;

describe('ovh-order order with a terminal', () => {
  it('asks before buying (default No); "no" buys nothing, deletes the cart and exits 0', async () => {
    const prompter = scriptedPrompter([{ id: 'confirm-order', answer: false }]);
    const ctx = context(prompter);
    const before = { checkouts: checkouts().length, deleted: cartsDeleted() };
    const code = await main([...ORDER, '--endpoint', sandbox.url], ctx);
    expect(code, ctx.stderr.text()).toBe(0);
    expect(prompter.asked).toHaveLength(1);
    expect(prompter.asked[0]).toMatchObject({ kind: 'confirm', default: false, message: 'Order KS-1 in gra, no commitment, for 40,78 € with tax?' });
    expect(ctx.stdout.text()).toMatch(/Total with tax\s+40,78 €/);
    expect(ctx.stderr.text()).toMatch(/Nothing was ordered\. Cart [0-9a-f-]{36} was deleted\./);
    expect(checkouts()).toHaveLength(before.checkouts);
    expect(cartsDeleted()).toBe(before.deleted + 1);
  });

  it('"yes" places the order once, without waiving the withdrawal period', async () => {
    const prompter = scriptedPrompter([{ id: 'confirm-order', answer: true }]);
    const ctx = context(prompter);
    const before = checkouts().length;
    const code = await main([...ORDER, '--endpoint', sandbox.url], ctx);
    expect(code, ctx.stderr.text()).toBe(0);
    expect(prompter.remaining()).toHaveLength(0);
    expect(checkouts()).toHaveLength(before + 1);
    expect(checkouts().at(-1)!.body).toEqual({ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    expect(ctx.stdout.text()).toContain('Order placed.');
    expect(ctx.stdout.text()).toMatch(/Next\s+ovh-order status \d+ --wait/);
  });

  it('--yes asks nothing', async () => {
    const prompter = scriptedPrompter([]);
    const ctx = context(prompter);
    const code = await main([...ORDER, '--yes', '--json', '--endpoint', sandbox.url], ctx);
    expect(code, ctx.stderr.text()).toBe(0);
    expect(prompter.asked).toHaveLength(0);
    expect(JSON.parse(ctx.stdout.text())).toMatchObject({ outcome: 'ordered', order: { orderId: expect.any(Number) } });
  });

  it('--max-price equal to the total without tax is not above it: the order goes through; a cent less refuses', async () => {
    // 24sk10 in FR: 33,98 € without tax (40,78 € with it).
    const refused = context();
    const before = checkouts().length;
    expect(await main([...ORDER, '--endpoint', sandbox.url, '--yes', '--max-price', '33.97'], refused), refused.stderr.text()).toBe(2);
    expect(refused.stderr.text()).toContain('The total without tax, 33,98 €, is above --max-price 33,97 €: nothing was ordered.');
    expect(checkouts()).toHaveLength(before);
    const ctx = context();
    expect(await main([...ORDER, '--endpoint', sandbox.url, '--yes', '--max-price', '33.98'], ctx), ctx.stderr.text()).toBe(0);
    expect(checkouts()).toHaveLength(before + 1);
    expect(ctx.stdout.text()).toContain('Order placed.');
  });

  it('status --wait: Ctrl-C stops waiting (exit 130) and says the order goes on', async () => {
    const placing = context(scriptedPrompter([]));
    expect(await main([...ORDER, '--yes', '--json', '--endpoint', sandbox.url], placing)).toBe(0);
    const orderId = (JSON.parse(placing.stdout.text()) as { order: { orderId: number } }).order.orderId;

    const ctx = context(scriptedPrompter([]));
    ctx.env.OVH_ORDER_POLL_INTERVAL_MS = '5';
    const polls = () => sandbox.log.filter((e) => e.route === '/me/order/{orderId}/status' && e.path.includes(String(orderId))).length;
    const timer = setInterval(() => {
      // The order is not paid (no --autopay): it stays put, so the wait only ends by Ctrl-C.
      if (polls() >= 3) {
        clearInterval(timer);
        ctx.interrupt.abort(new InterruptedError());
      }
    }, 1);
    try {
      expect(await main(['status', String(orderId), '--wait', '--endpoint', sandbox.url], ctx)).toBe(130);
    } finally {
      clearInterval(timer);
    }
    expect(ctx.stderr.text()).toContain(`Order ${orderId} is not paid yet`);
    expect(ctx.stderr.text()).toContain('Stopped waiting.');
    expect(ctx.stderr.text()).toContain(`ovh-order status ${orderId} --wait`);
  });

  it('a refusal after the cart exists deletes it, unless --keep-cart', async () => {
    const ctx = context(scriptedPrompter([]));
    const created = cartsCreated();
    const deleted = cartsDeleted();
    const code = await main([...ORDER, '--config', 'colour=blue', '--keep-cart', '--endpoint', sandbox.url], ctx);
    expect(code).toBe(2);
    expect(ctx.stderr.text()).toContain('Unknown configuration label "colour"');
    expect(ctx.stderr.text()).toMatch(/Cart [0-9a-f-]{36} is kept\s+\(--keep-cart\)/);
    expect(cartsCreated()).toBe(created + 1);
    expect(cartsDeleted()).toBe(deleted);
  });

  it('Ctrl-C while the cart is being built exits 130 at once (no more round trips), buying nothing, the cart named to resume or delete', async () => {
    const ctx = context(scriptedPrompter([]));
    const before = { checkouts: checkouts().length, created: cartsCreated(), deleted: cartsDeleted() };
    // Interrupt as soon as the cart exists (the first write to it).
    const logLength = sandbox.log.length;
    const timer = setInterval(() => {
      if (sandbox.log.slice(logLength).some((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/eco')) {
        clearInterval(timer);
        ctx.interrupt.abort(new InterruptedError());
      }
    }, 1);
    try {
      const code = await main([...ORDER, '--yes', '--endpoint', sandbox.url], ctx);
      expect(code).toBe(130);
    } finally {
      clearInterval(timer);
    }
    expect(cartsCreated()).toBe(before.created + 1);
    expect(cartsDeleted()).toBe(before.deleted);
    expect(checkouts()).toHaveLength(before.checkouts);
    expect(ctx.stderr.text()).toMatch(/Interrupted: nothing was ordered\. Cart [0-9a-f-]+ is kept\./);
    expect(ctx.stderr.text()).toMatch(/ovh-order cart delete [0-9a-f-]+/);
  });
});
