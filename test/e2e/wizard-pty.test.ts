// The built binary in a real pseudo-terminal, as a person runs it: a complete order, a dry run and a
// Ctrl-C, against the HTTPS sandbox started here (its request log is the evidence), plus the
// README's first command (`wizard --sandbox`) from the first question to a placed order.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOrderSpec } from '../../src/domain/order-spec.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxLogEntry, type SandboxServer } from '../../src/sandbox/index.js';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, runCli, sandboxKeys } from '../helpers/run-cli.js';

const available = ptyAvailable();
if (!available) console.log('[wizard-pty] @lydell/node-pty has no prebuilt binary for this platform: the pseudo-terminal tests are skipped.');

let sandbox: SandboxServer;

function env(): NodeJS.ProcessEnv {
  return isolatedEnv({
    ...sandboxKeys(sandbox),
  });
}

/** Waits for a question, then answers it (marking first so the next wait looks at new output only). */
async function answer(session: PtySession, question: string | RegExp, input: string): Promise<void> {
  await session.waitFor(question);
  session.mark();
  session.write(input);
}

const calls = (method: string, route: string): SandboxLogEntry[] => sandbox.log.filter((e) => e.method === method && e.route === route);
const CHECKOUT = '/order/cart/{cartId}/checkout';
const CONFIGURATION = '/order/cart/{cartId}/item/{itemId}/configuration';

/** The offer list once its entries are drawn (Enter before the list is loaded would be ignored). */
const KS3_LISTED = /Which server\?[\s\S]*KS-3 24sk30/;

/** KS-3 up to the price preview: list (pre-filtered), billing, quantity, storage, datacenter. */
async function configureKs3(session: PtySession): Promise<void> {
  await answer(session, KS3_LISTED, keys.enter);
  await answer(session, 'How do you want to pay?', keys.enter);
  await answer(session, 'How many servers?', keys.enter);
  await answer(session, 'Storage (choose one):', keys.enter);
  await answer(session, 'Which datacenter?', keys.enter);
}

describe.skipIf(!available)('the wizard in a pseudo-terminal', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => sandbox.clearLog());

  it('places one complete order: assigned before preview and checkout, each label once, every mandatory family filled, waive false', async () => {
    const runEnv = env();
    const session = spawnPty(['wizard', '--endpoint', sandbox.url, '--range', 'eco', '--search', '24sk30'], runEnv, { cols: 80 });
    await configureKs3(session);
    await session.waitFor('Total with tax');
    await answer(session, /Order .* in [a-z]+, .*, for .* with tax\?/, `y${keys.enter}`);
    await answer(session, 'Pay it now with your preferred payment method?', keys.enter);
    await session.waitFor(/ovh-order status \d+/);
    const { exitCode } = await session.exited;
    expect(exitCode, session.screen().slice(-2000)).toBe(0);

    const routes = sandbox.log.map((e) => `${e.method} ${e.route}`);
    const assign = routes.indexOf('POST /order/cart/{cartId}/assign');
    expect(assign).toBeGreaterThan(-1);
    expect(assign).toBeLessThan(routes.indexOf(`GET ${CHECKOUT}`));
    expect(assign).toBeLessThan(routes.indexOf(`POST ${CHECKOUT}`));
    const labels = calls('POST', CONFIGURATION).map((e) => (e.body as { label: string }).label);
    expect(labels.sort()).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
    const options = calls('POST', '/order/cart/{cartId}/eco/options').map((e) => (e.body as { planCode: string }).planCode);
    for (const family of ['ram-', 'softraid-', 'bandwidth-']) expect(options.filter((c) => c.startsWith(family))).toHaveLength(1);
    expect(calls('POST', CHECKOUT).map((e) => e.body)).toEqual([{ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false }]);
    const orderId = sandbox.orders().at(-1)!.orderId;
    expect(session.screen()).toContain(`ovh-order status ${orderId}`);
    // The checkout went through the order journal (written before the POST, completed after it).
    const journal = JSON.parse(readFileSync(join(runEnv.OVH_ORDER_CONFIG_DIR!, 'journal.json'), 'utf8')) as {
      entries: Array<{ state: string; orderId?: number }>;
    };
    expect(journal.entries.map((e) => [e.state, e.orderId])).toEqual([['ordered', orderId]]);
  });

  it('--dry-run shows the preview, posts no checkout and deletes the cart', async () => {
    const specFile = join(mkdtempSync(join(tmpdir(), 'ovh-order-spec-')), 'ks3.json');
    const session = spawnPty(['wizard', '--endpoint', sandbox.url, '--range', 'eco', '--search', '24sk30', '--dry-run', '--save', specFile], env(), {
      cols: 80,
    });
    // Esc goes back one step on a real terminal.
    await answer(session, KS3_LISTED, keys.enter);
    await answer(session, 'How do you want to pay?', keys.escape);
    await configureKs3(session);
    await session.waitFor('Dry run: nothing was bought.');
    const { exitCode } = await session.exited;
    expect(exitCode, session.screen().slice(-2000)).toBe(0);
    expect(session.screen()).toMatch(/Total with tax/);
    expect(calls('POST', CHECKOUT)).toHaveLength(0);
    // --save wrote a spec that `ovh-order order --spec` accepts.
    expect(parseOrderSpec(JSON.parse(readFileSync(specFile, 'utf8')))).toMatchObject({
      range: 'eco',
      planCode: '24sk30',
      quantity: 1,
      pricingMode: 'default',
      duration: 'P1M',
    });
    expect(session.screen()).toContain(`ovh-order order --spec ${specFile}`);
    // The cart the server was added to is the one deleted.
    const added = calls('POST', '/order/cart/{cartId}/eco')[0]!.path.replace(/\/eco$/, '');
    expect(calls('DELETE', '/order/cart/{cartId}').map((e) => e.path)).toEqual([added]);
  });

  it('Ctrl-C mid-way exits 130 with one line naming the cart and how to resume or delete it', async () => {
    const session = spawnPty(['wizard', '--endpoint', sandbox.url, '--range', 'eco', '--search', '24sk30'], env(), { cols: 80 });
    await answer(session, KS3_LISTED, keys.enter);
    await answer(session, 'How do you want to pay?', keys.enter);
    await answer(session, 'How many servers?', keys.enter);
    await answer(session, 'Storage (choose one):', keys.ctrlC);
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen.slice(-2000)).toBe(130);
    const line = screen.split(/\r?\n/).find((l) => l.startsWith('Interrupted.'));
    expect(line).toMatch(/^Interrupted\. Cart (\S+) is kept: resume it with `ovh-order wizard --cart \1` or delete it with `ovh-order cart delete \1`\.$/);
    const cartId = /Cart (\S+) is kept/.exec(line!)![1]!;
    expect(calls('POST', '/order/cart/{cartId}/eco').map((e) => e.path)).toEqual([`/order/cart/${cartId}/eco`]);
    expect(screen).not.toMatch(/\n\s+at /);
    expect(calls('POST', CHECKOUT)).toHaveLength(0);
  });

  it('Ctrl-C while waiting for the API (no prompt on screen) also exits 130 with the resume line', async () => {
    const session = spawnPty(['wizard', '--endpoint', sandbox.url, '--range', 'eco', '--search', '24sk30'], env(), { cols: 80 });
    await answer(session, KS3_LISTED, keys.enter);
    await answer(session, 'How do you want to pay?', keys.enter);
    await session.waitFor('How many servers?');
    sandbox.setLatency(5_000);
    try {
      session.mark();
      session.write(keys.enter);
      // The spinner shows after 300 ms: the terminal is out of raw mode, Ctrl-C is a SIGINT.
      await session.waitFor('Adding 24sk30 to the cart');
      session.write(keys.ctrlC);
      const { exitCode } = await session.exited;
      expect(exitCode, session.screen().slice(-2000)).toBe(130);
    } finally {
      sandbox.setLatency(0);
    }
    expect(session.screen()).toMatch(/Interrupted\. Cart \S+ is kept: resume it with `ovh-order wizard --cart \S+`/);
    expect(session.screen()).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!available)('the README’s first command', () => {
  it('`wizard --sandbox` runs from the first question to a placed order, with no account', async () => {
    const session = spawnPty(['wizard', '--sandbox'], isolatedEnv(), { cols: 80 });
    await answer(session, 'Which range of servers?', keys.enter);
    await answer(session, /Which server\?[\s\S]*HGR-STOR-1/, keys.enter);
    await answer(session, 'How do you want to pay?', keys.enter);
    await answer(session, 'How many servers?', keys.enter);
    await answer(session, 'Which datacenter?', keys.enter);
    await answer(session, /Order .* in [a-z]+, .*, for .* with tax\?/, `y${keys.enter}`);
    await answer(session, 'Pay it now with your preferred payment method?', keys.enter);
    await session.waitFor(/ovh-order status \d+ --sandbox/);
    const { exitCode } = await session.exited;
    expect(exitCode, session.screen().slice(-2000)).toBe(0);
    expect(session.screen()).toContain('Order placed.');
    // The receipt names the cart the order came from.
    expect(session.screen()).toMatch(/Order placed\.[\s\S]*Cart\s+[0-9a-f-]{36}/);
  });
});

describe('without a terminal', () => {
  it('does not start: exit 2 and a pointer to `ovh-order order`', async () => {
    const result = await runCli(['wizard', '--sandbox']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no terminal/);
    expect(result.stderr).toContain('ovh-order order');
    expect(result.stdout).toBe('');
  });
});
