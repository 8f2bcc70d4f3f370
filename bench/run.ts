// `npm run bench`: every speed target of the project, measured against the HTTPS sandbox with the
// built CLI run as child processes, printed as one table (median, spread, target, ratio, PASS/FAIL)
// with the machine it ran on. Exits 0 when targets are missed (the table says FAIL); 1 only when a
// measurement could not be made at all.
//
//   node dist/bench/run.js [--quick] [--runs N] [--only startup,round-trips,catalog]
//                          [--latency MS] [--catalog-mb MB] [--profile]
// `--profile` adds one CPU-profiled run per scenario, attributed to packages and project folders.
// Environment equivalents: OVH_ORDER_BENCH_RUNS, OVH_ORDER_BENCH_ONLY, OVH_ORDER_BENCH_QUICK=1.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox, type SandboxServer } from '../src/sandbox/index.js';
import { CATALOG_ARGS, measureCatalog } from './catalog.js';
import { runCli } from './child.js';
import { createBenchHome } from './cli-env.js';
import { profileCli } from './profile.js';
import { describeMachine, machineLine } from './machine.js';
import { describeChain, DRY_RUN_ARGS, measureRoundTrips } from './round-trips.js';
import { measureStartup } from './startup.js';
import { measureWatch } from './watch.js';
import { renderTable, verdictOf, type ResultRow } from './table.js';

const SECTIONS = ['startup', 'round-trips', 'catalog', 'watch'] as const;
type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  runs: number;
  startupRuns: number;
  sections: Section[];
  latencyMs: number;
  catalogBytes: number;
  warmups: number;
  profile: boolean;
}

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      only: { type: 'string' },
      latency: { type: 'string' },
      'catalog-mb': { type: 'string' },
      profile: { type: 'boolean' },
    },
    strict: true,
  });
  const quick = values.quick === true || env.OVH_ORDER_BENCH_QUICK === '1';
  const number = (text: string | undefined, name: string, fallback: number, min: number) => {
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number of at least ${min}, not "${text}".`);
    return n;
  };
  const onlyText = values.only ?? env.OVH_ORDER_BENCH_ONLY;
  const sections = onlyText
    ? onlyText
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...SECTIONS];
  for (const s of sections) {
    if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`Unknown section "${s}" in --only. Allowed: ${SECTIONS.join(', ')}.`);
  }
  return {
    runs: Math.round(number(values.runs ?? env.OVH_ORDER_BENCH_RUNS, 'runs', quick ? 2 : 10, 1)),
    // Start-up runs are cheap and the noisiest figure: take more of them.
    startupRuns: Math.round(number(values.runs ?? env.OVH_ORDER_BENCH_RUNS, 'runs', quick ? 2 : 20, 1)),
    sections: sections as Section[],
    latencyMs: number(values.latency, 'latency', quick ? 25 : 100, 0),
    catalogBytes: Math.round(number(values['catalog-mb'], 'catalog-mb', quick ? 0.5 : 12, 0.01) * 1e6),
    warmups: quick ? 1 : 2,
    profile: values.profile === true,
  };
}

export async function runBench(options: BenchOptions, out: NodeJS.WritableStream, log: (line: string) => void): Promise<number> {
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  let broken = 0;
  let nodeBaselineMs: number | undefined;
  const started = performance.now();

  const section = async (name: Section, body: () => Promise<void>) => {
    if (!options.sections.includes(name)) return;
    log(`bench: ${name}…`);
    try {
      await body();
    } catch (error) {
      broken++;
      notes.push(`ERROR in ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // The baseline is needed by the catalog figures even when start-up is not asked for.
  const startupRuns = options.sections.includes('startup') ? options.startupRuns : Math.min(options.startupRuns, 5);
  await section('startup', async () => {
    const result = await measureStartup(startupRuns, options.warmups);
    rows.push(...result.rows);
    notes.push(result.loaded.join('\n'));
    nodeBaselineMs = result.nodeBaselineMs;
  });
  if (nodeBaselineMs === undefined && options.sections.includes('catalog')) {
    nodeBaselineMs = (await measureStartup(startupRuns, options.warmups)).nodeBaselineMs;
  }

  const needsSandbox = options.profile || options.sections.some((s) => s !== 'startup');
  const sandbox = needsSandbox ? await startSandbox({ region: 'eu' }) : undefined;
  try {
    if (sandbox) {
      await section('round-trips', async () => {
        const result = await measureRoundTrips(sandbox, { runs: options.runs, latencyMs: options.latencyMs });
        rows.push(...result.rows);
        notes.push(describeChain(result.typical));
      });
      await section('catalog', async () => {
        const result = await measureCatalog(sandbox, { runs: options.runs, catalogBytes: options.catalogBytes, nodeBaselineMs: nodeBaselineMs ?? 0 });
        rows.push(...result.rows);
        notes.push(...result.notes);
      });
      await section('watch', async () => {
        const result = await measureWatch(sandbox, { runs: options.runs, latencyMs: options.latencyMs, dayChecks: options.warmups === 1 ? 180 : 1440 });
        rows.push(...result.rows);
        notes.push(...result.notes);
      });
      if (options.profile) {
        log('bench: profiles…');
        notes.push(await profiles(sandbox, options.catalogBytes));
      }
    }
  } finally {
    await sandbox?.close();
  }

  const failed = rows.filter((r) => verdictOf(r) === 'FAIL').length;
  const passed = rows.filter((r) => verdictOf(r) === 'PASS').length;
  const lines = [
    `ovh-order benchmark, ${new Date().toISOString()} (${options.runs} runs per figure, ${options.startupRuns} for start-up, ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    '',
    renderTable(rows),
    '',
    machineLine(describeMachine()),
    `Targets: ${passed} PASS, ${failed} FAIL.${failed > 0 ? ' FAIL = the median misses its target.' : ''}`,
    ...notes.map((n) => `\n${n}`),
  ];
  out.write(`${lines.join('\n')}\n`);
  return broken > 0 ? 1 : 0;
}

/** One CPU profile per scenario, no added latency (idle time is not charged to anyone anyway). */
async function profiles(sandbox: SandboxServer, catalogBytes: number): Promise<string> {
  const home = createBenchHome(sandbox, 'profile');
  const sections: string[] = ['Where the time goes (one CPU-profiled run each; --profile):'];
  try {
    sections.push(await profileCli('ovh-order --help', ['--help'], home.env));
    await runCli(DRY_RUN_ARGS, { env: home.env }); // stores the clock offset
    home.dropCatalogCache();
    sections.push(await profileCli('order --dry-run, prices not cached', DRY_RUN_ARGS, home.env));
    sandbox.setCatalogScale(catalogBytes);
    home.dropCatalogCache();
    sections.push(await profileCli(`catalog ${(catalogBytes / 1e6).toFixed(0)} MB, download`, CATALOG_ARGS, home.env));
    sections.push(await profileCli(`catalog ${(catalogBytes / 1e6).toFixed(0)} MB, warm cache`, CATALOG_ARGS, home.env));
  } finally {
    sandbox.setCatalogScale(null);
    home.remove();
  }
  return sections.join('\n\n');
}

// Run when executed directly (not when a test imports the module).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  process.exitCode = await runBench(options, process.stdout, (line) => process.stderr.write(`${line}\n`));
}
