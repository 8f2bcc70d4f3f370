// `--profile`: one CPU-profiled run per scenario (`node --cpu-prof`), with the samples attributed to
// the npm package or the project folder whose code was running (time spent in Node's own internals
// is charged to the nearest package or project frame that called them). Shows where a figure's
// milliseconds go, so a missed target points at the code to change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_DIR, BUNDLE_METAFILE, REPO_ROOT } from '../src/build/bundle-layout.js';
import { mainOwnerByOutput, readBundleMetafile } from '../src/build/packages-in-bundle.js';
import { CLI_ENTRY, runNode } from './child.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Bundle chunk (path as in the metafile) → its main content, once per run of the benchmark. */
let chunkOwners: Map<string, string> | undefined;
function chunkOwner(url: string): string | undefined {
  chunkOwners ??= mainOwnerByOutput(readBundleMetafile(path.join(REPO_ROOT, BUNDLE_METAFILE)) ?? { outputs: {} });
  const at = url.indexOf(`/${BUNDLE_DIR}/`);
  return at < 0 ? undefined : chunkOwners.get(url.slice(at + 1));
}

/**
 * `npm:zod`, `src/domain`, `gc`, `node` (internals with no project or package caller), … A bundle
 * chunk counts as what most of its bytes are (a chunk usually holds one package or one folder).
 */
function ownerOf(url: string, functionName: string): string | undefined {
  if (!url) {
    if (functionName === '(garbage collector)') return 'gc';
    if (functionName === '(idle)') return 'idle';
    return undefined;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  const chunk = chunkOwner(url);
  if (chunk) return chunk;
  const own = /\/(dist|bin)\/(.*)$/.exec(url);
  if (own) return own[1] === 'bin' ? 'bin' : `src/${own[2]!.split('/')[0]!.replace(/\.js$/, '')}`;
  return undefined;
}

function attribute(profile: CpuProfile): Array<{ owner: string; ms: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let at: number | undefined = id;
    let owner: string | undefined;
    while (at !== undefined && owner === undefined) {
      const node = byId.get(at)!;
      owner = ownerOf(node.callFrame.url, node.callFrame.functionName);
      at = parent.get(at);
    }
    const key = owner ?? 'node (start-up, module loading)';
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([owner, ms]) => ({ owner, ms })).sort((a, b) => b.ms - a.ms);
}

/** Runs `node --cpu-prof bin/ovh-order.js <args>` once and returns the attribution lines. */
export async function profileCli(label: string, args: string[], env: NodeJS.ProcessEnv, top = 12): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-bench-prof-'));
  try {
    const run = await runNode(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', CLI_ENTRY, ...args], { env });
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) return `${label}: no profile written (exit ${run.exitCode})`;
    const rows = attribute(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile).filter((r) => r.owner !== 'idle');
    const total = rows.reduce((sum, r) => sum + r.ms, 0);
    const lines = rows.slice(0, top).map((r) => `  ${r.ms.toFixed(0).padStart(6)} ms  ${r.owner}`);
    return `${label} (wall ${run.wallMs.toFixed(0)} ms, ${total.toFixed(0)} ms on the CPU; idle time = waiting for the network):\n${lines.join('\n')}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
