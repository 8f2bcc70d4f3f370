// The benchmark harness runs end to end (sandbox, built CLI, table) with tiny iteration counts.
// Timings are never asserted: they are the benchmark's business, and they vary with the machine.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('npm run bench (quick)', () => {
  it('measures start-up, round trips and the big catalog, and prints one table with the machine', () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/bench/run.js'), '--quick'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr + result.stdout).not.toMatch(/ERROR in/);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^\| Figure +\| Median +\| Spread \(p10–p90\) +\| Runs +\| Target +\| vs target +\| Result +\|$/m);
    for (const figure of [
      'Start-up: node -e 0',
      'Start-up: ovh-order --help',
      'Start-up: ovh-order --version',
      'heavy packages loaded by --help',
      'order --dry-run wall time',
      'requests per run',
      'critical path (requests)',
      'download to first table, beyond transfer',
      'warm-cache start, beyond node -e 0',
      'peak memory, download',
      'order --yes critical path (requests)',
      'Watch: stock answer to checkout POST (cart ready)',
      'Watch: heap growth, hour 1 to hour',
      'Watch: most API calls in a minute',
    ]) {
      expect(out, figure).toContain(figure);
    }
    // Every row with a target has a verdict.
    const rows = out.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Figure'));
    for (const row of rows.filter((r) => r.includes('≤'))) expect(row).toMatch(/\| (PASS|\*\*FAIL\*\*) +\|$/);
    expect(out).toMatch(/^Machine: .+, \d+ cores, .+ GB RAM, Node v\d+/m);
    expect(out).toMatch(/Critical path of a typical dry run \(\d+ requests, \d+ in a chain/);
    expect(out).toMatch(/^ovh-order --help loads: /m);
  });

  it('refuses an unknown section, naming what is allowed', () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/bench/run.js'), '--only', 'startup,speed'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown section "speed"');
    expect(result.stderr).toContain('startup, round-trips, catalog, watch');
  });
});
