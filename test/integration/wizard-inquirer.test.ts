// The whole wizard in-process, through the real inquirer prompts drawn on @inquirer/testing's
// screen, against the HTTPS sandbox: one complete order per range, keys pressed as a person would.
// The screen import must come before the code under test (it mocks the prompt modules).
import { screen } from '@inquirer/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { sandboxKeys } from '../helpers/run-cli.js';
import { createTestContext, type CapturedStream } from '../helpers/test-context.js';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

/** ora moves the cursor on a TTY; the captured streams say they are terminals, so they need the methods. */
function terminalLike(stream: CapturedStream): void {
  const s = stream as CapturedStream & Record<string, unknown>;
  s.cursorTo = (_x: number, _y?: number | (() => void), cb?: () => void) => (typeof _y === 'function' ? _y() : cb?.(), true);
  s.clearLine = (_dir: number, cb?: () => void) => (cb?.(), true);
  s.moveCursor = (_x: number, _y: number, cb?: () => void) => (cb?.(), true);
  s.getWindowSize = () => [80, 24];
}

type Rule = [RegExp, (question: string) => void];

const enter = () => screen.keypress('enter');
const yes = () => {
  screen.type('y');
  screen.keypress('enter');
};

/** Runs `ovh-order <args>` in-process and answers each prompt by the first rule matching its screen. */
async function drive(args: string[], rules: Rule[]): Promise<{ code: number; questions: string[]; stdout: string; stderr: string }> {
  const ctx = createTestContext({
    tty: true,
    env: {
      ...sandboxKeys(sandbox),
    },
  });
  terminalLike(ctx.stderr);
  terminalLike(ctx.stdout);
  const done = main(['wizard', '--endpoint', sandbox.url, ...args], ctx);
  const questions: string[] = [];
  for (;;) {
    const next = await Promise.race([screen.next().then(() => 'prompt' as const), done.then(() => 'done' as const)]);
    if (next === 'done') break;
    const text = screen.getScreen();
    const rule = rules.find(([pattern]) => pattern.test(text));
    if (!rule) throw new Error(`No rule for the screen:\n${text}\n--- stderr so far:\n${ctx.stderr.text()}`);
    questions.push(text.split('\n')[0]!);
    rule[1](text);
  }
  return { code: await done, questions, stdout: ctx.stdout.text(), stderr: ctx.stderr.text() };
}

const COMMON: Rule[] = [
  [/How do you want to pay\?/, enter],
  [/How many servers\?/, enter],
  [/\((choose one|optional)\):/, enter],
  [/Which datacenter\?/, enter],
  [/Order .* in [a-z]+, .*, for .* with tax\?/, yes],
  [/Pay it now with your preferred payment method\?/, enter],
];

function labelsPosted(from: number): string[] {
  return sandbox.log
    .slice(from)
    .filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/item/{itemId}/configuration')
    .map((e) => (e.body as { label: string }).label);
}

describe('the wizard on the inquirer screen', () => {
  for (const [range, plan, product] of [
    ['eco', '24sk30', 'eco'],
    ['baremetal', '24adv01', 'baremetalServers'],
    ['dedicated', '24hgrstor01', 'dedicated'],
  ] as const) {
    it(`orders a ${range} server from the first question to the order id`, async () => {
      const from = sandbox.log.length;
      const result = await drive(
        ['--search', plan],
        [
          [
            /Which range of servers\?/,
            () => {
              // The range list: move to the wanted one (dedicated, baremetal, eco).
              for (let i = 0; i < ['dedicated', 'baremetal', 'eco'].indexOf(range); i++) screen.keypress('down');
              enter();
            },
          ],
          [new RegExp(`Which server\\?[\\s\\S]*${plan}`), enter],
          ...COMMON,
        ],
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.questions[0]).toMatch(/Which range of servers\?/);
      expect(result.stdout).toMatch(/Total with tax/);
      expect(result.stdout).toMatch(/Order placed\.[\s\S]*ovh-order status \d+/);
      const log = sandbox.log.slice(from);
      expect(
        log.filter((e) => e.method === 'POST' && e.route === `/order/cart/{cartId}/${product}`).map((e) => (e.body as { planCode: string }).planCode),
      ).toEqual([plan]);
      const labels = labelsPosted(from);
      expect(labels).toContain('dedicated_datacenter');
      expect(new Set(labels).size).toBe(labels.length);
      const checkouts = log.filter((e) => e.method === 'POST' && e.route === '/order/cart/{cartId}/checkout');
      expect(checkouts.map((e) => e.body)).toEqual([{ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false }]);
    });
  }
});
