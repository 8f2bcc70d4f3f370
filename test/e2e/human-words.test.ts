// Human output speaks the wizard's words, not the API's (issue 12): no pricing-mode names, ISO
// periods or timestamps, configuration labels, family names or API routes where a person reads;
// the API value only where it is typed (a flag's value in a hint). `--json` keeps the API's values.
import { describe, expect, it } from 'vitest';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, runCli } from '../helpers/run-cli.js';

const env = isolatedEnv();
const RISE = ['order', '--sandbox', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra'];
/** API words a person should not have to read (plan codes and flag values are checked case by case). */
const API_WORDS = /degressivity|upfront\d|\bP1M\b|\bP1Y\b|dedicated_os|dedicated_datacenter|Option family|Vrack|notPaid|\d{4}-\d\d-\d\dT\d\d:|GET \/|POST \//;

describe('API words out of human output, over pipes', () => {
  it('order --dry-run names the defaults it took in words; --json keeps families and labels', async () => {
    const human = await runCli([...RISE, '--commitment', '12', '--dry-run'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).not.toMatch(API_WORDS);
    expect(human.stdout).not.toMatch(API_WORDS);
    expect(human.stderr).toContain('Private bandwidth (vRack): 1Gbps unmetered and guaranteed private bandwidth (the catalog default;');
    expect(human.stderr).toContain('Operating system: none_64.en (the only one offered).');
    expect(human.stderr).toContain('Region: europe (from datacenter gra).');
    expect(human.stdout).toMatch(/Billing\s+12-month commitment, paid monthly/);

    const json = await runCli([...RISE, '--commitment', '12', '--dry-run', '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      spec: { pricingMode: string; duration: string };
      options: Array<{ family: string }>;
      configuration: Array<{ label: string }>;
    };
    expect(doc.spec).toMatchObject({ pricingMode: 'degressivity12', duration: 'P1M' });
    expect(doc.options.map((o) => o.family)).toContain('vrack');
    expect(doc.configuration.map((c) => c.label)).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
  });

  it('a refused billing lists the choices in words, each with the flag values that ask for it', async () => {
    const r = await runCli([...RISE, '--pricing-mode', 'monthly', '--dry-run'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pricing-mode monthly --duration P1M');
    expect(r.stderr).toMatch(/^ {4}Monthly, no commitment\s+default P1M$/m);
    expect(r.stderr).toMatch(/^ {4}12-month commitment, paid monthly\s+degressivity12 P1M$/m);
    expect(r.stderr).toMatch(/^ {4}12 months paid upfront\s+upfront12 P1Y$/m);
    expect(r.stderr).not.toContain('(mode duration)');
  });

  it('a refused configuration value names it in words, with the value typed and the allowed ones', async () => {
    const r = await runCli([...RISE, '--config', 'dedicated_os=debian12', '--dry-run'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Operating system "debian12" is not allowed. Allowed: none_64.en.');
    expect(r.stderr).not.toContain('for "dedicated_os"');
  });

  it('status says the state in words with friendly dates; the refused repeat says the billing in words; --json keeps the API values', async () => {
    const ordered = await runCli([...RISE, '--yes', '--json'], { env });
    expect(ordered.code, ordered.stderr).toBe(0);
    const orderId = (JSON.parse(ordered.stdout) as { order: { orderId: number } }).order.orderId;

    const status = await runCli(['status', String(orderId), '--sandbox'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).not.toMatch(API_WORDS);
    expect(status.stdout).toMatch(/^Status\s+Not paid yet$/m);
    expect(status.stdout).toMatch(/^Placed\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \((less than a minute|\d+ min) ago\)$/m);
    expect(status.stdout).toMatch(/^Withdrawal\s+until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 14 d\)$/m);
    expect(status.stdout).toMatch(/^Validating \(payment, checks\)\s+ongoing\s/m);
    expect(status.stdout).not.toMatch(/\btodo\b|\bdoing\b/);

    const json = await runCli(['status', String(orderId), '--sandbox', '--json'], { env });
    const doc = JSON.parse(json.stdout) as { status: string; date: string; followUp: Array<{ status: string }> };
    expect(doc.status).toBe('notPaid');
    expect(doc.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(doc.followUp[0]?.status).toBe('DOING');

    // The same order again within minutes: refused, the earlier one described in words.
    const again = await runCli([...RISE, '--yes'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/24rise01 ×1 \(eco, monthly, no commitment\) in gra, cart [0-9a-f-]{36}, started \d{4}-\d\d-\d\d \d\d:\d\d UTC: ordered/);
    expect(again.stderr).not.toMatch(API_WORDS);
  });
});

/** Waits for a question, then answers it. */
async function answer(session: PtySession, question: string | RegExp, input: string): Promise<void> {
  await session.waitFor(question);
  session.mark();
  session.write(input);
}

function widest(text: string): number {
  return Math.max(...text.split(/\r?\n/).map((l) => l.trimEnd().length));
}

describe.skipIf(!ptyAvailable())('API words out of human output, on an 80-column terminal', () => {
  it('order --dry-run wraps its notes to 80 columns, cutting nothing', async () => {
    const session = spawnPty([...RISE, '--dry-run'], env, { cols: 80, rows: 200 });
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen.slice(-2000)).toBe(0);
    const notes = screen.slice(screen.indexOf('Memory:'), screen.indexOf('Description'));
    // Wrapped at spaces: the whole note is there once its line breaks are read as spaces.
    expect(notes.replace(/\s+/g, ' ')).toContain(
      'Private bandwidth (vRack): 1Gbps unmetered and guaranteed private bandwidth (the catalog default; choose another with --option).',
    );
    expect(widest(notes), notes).toBeLessThanOrEqual(80);
  });

  it('the wizard asks about options and says the configuration in words', async () => {
    const session = spawnPty(['wizard', '--sandbox', '--range', 'eco', '--search', '24rise02', '--subsidiary', 'FR', '--dry-run'], env, { cols: 80 });
    await answer(session, /Which server\?[\s\S]*RISE-2 24rise02/, keys.enter);
    await answer(session, 'How do you want to pay?', keys.enter);
    await answer(session, 'How many servers?', keys.enter);
    await answer(session, 'Memory (choose one):', keys.enter);
    await answer(session, 'Storage (choose one):', keys.enter);
    await answer(session, 'Public bandwidth (choose one):', keys.enter);
    await answer(session, 'Private bandwidth (vRack) (choose one):', keys.enter);
    await answer(session, 'Operating system licence (optional):', keys.enter);
    await answer(session, 'Which datacenter?', keys.enter);
    await session.waitFor('Dry run: nothing was bought.');
    const { exitCode } = await session.exited;
    const screen = session.screen();
    expect(exitCode, screen.slice(-2000)).toBe(0);
    expect(screen).toMatch(/^Operating system\s+none_64\.en \(the only choice\)/m);
    expect(screen).toMatch(/^Region\s+europe \(from the datacenter\)/m);
    expect(screen).not.toMatch(API_WORDS);
    // An option's code is said as what it is for: the flag that orders it.
    expect(screen).toMatch(/order --option softraid-\S+/);
  });
});
