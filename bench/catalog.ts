// Catalogs at the real size: the sandbox serves an eco catalog of about 12 MB (shaped like the real
// one: plans, per-range addons, products with technical blobs). Three figures, no added latency:
//  - download-to-first-table beyond the transfer: from the moment `ovh-order catalog` asks for the
//    catalog to its first table, minus what a plain HTTPS GET of the same document takes;
//  - warm-cache start: spawn to first table with the parsed catalog cached, minus `node -e 0` and
//    minus what a plain HTTPS GET of the stock takes (stock is never cached: every run asks for it,
//    so its transfer is the network's share, as the catalog's transfer is in the figure above);
//  - peak memory (resident set) of both.
import type { SandboxServer } from '../src/sandbox/index.js';
import { describeFailure, runCli, runNode, type ChildRun } from './child.js';
import { createBenchHome } from './cli-env.js';
import { median, summarize } from './stats.js';
import type { ResultRow } from './table.js';

const COLD_TARGET_MS = 300;
const WARM_TARGET_MS = 100;
const MEMORY_TARGET_MB = 150;
export const CATALOG_ARGS = ['catalog', '--range', 'eco', '--subsidiary', 'FR'];
const CATALOG_PATH = '/order/catalog/public/eco';
const STOCK_PATH = '/dedicated/server/datacenter/availabilities';

export interface CatalogResult {
  rows: ResultRow[];
  catalogBytes: number;
  notes: string[];
}

/**
 * Plain GETs of a document (default: the eco catalog) from another process (as the CLI is one: the
 * sandbox's process only sends), each timed from the request to the last byte. Returns the times and the size.
 */
async function timeTransfers(
  sandbox: SandboxServer,
  count: number,
  document = `${CATALOG_PATH}?ovhSubsidiary=FR`,
): Promise<{ times: number[]; bytes: number }> {
  const script = `
    const https = require('node:https');
    const url = process.argv[1];
    const one = () => new Promise((resolve, reject) => {
      const started = performance.now();
      https.get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk) => { bytes += chunk.length; });
        response.on('end', () => response.statusCode === 200 ? resolve({ ms: performance.now() - started, bytes }) : reject(new Error('status ' + response.statusCode)));
      }).on('error', reject);
    });
    (async () => { const runs = []; for (let i = 0; i < ${count}; i++) runs.push(await one()); console.log(JSON.stringify(runs)); })()
      .catch((error) => { console.error(error.message); process.exitCode = 1; });`;
  const run = await runNode(['-e', script, `${sandbox.url}${document}`], { env: { ...process.env, NODE_EXTRA_CA_CERTS: sandbox.caPath } });
  if (run.exitCode !== 0) throw new Error(describeFailure(`plain GET of ${document}`, run));
  const runs = JSON.parse(run.stdout) as Array<{ ms: number; bytes: number }>;
  return { times: runs.map((r) => r.ms), bytes: runs[0]?.bytes ?? 0 };
}

function checkRun(run: ChildRun): ChildRun {
  if (run.exitCode !== 0 || run.firstStdoutMs === null) throw new Error(describeFailure(`ovh-order ${CATALOG_ARGS.join(' ')}`, run));
  return run;
}

export async function measureCatalog(sandbox: SandboxServer, options: { runs: number; catalogBytes: number; nodeBaselineMs: number }): Promise<CatalogResult> {
  sandbox.setLatency(0);
  sandbox.setCatalogScale(options.catalogBytes);
  const home = createBenchHome(sandbox, 'catalog');
  try {
    // The sandbox builds and serialises the big document once; do not count that against anyone.
    // A fresh process per transfer, as the CLI is one (a warmed-up process receives 12 MB about 3x faster).
    const { bytes } = await timeTransfers(sandbox, 1);
    const transfers: number[] = [];

    // Cold: no cached catalog. Warm-up once (disk cache of the OS, the clock offset), then measure.
    home.dropCatalogCache();
    checkRun(await runCli(CATALOG_ARGS, { env: home.env }));
    const beyondTransfer: number[] = [];
    const coldRss: number[] = [];
    const afterBody: number[] = [];
    let rssSource = '';
    const downloadToTable: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      transfers.push(...(await timeTransfers(sandbox, 1)).times);
      home.dropCatalogCache();
      const run = checkRun(await runCli(CATALOG_ARGS, { env: home.env, trace: true, rss: true }));
      const request = run.trace?.requests.find((r) => r.path.includes(CATALOG_PATH));
      if (!run.trace || !request || run.trace.firstStdoutAt === null)
        throw new Error(`ovh-order catalog did not download the catalog (cache not bypassed?):\n${run.stderr}`);
      downloadToTable.push(run.trace.firstStdoutAt - request.start);
      if (request.end !== null) afterBody.push(run.trace.firstStdoutAt - request.end);
      if (run.peakRssMb !== undefined) coldRss.push(run.peakRssMb);
      rssSource = run.rssSource ?? rssSource;
    }

    const transferMs = median(transfers);
    for (const ms of downloadToTable) beyondTransfer.push(ms - transferMs);

    // Warm: the previous run left the parsed catalog in the cache.
    checkRun(await runCli(CATALOG_ARGS, { env: home.env }));
    const stockTransfers: number[] = [];
    const warm: number[] = [];
    const warmAbsolute: number[] = [];
    const warmRss: number[] = [];
    const warmFirstRequest: number[] = [];
    let warmDownloads = 0;
    for (let i = 0; i < options.runs; i++) {
      stockTransfers.push(...(await timeTransfers(sandbox, 1, STOCK_PATH)).times);
      sandbox.clearLog();
      const run = checkRun(await runCli(CATALOG_ARGS, { env: home.env }));
      if (sandbox.log.some((e) => e.path === CATALOG_PATH)) warmDownloads++;
      warmAbsolute.push(run.firstStdoutMs!);
      // Memory on separate runs: the measuring tool must not add to the time.
      const measured = checkRun(await runCli(CATALOG_ARGS, { env: home.env, rss: true, trace: true }));
      if (measured.peakRssMb !== undefined) warmRss.push(measured.peakRssMb);
      const firstRequest = measured.trace?.requests[0];
      if (measured.trace && firstRequest) warmFirstRequest.push(firstRequest.start - measured.trace.timeOrigin);
    }

    const stockMs = median(stockTransfers);
    for (const ms of warmAbsolute) warm.push(ms - options.nodeBaselineMs - stockMs);
    const mb = (bytes / 1e6).toFixed(1);
    const rows: ResultRow[] = [
      { figure: `Catalog ${mb} MB: plain HTTPS GET (fresh process)`, unit: 'ms', summary: summarize(transfers) },
      { figure: `Catalog ${mb} MB: download to first table`, unit: 'ms', summary: summarize(downloadToTable) },
      { figure: `Catalog ${mb} MB: download to first table, beyond transfer`, unit: 'ms', summary: summarize(beyondTransfer), target: COLD_TARGET_MS },
      { figure: `Catalog ${mb} MB: body received to first table`, unit: 'ms', summary: summarize(afterBody) },
      { figure: 'Stock (all plans): plain HTTPS GET (fresh process)', unit: 'ms', summary: summarize(stockTransfers) },
      { figure: `Catalog ${mb} MB: warm-cache start, beyond node -e 0 and the stock GET`, unit: 'ms', summary: summarize(warm), target: WARM_TARGET_MS },
      { figure: `Catalog ${mb} MB: warm-cache start, spawn to first table`, unit: 'ms', summary: summarize(warmAbsolute) },
      { figure: `Catalog ${mb} MB: warm-cache start, process start to first request`, unit: 'ms', summary: summarize(warmFirstRequest) },
      { figure: `Catalog ${mb} MB: peak memory, download`, unit: 'MB', summary: summarize(coldRss), target: MEMORY_TARGET_MB },
      { figure: `Catalog ${mb} MB: peak memory, warm cache`, unit: 'MB', summary: summarize(warmRss), target: MEMORY_TARGET_MB },
    ];
    const notes = [`Peak memory: maximum resident set size from ${rssSource || 'n/a'}.`];
    if (warmDownloads > 0) notes.push(`WARNING: ${warmDownloads} warm-cache run(s) downloaded the catalog again: the cache was not used.`);
    return { rows, catalogBytes: bytes, notes };
  } finally {
    sandbox.setCatalogScale(null);
    home.remove();
  }
}
