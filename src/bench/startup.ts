// Start-up: `ovh-order --help` and `--version` against `node -e 0`, run alternately so that a noisy
// moment of the machine hits every command alike. Target: within 1.5x of node's own start.
import { describeFailure, runCli, runNode } from './child.js';
import { summarize } from './stats.js';
import type { ResultRow } from './table.js';

export const STARTUP_TARGET_RATIO = 1.5;
/** What `--help` and `--version` must not load: prompts, spinners, tables, colours, the API client, validation, storage. */
export const HEAVY_PACKAGES = ['@inquirer/prompts', '@inquirer/core', 'ora', 'cli-table3', 'chalk', '@ovhcloud/node-ovh', 'zod', 'conf'];

export interface StartupResult {
  rows: ResultRow[];
  /** One line per command: the npm packages it loaded. */
  loaded: string[];
  /** Median wall time of `node -e 0`: the floor other figures are measured against. */
  nodeBaselineMs: number;
}

/** npm packages a run loads, from Node's own module debug output (NODE_DEBUG=esm,module). */
export async function packagesLoadedBy(args: string[]): Promise<string[]> {
  const run = await runCli(args, { env: { ...process.env, NODE_DEBUG: 'esm,module' } });
  const names = new Set<string>();
  for (const match of run.stderr.matchAll(/node_modules\/((?:@[^/]+\/)?[^/"' ]+)/g)) names.add(match[1]!);
  return [...names].sort();
}

export async function measureStartup(runs: number, warmups = 2): Promise<StartupResult> {
  const variants = [
    { name: 'node -e 0', run: () => runNode(['-e', '0']) },
    { name: 'ovh-order --help', run: () => runCli(['--help']) },
    { name: 'ovh-order --version', run: () => runCli(['--version']) },
  ];
  const times = variants.map(() => [] as number[]);
  for (let i = 0; i < warmups + runs; i++) {
    for (const [index, variant] of variants.entries()) {
      const run = await variant.run();
      if (run.exitCode !== 0) throw new Error(describeFailure(variant.name, run));
      if (index > 0 && run.stdout.length === 0) throw new Error(`${variant.name} printed nothing.`);
      if (i >= warmups) times[index]!.push(run.wallMs);
    }
  }
  const baseline = summarize(times[0]!);
  const rows: ResultRow[] = [
    { figure: 'Start-up: node -e 0 (baseline)', unit: 'ms', summary: baseline },
    ...variants.slice(1).map((variant, i) => ({
      figure: `Start-up: ${variant.name}`,
      unit: 'ms' as const,
      summary: summarize(times[i + 1]!),
      target: baseline.median * STARTUP_TARGET_RATIO,
      targetNote: `${STARTUP_TARGET_RATIO} x node -e 0`,
    })),
  ];
  const loaded: string[] = [];
  for (const variant of variants.slice(1)) {
    const packages = await packagesLoadedBy(variant.name.split(' ').slice(1));
    const heavy = packages.filter((p) => HEAVY_PACKAGES.includes(p));
    rows.push({ figure: `Start-up: heavy packages loaded by ${variant.name.split(' ')[1]}`, unit: 'count', summary: summarize([heavy.length]), target: 0 });
    loaded.push(`${variant.name} loads: ${packages.join(', ') || 'no npm package'}${heavy.length > 0 ? ` (heavy: ${heavy.join(', ')})` : ''}`);
  }
  return { rows, loaded, nodeBaselineMs: baseline.median };
}
