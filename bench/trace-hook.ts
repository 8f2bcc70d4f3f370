// Preloaded into a CLI child by the benchmark only (`node --import <this> bin/ovh-order.js …`), never
// by the product. When OVH_ORDER_BENCH_TRACE names a file, it records every HTTP(S) request the child
// makes (start, headers, end of body), the moment of the first write to stdout (the first table) and
// the peak resident memory, and writes them to that file when the process exits.
import dc from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface TracedRequest {
  method: string;
  host: string;
  path: string;
  /** Epoch milliseconds (fractional), comparable across processes of this machine. */
  start: number;
  headersAt: number | null;
  end: number | null;
  status: number | null;
}

export interface ChildTrace {
  timeOrigin: number;
  requests: TracedRequest[];
  firstStdoutAt: number | null;
  exitAt: number;
  maxRssKb: number;
}

export const TRACE_ENV = 'OVH_ORDER_BENCH_TRACE';

const traceFile = process.env[TRACE_ENV];
if (traceFile) {
  const now = () => performance.timeOrigin + performance.now();
  const requests: TracedRequest[] = [];
  const byRequest = new WeakMap<object, TracedRequest>();

  dc.subscribe('http.client.request.start', (message) => {
    const request = (message as { request: ClientRequest }).request;
    const entry: TracedRequest = { method: request.method, host: request.host, path: request.path, start: now(), headersAt: null, end: null, status: null };
    requests.push(entry);
    byRequest.set(request, entry);
  });
  dc.subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const entry = byRequest.get(request);
    if (!entry) return;
    entry.headersAt = now();
    entry.status = response.statusCode ?? null;
    // An 'end' listener does not switch the stream to flowing mode: the client still reads it.
    response.once('end', () => {
      entry.end = now();
    });
  });

  let firstStdoutAt: number | null = null;
  const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
  process.stdout.write = function (...args: unknown[]) {
    if (firstStdoutAt === null) firstStdoutAt = now();
    return write(...args);
  };

  process.on('exit', () => {
    const trace: ChildTrace = { timeOrigin: performance.timeOrigin, requests, firstStdoutAt, exitAt: now(), maxRssKb: process.resourceUsage().maxRSS };
    fs.writeFileSync(traceFile, JSON.stringify(trace));
  });
}
