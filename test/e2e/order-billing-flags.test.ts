// `order --commitment 12|24 [--upfront]`: the human billing flags become the pricing mode and
// period the cart offers (the quote then renews as committed); bad values exit 2 naming what is
// allowed; the expert flags stay, and a long --duration alone points to --commitment.
import { describe, expect, it } from 'vitest';
import { runAgainst, type CliResult } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
const RISE = ['order', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run'];
const cli = (args: string[]): Promise<CliResult> => runAgainst(sandbox, args);

interface Report {
  spec: { pricingMode: string; duration: string };
  preview: { details: Array<{ description: string }> };
}

describe('order billing flags (built binary, HTTPS sandbox)', () => {
  it.each([
    [['--commitment', '12'], 'degressivity12', 'P1M', /Then renews .+ € \+ tax every month/],
    [['--commitment', '24'], 'degressivity24', 'P1M', /Then renews .+ € \+ tax every month/],
    [['--commitment', '12', '--upfront'], 'upfront12', 'P1Y', /Then renews .+ € \+ tax every 12 months/],
    [['--commitment', '24', '--upfront'], 'upfront24', 'P2Y', /Then renews .+ € \+ tax every 24 months/],
  ])('%j orders the cart in the matching pricing mode', async (flags, mode, duration, renews) => {
    const json = await cli([...RISE, ...flags, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.spec).toMatchObject({ pricingMode: mode, duration });
    const human = await cli([...RISE, ...flags]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(renews);
  });

  it('refuses a commitment OVH does not sell, naming 12 and 24, before any call', async () => {
    const before = sandbox.log.length;
    const result = await cli([...RISE, '--commitment', '6']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"6" is not a commitment; allowed: 12 or 24 (months).');
    expect(sandbox.log.length).toBe(before);
  });

  it('refuses --upfront without a length, listing the plan’s choices as flags', async () => {
    const result = await cli([...RISE, '--upfront']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--upfront alone does not say for how long');
    expect(result.stderr).toContain('Allowed: no flag (monthly), --commitment 12, --commitment 24, --commitment 12 --upfront, --commitment 24 --upfront.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses mixing the human flags with the expert ones', async () => {
    const result = await cli([...RISE, '--commitment', '12', '--pricing-mode', 'upfront12']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--commitment .* cannot be used with option '--pricing-mode/);
  });

  it('--duration P12M alone points to --commitment; with its pricing mode it is P1Y', async () => {
    const alone = await cli([...RISE, '--duration', 'P12M']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--duration P12M alone is the monthly mode');
    expect(alone.stderr).toContain('--commitment 12 --upfront');
    const expert = await cli([...RISE, '--pricing-mode', 'upfront12', '--duration', 'P12M', '--json']);
    expect(expert.code, expert.stderr).toBe(0);
    expect((JSON.parse(expert.stdout) as Report).spec.pricingMode).toBe('upfront12');
  });
});
