// Ctrl-C TYPED at the keyboard while a spinner turns (issue 12). The spinner holds the terminal in
// raw mode, so the key reaches the binary as the byte \x03 on stdin, not as SIGINT: these tests
// write that byte into a real pseudo-terminal at each spinner of catalog, order, status --wait,
// login and the wizard. The sandbox answers every call after LATENCY_MS, so a spinner lasts and an
// exit well before the next answer could arrive proves the key stopped the command at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, runAgainst, sandboxKeys } from '../helpers/run-cli.js';

const available = ptyAvailable();
if (!available) console.log('[ctrl-c-pty] @lydell/node-pty has no prebuilt binary for this platform: the pseudo-terminal tests are skipped.');

const LATENCY_MS = 3_000;
/** Well under one API answer: the command did not wait for the call in flight. */
const AT_ONCE_MS = 2_000;
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const ORDER = ['order', '--range', 'eco', '--plan', '24sk10', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes'];
const CHECKOUT = '/order/cart/{cartId}/checkout';

let sandbox: SandboxServer;

function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}): PtySession {
  return spawnPty([...args, '--endpoint', sandbox.url], isolatedEnv({ ...sandboxKeys(sandbox), ...extraEnv }));
}

/** Waits until the spinner with `label` is drawn, types Ctrl-C, and returns the exit and how long it took. */
async function ctrlCAt(session: PtySession, label: string | RegExp): Promise<{ exitCode: number; ms: number; screen: string }> {
  await session.waitFor(label);
  const typedAt = Date.now();
  session.write(keys.ctrlC);
  const { exitCode } = await session.exited;
  return { exitCode, ms: Date.now() - typedAt, screen: session.screen() };
}

const posts = (route: string) => sandbox.log.filter((e) => e.method === 'POST' && e.route === route);

describe.skipIf(!available)('Ctrl-C typed while a spinner turns', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.setLatency(LATENCY_MS);
  });

  it('catalog --refresh: exit 130 at once, said plainly, no stack trace', async () => {
    const run = await ctrlCAt(start(['catalog', '--range', 'eco', '--subsidiary', 'FR', '--refresh']), '⠙ Reading the eco catalog');
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    expect(run.screen).toMatch(/Interrupted/);
    expect(run.screen).not.toMatch(/Error: Interrupted/);
    expect(run.screen).not.toMatch(STACK_TRACE);
    expect(run.screen).not.toMatch(/\d+ of \d+ offers/);
  });

  it('order, reading the catalog: exit 130 at once, no cart, nothing bought', async () => {
    const before = sandbox.log.length;
    const run = await ctrlCAt(start(ORDER), '⠙ Reading the eco catalog');
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    expect(run.screen).not.toMatch(STACK_TRACE);
    expect(run.screen).not.toMatch(/Order placed/);
    expect(sandbox.log.slice(before).filter((e) => e.method === 'POST' && e.route === '/order/cart')).toEqual([]);
  });

  it('order, adding the server to the cart: exit 130 at once, the cart named with the commands to resume or delete it', async () => {
    const session = start(ORDER);
    const run = await ctrlCAt(session, '⠙ Adding 24sk10 to the cart');
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    const cartId = /Cart ([0-9a-f-]{36}) is kept/.exec(run.screen)?.[1];
    expect(cartId, run.screen).toBeDefined();
    expect(run.screen).toMatch(/nothing was ordered/i);
    expect(run.screen).toContain(`ovh-order wizard --cart ${cartId}`);
    expect(run.screen).toContain(`ovh-order cart delete ${cartId}`);
    expect(run.screen).not.toMatch(STACK_TRACE);
    expect(sandbox.log.filter((e) => e.method === 'POST' && e.route === CHECKOUT && e.path.includes(cartId!))).toEqual([]);
  });

  it('order, during the checkout: waits for the answer (bounded by --timeout); a second Ctrl-C quits at once naming the cart and `ovh-order status`', async () => {
    // The checkout is the one call held: everything before it answers at once.
    sandbox.setLatency(0);
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'hang', times: 1 });
    const session = start([...ORDER, '--timeout', '20']);
    await session.waitFor('⠙ Placing the order', 20_000);
    session.mark();
    session.write(keys.ctrlC);
    await session.waitFor('Waiting for OVH to answer the checkout before stopping');
    // Later than the grace that tells a person's second press from a signal re-raised at once.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const typedAt = Date.now();
    session.write(keys.ctrlC);
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen).toBe(130);
    expect(Date.now() - typedAt).toBeLessThan(AT_ONCE_MS);
    const cartId = /checkout of cart ([0-9a-f-]{36})/.exec(screen)?.[1];
    expect(cartId, screen).toBeDefined();
    expect(screen).toMatch(/may or may not have been placed/);
    expect(screen).toMatch(/`ovh-order status`/);
    expect(screen).not.toMatch(STACK_TRACE);
    expect(posts(CHECKOUT).filter((e) => e.path.includes(cartId!))).toHaveLength(1);
  });

  it('order, during the checkout, one Ctrl-C and no answer: exit 130 after --timeout, never posted twice', async () => {
    sandbox.setLatency(0);
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'hang', times: 1 });
    const session = start([...ORDER, '--timeout', '2']);
    await session.waitFor('⠙ Placing the order', 20_000);
    session.write(keys.ctrlC);
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen).toBe(130);
    expect(screen).toMatch(/Waiting for OVH to answer the checkout before stopping/);
    expect(screen).toMatch(/may or may not have been placed/);
    expect(screen).toMatch(/ovh-order status/);
    const cartId = /cart ([0-9a-f-]{36})/.exec(screen)?.[1];
    expect(posts(CHECKOUT).filter((e) => e.path.includes(cartId!))).toHaveLength(1);
  });

  it('status --wait: Ctrl-C stops waiting at once, says the order goes on, no "Error:"', async () => {
    sandbox.setLatency(0);
    const placed = await runAgainst(sandbox, [...ORDER, '--autopay', '--json']);
    expect(placed.code, placed.stderr).toBe(0);
    const orderId = (JSON.parse(placed.stdout) as { order: { orderId: number } }).order.orderId;
    const run = await ctrlCAt(start(['status', String(orderId), '--wait']), /⠙ Order \d+ is/);
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    expect(run.screen).toMatch(/Stopped waiting\./);
    expect(run.screen).not.toMatch(/Error: Stopped/);
    expect(run.screen).toContain(`ovh-order status ${orderId} --wait`);
  });

  it('login, waiting for the validation: exit 130 at once, how to finish later', async () => {
    const { appKey, appSecret } = sandbox.credentials;
    sandbox.setLatency(0);
    const session = start(['login', '--app-key', appKey, '--app-secret', appSecret], { OVH_ORDER_LOGIN_POLL_MS: String(LATENCY_MS) });
    const run = await ctrlCAt(session, '⠙ Waiting for you to allow access');
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    expect(run.screen).toContain('Stopped waiting for the validation.');
    expect(run.screen).toContain('ovh-order login');
    expect(run.screen).not.toMatch(STACK_TRACE);
  });

  it('wizard, loading the catalog: exit 130 at once (not at the next question)', async () => {
    const run = await ctrlCAt(start(['wizard', '--range', 'eco', '--subsidiary', 'FR']), /⠙ (Reading|Loading)/);
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    expect(run.screen).toMatch(/Interrupted/);
    expect(run.screen).not.toMatch(/Which server\?/);
    expect(run.screen).not.toMatch(STACK_TRACE);
  });

  it('wizard, building the cart: exit 130 at once, the cart named with the commands to resume or delete it', async () => {
    sandbox.setLatency(0);
    const session = start(['wizard', '--range', 'eco', '--subsidiary', 'FR', '--search', '24sk30']);
    await session.waitFor(/Which server\?[\s\S]*KS-3 24sk30/);
    session.write(keys.enter);
    await session.waitFor('How do you want to pay?');
    sandbox.setLatency(LATENCY_MS);
    session.write(keys.enter);
    await session.waitFor('How many servers?');
    session.write(keys.enter);
    const run = await ctrlCAt(session, /⠙ [A-Z]/);
    expect(run.exitCode, run.screen).toBe(130);
    expect(run.ms).toBeLessThan(AT_ONCE_MS);
    const cartId = /Cart ([0-9a-f-]{36}) is kept/.exec(run.screen)?.[1];
    expect(cartId, run.screen).toBeDefined();
    expect(run.screen).toContain(`ovh-order wizard --cart ${cartId}`);
    expect(run.screen).toContain(`ovh-order cart delete ${cartId}`);
  });
});
