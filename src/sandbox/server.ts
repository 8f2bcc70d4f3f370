// Request plumbing: parse, log, latency, faults, authentication, dispatch, OVH-shaped answers
// (`Content-Type: application/json; charset=utf-8`, an X-Ovh-Queryid on every answer, `null` for
// void calls) and a loud 404 for any route the sandbox does not know.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, defaultMessageFor, errorClassFor } from './api-error.js';
import { authenticate, bearerOf, isSigned } from './auth.js';
import type { FaultList } from './faults.js';
import { RawResponse, type ApiRequest, type RouteMatch, type Router } from './router.js';
import type { SandboxRuntime } from './runtime.js';
import type { SandboxFault, SandboxLogEntry } from './types.js';

export const BASE_PATH = '/1.0';
const JSON_TYPE = 'application/json; charset=utf-8';
const REDACTED_FIELDS = new Set(['password', 'client_secret', 'clientSecret', 'appSecret']);

export interface ServerDeps {
  runtime: SandboxRuntime;
  apiRouter: Router;
  pageRouter: Router;
  faults: FaultList;
  log: SandboxLogEntry[];
  latencyMs(): number;
  onUnknownRoute(line: string): void;
  onInternalError(error: unknown): void;
  /** Sockets kept open by `hang` faults and timers of slow bodies, released by close(). */
  pending: { sockets: Set<Socket>; timers: Set<NodeJS.Timeout> };
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

let querySequence = 0;

function queryId(prefix: string): string {
  querySequence = (querySequence + 1) % 100000;
  return `${prefix}.ext-3.${Math.floor(Date.now() / 1000).toString(16)}.${querySequence}.${randomUUID()}`;
}

function errorAnswer(error: ApiError): Answer {
  return { status: error.status, body: JSON.stringify(error.body()), headers: { 'Content-Type': JSON_TYPE, ...error.headers } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What the log keeps of a body: parsed JSON, or a parsed form with secrets redacted, else null. */
function bodyForLog(raw: string, contentType: string | undefined): unknown {
  if (raw.trim() === '') return null;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(raw)) form[key] = REDACTED_FIELDS.has(key) ? '[redacted]' : value;
    return form;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function hostWithoutPort(req: IncomingMessage): string {
  const host = req.headers.host ?? '127.0.0.1';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function truncateJson(body: string): string {
  let cut = body.slice(0, Math.floor(body.length / 2));
  try {
    JSON.parse(cut);
    cut = `{"${cut}`; // still valid after the cut (e.g. a number): make sure it is not
  } catch {
    // invalid, as wanted
  }
  return cut;
}

export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      // A client that went away mid-request is not a sandbox failure.
      if (req.destroyed || res.destroyed) return;
      deps.onInternalError(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': JSON_TYPE, 'X-Ovh-Queryid': queryId(deps.runtime.regionInfo.queryIdPrefix) });
        res.end(JSON.stringify({ class: 'Server::InternalServerError', message: 'Internal server error' }));
      }
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { runtime: sb } = deps;
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1))) query[key] = value;
  const isApi = rawPath === BASE_PATH || rawPath.startsWith(`${BASE_PATH}/`);
  const path = isApi ? rawPath.slice(BASE_PATH.length) || '/' : rawPath;
  const match: RouteMatch | undefined = isApi ? deps.apiRouter.match(method, path) : deps.pageRouter.match(method, path);
  const signed = isSigned(req);
  const entry: SandboxLogEntry = {
    method,
    path,
    route: match?.route.pattern ?? '(unknown)',
    query,
    body: null,
    signed,
    auth: bearerOf(req) !== undefined ? 'oauth2' : signed ? 'signature' : 'none',
    status: 0,
    at: sb.clock.now().toISOString(),
  };
  deps.log.push(entry);

  const rawBody = await readBody(req);
  entry.body = bodyForLog(rawBody, req.headers['content-type']);
  const latency = deps.latencyMs();
  if (latency > 0) await sleep(latency);
  if (res.destroyed) return;

  if (!match) {
    const line = `Sandbox: unknown route ${method} ${path}`;
    deps.onUnknownRoute(line);
    return send(deps, entry, res, errorAnswer(new ApiError(404, line)));
  }

  const fault = deps.faults.take(method, match.route.pattern);
  if (fault) entry.fault = fault.kind;
  const statusAnswer = (status: number, message: string | undefined, retryAfterSeconds: number | undefined) => {
    const headers: Record<string, string> = {};
    if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
    const body = { class: errorClassFor(status), message: message ?? defaultMessageFor(status) };
    return send(deps, entry, res, { status, body: JSON.stringify(body), headers: { 'Content-Type': JSON_TYPE, ...headers } });
  };
  if (fault?.kind === 'status' && !fault.afterEffect) return statusAnswer(fault.status, fault.message, fault.retryAfterSeconds);
  if (fault?.kind === 'drop-before') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'hang') {
    deps.pending.sockets.add(req.socket);
    req.socket.once('close', () => deps.pending.sockets.delete(req.socket));
    return;
  }

  const answer = await dispatch(deps, req, match, { method, path, query, rawBody, rawUrl, isApi });
  if (method !== 'GET' || match.route.mutates) sb.store.save();

  if (fault?.kind === 'drop-after') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'status') return statusAnswer(fault.status, fault.message, fault.retryAfterSeconds);
  if (fault?.kind === 'malformed-json') {
    return send(deps, entry, res, { status: 200, body: truncateJson(answer.body), headers: { ...answer.headers, 'Content-Type': JSON_TYPE } });
  }
  return send(deps, entry, res, answer, fault);
}

async function dispatch(
  deps: ServerDeps,
  req: IncomingMessage,
  match: RouteMatch,
  call: { method: string; path: string; query: Record<string, string>; rawBody: string; rawUrl: string; isApi: boolean },
): Promise<Answer> {
  const sb = deps.runtime;
  sb.store.refresh();
  try {
    const apiReq: ApiRequest = {
      method: call.method,
      path: call.path,
      params: match.params,
      query: call.query,
      body: undefined,
      rawBody: call.rawBody,
      headers: req.headers,
      caller: null,
      host: hostWithoutPort(req),
    };
    if (call.isApi) {
      apiReq.caller = authenticate(apiReq, match.route, sb, call.rawUrl);
      if (call.rawBody.trim() !== '') {
        try {
          apiReq.body = JSON.parse(call.rawBody);
        } catch {
          throw new ApiError(400, "The input provided isn't valid: the body is not valid JSON");
        }
      }
    }
    const result = await match.route.handler(apiReq, sb);
    if (result instanceof RawResponse) return { status: result.status, body: result.body, headers: { ...result.headers } };
    return { status: 200, body: JSON.stringify(result ?? null), headers: { 'Content-Type': JSON_TYPE } };
  } catch (error) {
    if (error instanceof ApiError) return errorAnswer(error);
    deps.onInternalError(error);
    const message = `Sandbox: internal error on ${call.method} ${match.route.pattern}: ${error instanceof Error ? error.message : String(error)}`;
    return errorAnswer(new ApiError(500, message));
  }
}

function send(deps: ServerDeps, entry: SandboxLogEntry, res: ServerResponse, answer: Answer, fault?: SandboxFault): void {
  if (res.destroyed) return;
  entry.status = answer.status;
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, {
    'Cache-Control': 'no-cache, no-store',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'X-Ovh-Queryid': queryId(deps.runtime.regionInfo.queryIdPrefix),
    ...answer.headers,
    'Content-Length': String(body.length),
  });
  if (fault?.kind !== 'slow-body') {
    res.end(body);
    return;
  }
  // Headers and the first part now, the rest after the delay.
  const half = Math.max(1, Math.floor(body.length / 2));
  res.write(body.subarray(0, half));
  const timer = setTimeout(() => {
    deps.pending.timers.delete(timer);
    if (!res.destroyed) res.end(body.subarray(half));
  }, fault.delayMs);
  deps.pending.timers.add(timer);
}
