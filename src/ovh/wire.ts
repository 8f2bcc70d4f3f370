// What node-ovh does not tell us: the request object, response headers (X-Ovh-Queryid, Retry-After),
// the real socket error, and whether the body stopped half-way. Node publishes every outgoing
// request on diagnostics_channel; a call announces the request it expects (method + Host header +
// path, exactly as node-ovh will build it) and receives that ClientRequest when it starts.
import dc from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface WireObserver {
  /** The request was ended (Node publishes it then, after node-ovh attached its own listeners). */
  onRequest(request: ClientRequest): void;
  /** Response headers arrived. */
  onResponse(response: IncomingMessage): void;
}

const expected = new Map<string, WireObserver[]>();
const observed = new WeakMap<ClientRequest, WireObserver>();
let subscribed = false;

function keyOf(method: string, hostHeader: string, path: string): string {
  return `${method.toUpperCase()} ${hostHeader.toLowerCase()} ${path}`;
}

function onRequestStart(message: unknown): void {
  const request = (message as { request?: ClientRequest }).request;
  if (!request || expected.size === 0) return;
  const host = request.getHeader('host');
  const key = keyOf(request.method, typeof host === 'string' ? host : String(host ?? ''), request.path);
  const waiting = expected.get(key);
  const observer = waiting?.shift();
  if (!observer) return;
  if (waiting!.length === 0) expected.delete(key);
  observed.set(request, observer);
  observer.onRequest(request);
}

function onResponseFinish(message: unknown): void {
  const { request, response } = message as { request?: ClientRequest; response?: IncomingMessage };
  if (!request || !response) return;
  observed.get(request)?.onResponse(response);
}

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  dc.subscribe('http.client.request.start', onRequestStart);
  dc.subscribe('http.client.response.finish', onResponseFinish);
}

/** The Host header Node's http client sends: port only when not 443, IPv6 bracketed. */
export function hostHeaderFor(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === 443 ? h : `${h}:${port}`;
}

/**
 * Announces a request about to be made. Identical concurrent requests are matched first-come,
 * first-served (they are interchangeable). Returns a function that withdraws the announcement.
 */
export function expectRequest(method: string, hostHeader: string, path: string, observer: WireObserver): () => void {
  subscribe();
  const key = keyOf(method, hostHeader, path);
  const list = expected.get(key) ?? [];
  list.push(observer);
  expected.set(key, list);
  return () => {
    const current = expected.get(key);
    if (!current) return;
    const index = current.indexOf(observer);
    if (index >= 0) current.splice(index, 1);
    if (current.length === 0) expected.delete(key);
  };
}

/** Number of announced requests not yet seen (tests check nothing leaks). */
export function pendingExpectations(): number {
  let n = 0;
  for (const list of expected.values()) n += list.length;
  return n;
}
