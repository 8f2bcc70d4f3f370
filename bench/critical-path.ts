// The critical path of a run's requests: the longest chain in which each request started only after
// the previous one had fully answered. Requests that overlap in time are, by definition, not waiting
// for each other. With a fixed latency per request, the wall time of a command cannot be below
// (critical path length) x latency, whatever the number of requests.
import type { TracedRequest } from './trace-hook.js';

export interface TimedRequest {
  label: string;
  start: number;
  end: number;
}

export interface CriticalPath {
  /** Number of requests on the longest chain. */
  length: number;
  /** The chain itself, in order. */
  chain: TimedRequest[];
}

/** `/order/cart/0b7a…/item/123/configuration` → `/order/cart/{cartId}/item/{id}/configuration`. */
function routeOf(pathWithQuery: string): string {
  const [pathname = '', query] = pathWithQuery.split('?');
  const route = pathname
    .replace(/^\/1\.0(?=\/)/, '')
    .replace(/\/order\/cart\/[^/]+/, (m) => (m === '/order/cart/' ? m : '/order/cart/{cartId}'))
    .replace(/\/(\d+)(?=\/|$)/g, '/{id}');
  const keys = query ? [...new URLSearchParams(query).keys()].sort() : [];
  return keys.length > 0 ? `${route}?${keys.join('&')}` : route;
}

export function timedRequests(requests: readonly TracedRequest[]): TimedRequest[] {
  return requests
    .filter((r) => r.end !== null || r.headersAt !== null)
    .map((r) => ({ label: `${r.method} ${routeOf(r.path)}`, start: r.start, end: (r.end ?? r.headersAt)! }));
}

export function criticalPath(requests: readonly TimedRequest[]): CriticalPath {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  const previous: Array<number | undefined> = [];
  sorted.forEach((request, j) => {
    let best = 0;
    let from: number | undefined;
    for (let i = 0; i < j; i++) {
      if (sorted[i]!.end <= request.start && depth[i]! > best) {
        best = depth[i]!;
        from = i;
      }
    }
    depth[j] = best + 1;
    previous[j] = from;
  });
  if (sorted.length === 0) return { length: 0, chain: [] };
  const chain: TimedRequest[] = [];
  for (let at: number | undefined = depth.indexOf(Math.max(...depth)); at !== undefined; at = previous[at]) chain.unshift(sorted[at]!);
  return { length: chain.length, chain };
}
