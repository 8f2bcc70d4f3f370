// The binary's contract with scripts: help with examples, version, usage errors with exit 2.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('ovh-order basics', () => {
  it('prints help with examples and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ovh-order');
    expect(r.stdout).toContain('wizard');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 .*2 usage.*3 credentials, 130 interrupted/);
  });

  it('shows examples and the global options in every command help', async () => {
    for (const command of [
      ['wizard'],
      ['login'],
      ['logout'],
      ['whoami'],
      ['catalog'],
      ['order'],
      ['status'],
      ['cart', 'show'],
      ['cart', 'list'],
      ['cart', 'delete'],
      ['cart', 'prune'],
      ['sandbox'],
    ]) {
      const r = await runCli([...command, '--help']);
      expect(r.code, command.join(' ')).toBe(0);
      expect(r.stdout, command.join(' ')).toContain('Examples:');
      expect(r.stdout, command.join(' ')).toContain('--sandbox');
      expect(r.stdout, command.join(' ')).toContain('--endpoint');
    }
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects an unknown option with exit 2 and names it', async () => {
    const r = await runCli(['catalog', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('rejects a bad choice naming the value and the allowed ones', async () => {
    const r = await runCli(['catalog', '--range', 'cloud']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cloud');
    expect(r.stderr).toMatch(/dedicated, baremetal, eco/);
  });

  it('answers a usage error as one JSON object under --json', async () => {
    const r = await runCli(['catalog', '--json', '--sort', 'size']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('usage');
    expect(doc.error.message).toContain('size');
  });
});
