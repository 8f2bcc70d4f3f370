// Tests on recorded OVH data never skip silently in CI: a missing ../shared/fixtures/ovh fails
// there, and is skipped with a message only on a developer's machine.
import { describe, expect, it } from 'vitest';
import { recordedMode, runningInCi } from '../helpers/data-pack.js';

describe('the recorded-data helper', () => {
  it('fails under CI when the folder is missing, skips elsewhere, runs when it is there', () => {
    expect(recordedMode(false, { CI: 'true' })).toBe('fail');
    expect(recordedMode(false, { CI: '1' })).toBe('fail');
    expect(recordedMode(false, {})).toBe('skip');
    expect(recordedMode(false, { CI: 'false' })).toBe('skip');
    expect(recordedMode(true, { CI: 'true' })).toBe('run');
    expect(runningInCi({ CI: '0' })).toBe(false);
  });
});
