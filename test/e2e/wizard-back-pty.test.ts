// Going back in the wizard, as a person does it on a real terminal: Esc typed into a pseudo-terminal,
// and what the screen then shows, read through a terminal emulator (so an erased prompt is really
// gone). Esc in a search with text clears the text first; Esc on an empty search, a list or the
// quantity goes back one question, erases the abandoned prompt, and preselects the earlier answer
// (and the search text it was found with). The offer count follows the typed text.
import { describe, expect, it } from 'vitest';
import { keys, ptyAvailable, spawnPty, type PtySession } from '../helpers/pty.js';
import { isolatedEnv, sandboxKeys } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const available = ptyAvailable();
if (!available) console.log('[wizard-back-pty] @lydell/node-pty has no prebuilt binary for this platform: the pseudo-terminal tests are skipped.');

const sandbox = useSandbox();

/** The wizard at 80 columns against this file's sandbox, up to the offer list of the eco range (asked: the range). */
async function atOfferList(): Promise<PtySession> {
  const session = spawnPty(['wizard', '--endpoint', sandbox.url], isolatedEnv(sandboxKeys(sandbox)), { cols: 80, rows: 30 });
  await session.waitFor(/Which range of servers\?[\s\S]*eco/);
  session.mark();
  session.write(`${keys.down}${keys.down}${keys.enter}`);
  await session.waitFor(/8 of 8 offers/);
  return session;
}

/**
 * Types `data`, then waits until the screen (as drawn) satisfies `ready` and has stopped changing
 * for 150 ms: a prompt redraws in several writes, and a half-drawn frame is not what a person reads.
 */
async function typeUntil(session: PtySession, data: string, ready: (display: string) => boolean, what: string): Promise<string> {
  session.write(data);
  const deadline = Date.now() + 10_000;
  let previous = '';
  for (;;) {
    const display = await session.display();
    if (ready(display) && display === previous) return display;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${display}`);
    previous = ready(display) ? display : '';
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The lines from the last one containing `text` to the end: the prompt being asked now. */
function fromLast(display: string, text: string): string {
  const lines = display.split('\n');
  const at = lines.findLastIndex((l) => l.includes(text));
  return at < 0 ? '' : lines.slice(at).join('\n');
}

async function stop(session: PtySession): Promise<number> {
  session.write(keys.ctrlC);
  return (await session.exited).exitCode;
}

describe.skipIf(!available)('going back in the wizard (Esc typed in a pseudo-terminal)', () => {
  it('the offer count follows the typed text; Esc first clears the text, then goes back to the range with eco preselected, erasing the list', async () => {
    const session = await atOfferList();
    // The count and the list change one frame apart: wait for both.
    const filtered = (d: string) => /\? Which server\? rise/.test(d) && d.includes('3 of 8 offers') && !fromLast(d, '? Which server?').includes('KS-1 24sk10');
    let display = await typeUntil(session, 'rise', filtered, 'the filtered list and its count');
    expect(fromLast(display, '? Which server?')).toMatch(/RISE-1 24rise01[\s\S]*RISE-2 24rise02[\s\S]*RISE-GAME-1 24risegame01/);

    // Esc with text: the same question, its text cleared, every offer back — not the range question.
    display = await typeUntil(
      session,
      keys.escape,
      (d) =>
        /\? Which server\?\s*$/m.test(d) && fromLast(d, '? Which server?').includes('8 of 8 offers') && fromLast(d, '? Which server?').includes('KS-1 24sk10'),
      'the cleared search',
    );
    expect(display).not.toContain('? Which range of servers?');

    // Esc on the empty search: back to the range question, eco preselected, the offer list erased.
    display = await typeUntil(session, keys.escape, (d) => d.includes('? Which range of servers?'), 'the range question');
    expect(fromLast(display, '? Which range of servers?')).toMatch(/❯ eco/);
    expect(display).not.toContain('Which server?');
    expect(display).not.toContain('offers, cheapest first');
    expect(await stop(session)).toBe(130);
  });

  it('back from the billing question shows the offer list again with the chosen server and its search text, the billing prompt erased', async () => {
    const session = await atOfferList();
    await typeUntil(session, 'rise', (d) => d.includes('3 of 8 offers') && !fromLast(d, '? Which server?').includes('KS-1 24sk10'), 'the filtered list');
    // RISE-2, the second match.
    await typeUntil(session, keys.down, (d) => /❯ RISE-2 24rise02/.test(d), 'RISE-2 highlighted');
    await typeUntil(session, keys.enter, (d) => d.includes('? How do you want to pay?'), 'the billing question');

    const display = await typeUntil(
      session,
      keys.escape,
      (d) => /\? Which server\? rise\s*$/m.test(d) && fromLast(d, '? Which server?').includes('24rise'),
      'the offer list again',
    );
    const prompt = fromLast(display, '? Which server?');
    expect(prompt).toMatch(/❯ RISE-2 24rise02/);
    expect(prompt).toContain('3 of 8 offers');
    expect(display).not.toContain('? How do you want to pay?');
    expect(await stop(session)).toBe(130);
  });

  it('Esc at "How many servers?" returns to the billing question with the earlier choice preselected, the quantity prompt erased', async () => {
    const session = await atOfferList();
    await typeUntil(session, '24rise02', (d) => d.includes('1 of 8 offers') && /❯ RISE-2 24rise02/.test(d), 'RISE-2 alone');
    await typeUntil(session, keys.enter, (d) => /\? How do you want to pay\?[\s\S]*12-month commitment/.test(d), 'the billing question');
    await typeUntil(session, keys.down, (d) => /❯ 12-month commitment, paid monthly/.test(d), 'the commitment highlighted');
    await typeUntil(session, keys.enter, (d) => d.includes('? How many servers?'), 'the quantity question');

    const display = await typeUntil(
      session,
      keys.escape,
      (d) => !d.includes('? How many servers?') && fromLast(d, '? How do you want to pay?') !== '',
      'the billing question again',
    );
    expect(fromLast(display, '? How do you want to pay?')).toMatch(/❯ 12-month commitment, paid monthly/);
    // The answered line keeps the answer on one line at 80 columns (the question's note is left out).
    expect(display).toMatch(/^✔ How do you want to pay\? 12-month commitment, paid monthly$/m);

    // Enter keeps that choice, and the quantity is asked again.
    await typeUntil(session, keys.enter, (d) => d.includes('? How many servers?'), 'the quantity question again');
    expect(await stop(session)).toBe(130);
  });

  it("Esc in a filter's input returns to the filter menu with the filter unchanged, the input erased", async () => {
    const session = await atOfferList();
    await typeUntil(session, 'filters', (d) => d.includes('0 of 8 offers') && /❯ ⚙ Filters/.test(d), 'the Filters entry alone');
    await typeUntil(session, keys.enter, (d) => /\? Filters:[\s\S]*Minimum RAM: any/.test(d), 'the filter menu');
    await typeUntil(session, `${keys.down}${keys.down}`, (d) => /❯ Minimum RAM: any/.test(d), 'Minimum RAM highlighted');
    await typeUntil(session, keys.enter, (d) => d.includes('? Minimum RAM in GB'), 'the RAM input');
    await typeUntil(session, '64', (d) => /\? Minimum RAM in GB.*64\s*$/m.test(d), '64 typed');

    const display = await typeUntil(
      session,
      keys.escape,
      (d) => !d.includes('? Minimum RAM in GB') && fromLast(d, '? Filters:') !== '',
      'the filter menu again',
    );
    expect(fromLast(display, '? Filters:')).toContain('Minimum RAM: any');
    // Shown again, the list has every offer: nothing was filtered.
    await typeUntil(session, keys.enter, (d) => fromLast(d, '? Which server?').includes('8 of 8 offers'), 'every offer');
    expect(await stop(session)).toBe(130);
  });
});
