// `ovh-order order` refuses every bad input before anything is bought: the built binary against the
// HTTPS sandbox, each case with its message (naming the value and the allowed ones) and exit 2, and
// the sandbox's request log showing that no checkout was ever posted and no cart was left behind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgainst, type CliResult } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();

const cli = (args: string[]): Promise<CliResult> => runAgainst(sandbox, args);

const RISE = ['order', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--yes'];

/** Replaces (or adds) one flag's value in an argument list. */
function withFlag(args: string[], flag: string, value: string): string[] {
  const at = args.indexOf(flag);
  return at >= 0 ? [...args.slice(0, at + 1), value, ...args.slice(at + 2)] : [...args, flag, value];
}

function specFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ovh-order-spec-'));
  const file = join(dir, 'order.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const GOOD_SPEC = {
  version: 1,
  range: 'eco',
  subsidiary: 'FR',
  planCode: '24rise01',
  duration: 'P1M',
  pricingMode: 'default',
  quantity: 1,
  datacenter: 'gra',
  options: [],
  configuration: {},
};

interface BadCase {
  name: string;
  args: () => string[];
  /** Fragments the message must contain (the value, the allowed ones). */
  says: Array<string | RegExp>;
  code: string;
}

const cases: BadCase[] = [
  { name: 'unknown plan', args: () => withFlag(RISE, '--plan', '24rise99'), says: ['"24rise99"', /Did you mean: .*24rise01/], code: 'invalid_plan' },
  { name: 'plan from another range', args: () => withFlag(RISE, '--plan', '24adv01'), says: ['"24adv01"', 'baremetal range'], code: 'plan_in_other_range' },
  { name: 'invalid datacenter', args: () => withFlag(RISE, '--datacenter', 'atlantide'), says: ['"atlantide"', /Allowed: .*gra.*rbx/], code: 'invalid_spec' },
  {
    name: 'datacenter where the hardware is out of stock',
    args: () => withFlag(RISE, '--datacenter', 'lon'),
    says: ['24rise01 is out of stock in lon', /In stock: gra, rbx/],
    code: 'invalid_spec',
  },
  {
    name: 'hardware out of stock everywhere',
    args: () => withFlag(RISE, '--plan', '24ska01'),
    says: ['24ska01 is out of stock in gra', 'in stock nowhere'],
    code: 'invalid_spec',
  },
  {
    name: 'unknown option',
    args: () => [...RISE, '--option', 'ram-999g-24rise'],
    says: [
      '"ram-999g-24rise"',
      /Unknown option "ram-999g-24rise" for this plan\. Its options, by family:\n\s+Memory \(one is needed\): .*ram-64g-ecc-3200-24rise/,
    ],
    code: 'invalid_spec',
  },
  {
    name: 'two options of one exclusive family',
    args: () => [...RISE, '--option', 'ram-64g-ecc-3200-24rise', '--option', 'ram-128g-ecc-2933-24rise'],
    says: ['"ram-64g-ecc-3200-24rise" and "ram-128g-ecc-2933-24rise"', 'are both memory', /Choose one of: ram-32g-ecc-3200-24rise/],
    code: 'invalid_spec',
  },
  {
    name: 'malformed --config',
    args: () => [...RISE, '--config', 'region'],
    says: ['--config "region" is not of the form label=value'],
    code: 'invalid_config_flag',
  },
  { name: 'configuration value not allowed', args: () => [...RISE, '--config', 'region=mars'], says: ['"mars"', /Allowed: .*europe/], code: 'invalid_spec' },
  {
    name: 'configuration label the item does not have',
    args: () => [...RISE, '--config', 'colour=blue'],
    says: ['"colour"', /Allowed: .*dedicated_os/],
    code: 'invalid_spec',
  },
  { name: 'malformed duration', args: () => [...RISE, '--duration', '1M'], says: ['Duration "1M" is not an ISO 8601 duration'], code: 'invalid_duration' },
  {
    name: 'duration the plan is not sold with',
    args: () => [...RISE, '--duration', 'P2M'],
    says: ['--pricing-mode default --duration P2M', /Monthly, no commitment\s+default P1M/],
    code: 'invalid_spec',
  },
  {
    name: 'unknown pricing mode',
    args: () => [...RISE, '--pricing-mode', 'monthly'],
    says: ['--pricing-mode monthly --duration P1M', /12 months paid upfront\s+upfront12 P1Y/],
    code: 'invalid_spec',
  },
  {
    name: 'unknown subsidiary',
    args: () => withFlag(RISE, '--subsidiary', 'XX'),
    says: ['Unknown subsidiary "XX"', /Allowed: .*FR/],
    code: 'invalid_subsidiary',
  },
  { name: 'missing flags', args: () => ['order', '--range', 'eco', '--yes'], says: ['Missing --plan, --datacenter'], code: 'missing_input' },
  {
    name: 'spec file with a wrong field',
    args: () => ['order', '--spec', specFile({ ...GOOD_SPEC, datacentre: 'gra' }), '--yes'],
    says: ['unknown field "datacentre"', /allowed fields: .*datacenter/],
    code: 'invalid_spec',
  },
  {
    name: 'spec file with a wrong value type',
    args: () => ['order', '--spec', specFile({ ...GOOD_SPEC, quantity: 'two' }), '--yes'],
    says: ['"quantity"'],
    code: 'invalid_spec',
  },
  { name: 'spec file that is not JSON', args: () => ['order', '--spec', specFile('{ range: eco'), '--yes'], says: ['is not valid JSON'], code: 'invalid_spec' },
];

/** Cases also run without --json, to check what a person sees on stderr. */
const HUMAN = new Set(['unknown plan', 'two options of one exclusive family', 'spec file with a wrong field', 'configuration label the item does not have']);

function expectSays(text: string, says: BadCase['says']): void {
  for (const fragment of says) {
    if (typeof fragment === 'string') expect(text).toContain(fragment);
    else expect(text).toMatch(fragment);
  }
}

describe.concurrent('ovh-order order: bad input fails with exit 2 before anything is bought', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const script = await cli([...c.args(), '--json']);
      expect(script.code, script.stdout + script.stderr).toBe(2);
      const doc = JSON.parse(script.stdout) as { error: { code: string; message: string; hint: string | null } };
      expect(doc.error.code).toBe(c.code);
      expectSays(doc.error.message, c.says);
      expect(typeof doc.error.hint).toBe('string');

      if (!HUMAN.has(c.name)) return;
      const human = await cli(c.args());
      expect(human.code).toBe(2);
      expectSays(human.stderr, c.says);
      expect(human.stderr).toContain(doc.error.hint!);
      expect(human.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
      expect(human.stdout).toBe('');
    });
  }

  it('an unknown cart is a clear error (exit 1)', async () => {
    const human = await cli(['cart', 'show', '5b2a6b4e-0000-4f0e-9a51-3c1d2e4f5a6b']);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('Cart 5b2a6b4e-0000-4f0e-9a51-3c1d2e4f5a6b does not exist, or has expired.');
    const script = await cli(['cart', 'show', 'nope', '--json']);
    expect(script.code).toBe(1);
    expect(JSON.parse(script.stdout)).toMatchObject({ error: { code: 'cart_not_found' } });
  });
});

describe('after every bad input', () => {
  it('no checkout was posted, nothing was configured with a bad value, and every cart created was deleted', () => {
    const calls = (method: string, route: string) => sandbox.log.filter((e) => e.method === method && e.route === route);
    expect(calls('POST', '/order/cart/{cartId}/checkout')).toHaveLength(0);
    expect(sandbox.orders()).toHaveLength(0);
    // Only the values only the cart can check (an unknown label) got as far as a cart; none was posted.
    expect(calls('POST', '/order/cart/{cartId}/item/{itemId}/configuration')).toHaveLength(0);
    const created = calls('POST', '/order/cart').map((e) => e.status);
    expect(created.length).toBeGreaterThan(0);
    expect(calls('DELETE', '/order/cart/{cartId}').length).toBe(created.length);
  });
});
