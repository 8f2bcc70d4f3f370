// Round trips: `ovh-order order --dry-run` for a server with options while the sandbox adds a fixed
// latency to every request. Target: a fixed chain (issue #15): catalogs, stock, clock and cart
// together; item and assign; options and required configuration; configuration; quote; delete —
// 6 dependent steps for --dry-run (7 for --yes: the checkout instead of the delete). Wall time ≤
// (6 + 1) x latency + 300 ms; the critical path is the longest chain of requests that ran one after
// the other (see critical-path.ts), measured cold (no cached clock offset) and warm.
// Also counted: requests per run, identical GETs asked twice in one run, and /auth/time calls (the
// clock offset is cached between runs).
import type { SandboxLogEntry, SandboxServer } from '../src/sandbox/index.js';
import { describeFailure, runCli } from './child.js';
import { createBenchHome } from './cli-env.js';
import { criticalPath, timedRequests, type CriticalPath } from './critical-path.js';
import { summarize } from './stats.js';
import type { ResultRow } from './table.js';

const ROUND_TRIP_SLACK_MS = 300;
/** Dependent round trips of `order --dry-run` by the chain above (not by the path measured). */
const DRY_RUN_ROUND_TRIPS = 6;
/** The same chain for `order --yes`: the checkout in place of the delete, within the issue's limit of 7. */
const ORDER_ROUND_TRIPS = 7;

/** RISE-1 with a bigger memory option: a server whose mandatory families must all be filled. */
export const DRY_RUN_ARGS = [
  'order',
  '--range',
  'eco',
  '--plan',
  '24rise01',
  '--subsidiary',
  'FR',
  '--datacenter',
  'gra',
  '--option',
  'ram-64g-ecc-3200-24rise',
  '--dry-run',
  '--json',
];

/** The real order (a sandbox order): the same server, bought; `--force` past the journal's 10-minute identical-order refusal. */
const ORDER_ARGS = [...DRY_RUN_ARGS.filter((a) => a !== '--dry-run'), '--yes', '--force'];

export interface RoundTripRun {
  wallMs: number;
  requests: number;
  path: CriticalPath;
  repeatedGets: string[];
  timeCalls: number;
}

export interface RoundTripResult {
  rows: ResultRow[];
  /** The run whose wall time is the median, to show its critical chain. */
  typical: RoundTripRun;
  latencyMs: number;
}

function repeatedGets(log: readonly SandboxLogEntry[]): string[] {
  const seen = new Map<string, number>();
  for (const entry of log) {
    if (entry.method !== 'GET') continue;
    const query = Object.entries(entry.query)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const key = `GET ${entry.route}${query ? `?${query}` : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} (x${count})`);
}

async function oneRun(sandbox: SandboxServer, env: NodeJS.ProcessEnv, args: readonly string[] = DRY_RUN_ARGS): Promise<RoundTripRun> {
  sandbox.clearLog();
  const run = await runCli([...args], { env, trace: true });
  if (run.exitCode !== 0 || !run.trace) throw new Error(describeFailure(`ovh-order ${args.join(' ')}`, run));
  const log = [...sandbox.log];
  return {
    wallMs: run.wallMs,
    requests: log.length,
    path: criticalPath(timedRequests(run.trace.requests)),
    repeatedGets: repeatedGets(log),
    timeCalls: log.filter((e) => e.path === '/auth/time').length,
  };
}

export async function measureRoundTrips(sandbox: SandboxServer, options: { runs: number; latencyMs: number }): Promise<RoundTripResult> {
  const home = createBenchHome(sandbox, 'order');
  sandbox.setLatency(options.latencyMs);
  try {
    const measure = async (label: string, keepCatalog: boolean, cold = false) => {
      // The first run measures the clock offset (and fills the caches); later runs reuse it, as a person's second command would.
      await oneRun(sandbox, home.env);
      const runs: RoundTripRun[] = [];
      for (let i = 0; i < options.runs; i++) {
        if (!keepCatalog) home.dropCatalogCache();
        if (cold) home.dropClockOffset();
        runs.push(await oneRun(sandbox, home.env));
      }
      const paths = runs.map((r) => r.path.length);
      const target = (DRY_RUN_ROUND_TRIPS + 1) * options.latencyMs + ROUND_TRIP_SLACK_MS;
      const rows: ResultRow[] = [
        {
          figure: `Round trips (${label}): order --dry-run wall time`,
          unit: 'ms',
          summary: summarize(runs.map((r) => r.wallMs)),
          target,
          targetNote: `(${DRY_RUN_ROUND_TRIPS} + 1) x ${options.latencyMs} + ${ROUND_TRIP_SLACK_MS}`,
        },
        { figure: `Round trips (${label}): requests per run`, unit: 'requests', summary: summarize(runs.map((r) => r.requests)) },
        {
          figure: `Round trips (${label}): critical path (requests)`,
          unit: 'requests',
          summary: summarize(paths),
          target: DRY_RUN_ROUND_TRIPS,
          targetNote: 'the chain',
        },
        { figure: `Round trips (${label}): same GET asked twice`, unit: 'requests', summary: summarize(runs.map((r) => r.repeatedGets.length)), target: 0 },
        cold
          ? {
              figure: `Round trips (${label}): GET /auth/time calls`,
              unit: 'requests',
              summary: summarize(runs.map((r) => r.timeCalls)),
              target: 1,
              targetNote: 'measured once',
            }
          : {
              figure: `Round trips (${label}): GET /auth/time calls`,
              unit: 'requests',
              summary: summarize(runs.map((r) => r.timeCalls)),
              target: 0,
              targetNote: 'offset cached',
            },
      ];
      const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
      return { rows, typical: byWall[Math.floor(byWall.length / 2)]! };
    };
    const fresh = await measure('cold: no clock offset, prices not cached', false, true);
    const cold = await measure('prices not cached', false);
    const warm = await measure('prices cached', true);
    // A cold `order --yes` (no cached clock offset): its critical path against the limit of 7.
    const ordered: RoundTripRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      home.dropCatalogCache();
      home.dropClockOffset();
      ordered.push(await oneRun(sandbox, home.env, ORDER_ARGS));
    }
    const orderRows: ResultRow[] = [
      {
        figure: 'Round trips (cold): order --yes wall time',
        unit: 'ms',
        summary: summarize(ordered.map((r) => r.wallMs)),
        target: (ORDER_ROUND_TRIPS + 1) * options.latencyMs + ROUND_TRIP_SLACK_MS,
        targetNote: `(${ORDER_ROUND_TRIPS} + 1) x ${options.latencyMs} + ${ROUND_TRIP_SLACK_MS}`,
      },
      {
        figure: 'Round trips (cold): order --yes critical path (requests)',
        unit: 'requests',
        summary: summarize(ordered.map((r) => r.path.length)),
        target: ORDER_ROUND_TRIPS,
        targetNote: 'the limit',
      },
    ];
    return { rows: [...fresh.rows, ...orderRows, ...cold.rows, ...warm.rows], typical: fresh.typical, latencyMs: options.latencyMs };
  } finally {
    sandbox.setLatency(0);
    home.remove();
  }
}

/** The typical run's chain, one request per line with its start and end relative to the first request. */
export function describeChain(run: RoundTripRun): string {
  const origin = run.path.chain[0]?.start ?? 0;
  const lines = run.path.chain.map(
    (r, i) => `  ${String(i + 1).padStart(2)}. ${r.label.padEnd(58)} ${(r.start - origin).toFixed(0).padStart(5)}–${(r.end - origin).toFixed(0)} ms`,
  );
  const extra = run.repeatedGets.length > 0 ? `\n  Asked twice: ${run.repeatedGets.join(', ')}` : '';
  return `Critical path of a typical dry run (${run.requests} requests, ${run.path.length} in a chain, wall ${run.wallMs.toFixed(0)} ms):\n${lines.join('\n')}${extra}`;
}
