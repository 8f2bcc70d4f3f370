// Start-up: `ovh-order --help` and `--version` against `node -e 0`, run alternately so that a noisy
// moment of the machine hits every command alike. Target: within 1.5x of node's own start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, BUNDLE_METAFILE, REPO_ROOT } from '../src/build/bundle-layout.js';
import { packagesInFiles, readBundleMetafile } from '../src/build/packages-in-bundle.js';
import { CLI_ENTRY, describeFailure, runCli, runNode } from './child.js';
import { summarize } from './stats.js';
import type { ResultRow } from './table.js';

const STARTUP_TARGET_RATIO = 1.5;
/** What `--help` and `--version` must not load: prompts, spinners, tables, colours, the API client, validation, storage. */
const HEAVY_PACKAGES = ['@inquirer/*', 'ora', 'cli-table3', 'chalk', '@ovhcloud/node-ovh', 'zod', 'conf'];

/** True for a package of HEAVY_PACKAGES (`@scope/*` stands for every package of the scope). */
export function isHeavyPackage(name: string): boolean {
  return HEAVY_PACKAGES.some((heavy) => (heavy.endsWith('/*') ? name.startsWith(heavy.slice(0, -1)) : name === heavy));
}

export interface StartupResult {
  rows: ResultRow[];
  /** One line per command: the npm packages it loaded. */
  loaded: string[];
  /** Median wall time of `node -e 0`: the floor other figures are measured against. */
  nodeBaselineMs: number;
}

/**
 * The files a process loaded, from Node's own module debug output (NODE_DEBUG=esm,module): every
 * `file:` URL the ES module loader mentions, and every file the CommonJS loader loads.
 */
export function loadedFiles(debugOutput: string): string[] {
  const files = new Set<string>();
  for (const match of debugOutput.matchAll(/^ESM \d+: .*$/gm)) {
    for (const url of match[0].matchAll(/file:\/\/[^\s'"]+/g)) files.add(fileURLToPath(url[0]));
  }
  for (const match of debugOutput.matchAll(/^MODULE \d+: load "([^"]+)" for module /gm)) files.add(match[1]!);
  return [...files];
}

/**
 * npm packages a run loads: those of the files Node loaded, where a chunk of the bundle counts with
 * every package esbuild put into it (its metafile says which), so a package inside a chunk is seen.
 */
export async function packagesLoadedBy(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const run = await runCli(args, { env: { ...env, NODE_DEBUG: 'esm,module' } });
  if (run.exitCode !== 0) throw new Error(describeFailure(`ovh-order ${args.join(' ')}`, run));
  const files = loadedFiles(run.stderr);
  // Node names files by their real path.
  const [repoRoot, entry] = [fs.realpathSync(REPO_ROOT), fs.realpathSync(CLI_ENTRY)];
  // No entry among the files: Node's debug output changed, and every count below would be a false 0.
  if (!files.includes(entry))
    throw new Error(`Could not tell which files ovh-order ${args.join(' ')} loaded: NODE_DEBUG=esm,module printed no line for ${entry}.`);
  const metafile = readBundleMetafile(path.join(repoRoot, BUNDLE_METAFILE));
  return packagesInFiles(files, { repoRoot, bundleDir: BUNDLE_DIR, metafile });
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
    const heavy = packages.filter(isHeavyPackage);
    rows.push({ figure: `Start-up: heavy packages loaded by ${variant.name.split(' ')[1]}`, unit: 'count', summary: summarize([heavy.length]), target: 0 });
    loaded.push(`${variant.name} loads: ${packages.join(', ') || 'no npm package'}${heavy.length > 0 ? ` (heavy: ${heavy.join(', ')})` : ''}`);
  }
  return { rows, loaded, nodeBaselineMs: baseline.median };
}
