// The one wrapper around @ovhcloud/node-ovh. It builds the node client from host/port/basePath
// (never a preset name: node-ovh would overwrite our host), fills route placeholders, enforces a
// deadline per call, retries reads, reads the wire through diagnostics_channel (status, query id,
// Retry-After, socket errors) and checks every answer against a zod schema.
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import querystring from 'node:querystring';
import type { z } from 'zod';
import { CredentialsError, UsageError } from '../errors.js';
import type { Endpoint } from './endpoints.js';
import { OvhApiError } from './errors.js';
import { describeFailure, errorCodeOf, malformedAnswer, type FailureContext } from './failures.js';
import { isLazy, loadSoon, timeSchema, type AnswerSchema } from './lazy-schema.js';
import { sendLikeNodeOvh } from './https-transport.js';
import { loadNodeOvh, trustCertificateAuthority, type NodeOvh } from './node-ovh.js';
import { redactSecrets } from './redact.js';
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, type FailureFacts, type RetryPolicy } from './retry.js';
import { expectRequest, hostHeaderFor } from './wire.js';

export { redactSecrets } from './redact.js';
export type { AnswerSchema, LazySchema } from './lazy-schema.js';
export { nodeOvhSignature, trustCertificateAuthority } from './node-ovh.js';

export type Credentials =
  | { kind: 'app'; appKey: string; appSecret: string; consumerKey?: string }
  | { kind: 'oauth2'; clientId: string; clientSecret: string }
  | { kind: 'none' };

export interface ClientOptions {
  endpoint: Endpoint;
  credentials: Credentials;
  /** Deadline for one call (one attempt), whole answer included. Default 30 s. */
  timeoutMs?: number;
  /** Reuse a cached /auth/time offset instead of fetching it. */
  timeOffsetSeconds?: number;
  /** Called after /auth/time was fetched. */
  onTimeOffset?(offsetSeconds: number): void;
  /** Called when |offset| > 30 s. */
  onClockSkew?(offsetSeconds: number): void;
  /** One redacted line per call and per answer. */
  debug?(line: string): void;
  /** Trust this CA (PEM) for in-process calls, e.g. the sandbox's, without NODE_EXTRA_CA_CERTS. */
  trustCaPem?: string;
  retry?: RetryPolicy;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type AuthMode = 'signed' | 'oauth2' | 'unsigned';
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

export interface RequestParams {
  /** Values for the route's `{placeholders}` (URL-encoded here). */
  path?: Record<string, string | number>;
  /** Query string (null/undefined dropped; arrays joined with commas, as OVH expects). */
  query?: Record<string, QueryValue>;
  /** JSON body for POST/PUT (null/undefined fields dropped by node-ovh). */
  body?: Record<string, unknown>;
}

export interface RequestOptions {
  /** Set false to forbid retries even for a GET. Writes are never retried whatever this says. */
  retry?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const CLOCK_SKEW_WARNING_SECONDS = 30;
/**
 * node-ovh refuses to run without credentials. For anonymous use it gets this application key and
 * no consumer key, so nothing is signed: calls carry `X-Ovh-Application: ovh-order-anonymous`,
 * `X-Ovh-Timestamp` and `Content-Type` only. Public routes answer; others answer 401.
 */
export const ANONYMOUS_APPLICATION_KEY = 'ovh-order-anonymous';

/**
 * Reads of public data (catalogs, stock) that OVH answers the same whether the call is signed or not.
 * They are sent unsigned by the client itself, not through node-ovh: no clock offset to fetch first,
 * and a command that reads only public data (`catalog`) never loads node-ovh (~20 ms of start-up).
 * They get the same deadline, retries, error mapping and validation as every other call.
 */
const PUBLIC_READS = [/^\/order\/catalog\/(public|formatted)\//, /^\/dedicated\/server\/datacenter\/availabilities$/];
export function isPublicRead(method: string, route: string): boolean {
  return method === 'GET' && PUBLIC_READS.some((pattern) => pattern.test(route));
}

/** Fills `{name}` placeholders with URL-encoded values; a missing or empty value is a usage error. */
export function fillRoute(route: string, values: Record<string, string | number> = {}): string {
  return route.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || String(value) === '') {
      throw new UsageError(`Missing value for {${name}} in ${route}.`, { code: 'missing_route_value' });
    }
    return encodeURIComponent(String(value));
  });
}

/** The query string node-ovh would build (querystring.stringify), without null/undefined values. */
export function buildQuery(query: Record<string, QueryValue> = {}): string {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    clean[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return querystring.stringify(clean);
}

interface WireState {
  request?: ClientRequest;
  status?: number;
  queryId?: string;
  retryAfterSeconds?: number;
  socketError?: unknown;
  timedOut?: boolean;
  dropped?: boolean;
}

type Attempt =
  | { ok: true; body: unknown; status: number | undefined; queryId: string | undefined }
  | { ok: false; error: OvhApiError; facts: FailureFacts };

type Transport = (callback: (error: unknown, body?: unknown) => void) => void;

export class OvhClient {
  readonly endpoint: Endpoint;
  readonly timeoutMs: number;
  private readonly credentials: Credentials;
  /** node-ovh, built on first use (see `node`). */
  private nodeClient: NodeOvh | undefined;
  private readonly nodeParams: Record<string, unknown>;
  /** What node-ovh is given as `apiTimeDiff` once built. */
  private apiTimeDiff: number | null = null;
  private readonly retryPolicy: RetryPolicy;
  private readonly secrets: string[];
  private readonly options: ClientOptions;
  private offset: number | undefined;
  private offsetPromise: Promise<number> | undefined;
  /** The offset was measured by this client (GET /auth/time), not given as a cached value. */
  private offsetMeasured = false;
  private tokenFailure: FailureContext['tokenFailure'];

  constructor(options: ClientOptions) {
    this.options = options;
    this.endpoint = options.endpoint;
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY_POLICY;
    this.secrets = secretsOf(options.credentials);
    if (options.trustCaPem) trustCertificateAuthority(options.trustCaPem);
    // Checked now (a missing secret is an error of the command, not of its first call); loaded later.
    this.nodeParams = this.nodeClientParams();
    // node-ovh reads `params.apiTimeDiff || null`, so an offset of 0 would mean "unknown" and make
    // it fetch /auth/time itself: set the property after construction instead.
    if (options.timeOffsetSeconds !== undefined) {
      this.offset = options.timeOffsetSeconds;
      this.apiTimeDiff = options.timeOffsetSeconds;
    } else if (this.credentials.kind !== 'oauth2' && !this.signs()) {
      // Unsigned calls carry a timestamp nobody checks; never let node-ovh fetch the time for them.
      this.apiTimeDiff = 0;
    }
  }

  /** node-ovh, loaded and built on the first call that goes through it. */
  private get node(): NodeOvh {
    if (!this.nodeClient) {
      const client = loadNodeOvh()(this.nodeParams);
      if (client.oauthClient) this.wrapTokenFetch(client.oauthClient);
      client.apiTimeDiff = this.apiTimeDiff;
      this.nodeClient = client;
    }
    return this.nodeClient;
  }

  private setApiTimeDiff(offset: number): void {
    this.apiTimeDiff = offset;
    if (this.nodeClient) this.nodeClient.apiTimeDiff = offset;
  }

  private nodeClientParams(): Record<string, unknown> {
    const { host, port, basePath } = this.endpoint;
    // No socket `timeout` for node-ovh: it adds a 'timeout' listener to the keep-alive socket on
    // every call and never removes it (MaxListenersExceededWarning on stderr after 10 calls).
    // The same idle timeout is set on each request below, where Node cleans it up.
    const params: Record<string, unknown> = { host, port, basePath };
    const c = this.credentials;
    if (c.kind === 'app') {
      if (!c.appKey || !c.appSecret) {
        throw new CredentialsError('An application key and an application secret are both needed.', {
          code: 'missing_app_credentials',
          hint: `Create an application at ${this.endpoint.createAppUrl}, then run \`ovh-order login\`.`,
        });
      }
      params.appKey = c.appKey;
      params.appSecret = c.appSecret;
      if (c.consumerKey) params.consumerKey = c.consumerKey;
    } else if (c.kind === 'oauth2') {
      if (!this.endpoint.tokenUrl) {
        throw new UsageError(`OAuth2 (service account) credentials are not available on ${this.endpoint.name}.`, {
          code: 'oauth2_unsupported',
          hint: 'Use an application key, secret and consumer key (`ovh-order login`) with this endpoint.',
        });
      }
      if (!c.clientId || !c.clientSecret) {
        throw new CredentialsError('A client id and a client secret are both needed for OAuth2.', { code: 'missing_oauth2_credentials' });
      }
      params.clientID = c.clientId;
      params.clientSecret = c.clientSecret;
      params.tokenURL = this.endpoint.tokenUrl;
    } else {
      params.appKey = ANONYMOUS_APPLICATION_KEY;
      params.appSecret = 'unused';
    }
    return params;
  }

  /**
   * node-ovh fetches OAuth2 tokens through simple-oauth2/wreck, with its own agent (so without
   * `trustCaPem`) and no timeout, and turns failures into `{statusCode, error, message}` without
   * the cause. Pass the global agent and a timeout, and remember why a fetch failed.
   */
  private wrapTokenFetch(oauthClient: NonNullable<NodeOvh['oauthClient']>): void {
    const original = oauthClient.getToken.bind(oauthClient);
    const tokenHost = new URL(this.endpoint.tokenUrl ?? 'https://invalid/').host;
    oauthClient.getToken = async (params: unknown) => {
      const httpOptions: Record<string, unknown> = { timeout: this.timeoutMs };
      // simple-oauth2 deep-clones these options and a cloned Agent breaks ("Illegal invocation");
      // Hoek's clone copies accessors as they are, so the getter hands wreck the real agent.
      Object.defineProperty(httpOptions, 'agent', { get: () => https.globalAgent, enumerable: true });
      try {
        return await original(params, httpOptions);
      } catch (error) {
        const boom = error as { output?: { statusCode?: number }; data?: unknown; isBoom?: boolean };
        const cause = boom.data instanceof Error ? boom.data : error;
        const status = boom.data instanceof Error ? undefined : boom.output?.statusCode;
        this.tokenFailure = { status, cause, tokenHost };
        throw error;
      }
    };
  }

  /** Whether calls outside /auth are signed (application key + consumer key). */
  private signs(): boolean {
    return this.credentials.kind === 'app' && Boolean(this.credentials.consumerKey);
  }

  /** How a call to this route is authenticated (node-ovh never signs paths containing `/auth`). */
  authModeFor(route: string, method: HttpMethod = 'GET'): AuthMode {
    if (isPublicRead(method, route)) return 'unsigned';
    if (this.credentials.kind === 'oauth2') return 'oauth2';
    return this.signs() && !route.includes('/auth') ? 'signed' : 'unsigned';
  }

  /** Offset to OVH's clock in seconds (server − local), once known. */
  get timeOffsetSeconds(): number | undefined {
    return this.offset;
  }

  /** Removes this client's secrets (and any signature/token shape) from text. */
  redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  private debug(line: string): void {
    this.options.debug?.(this.redact(line));
  }

  /**
   * Fetches `GET /auth/time` once (concurrent callers share the fetch) and gives node-ovh the
   * offset, so it never fetches it itself (its failure is an opaque string).
   */
  ensureTimeOffset(): Promise<number> {
    if (this.offset !== undefined) return Promise.resolve(this.offset);
    this.offsetPromise ??= (async () => {
      try {
        const serverTime = await this.request('GET', '/auth/time', {}, timeSchema);
        const offset = serverTime - Math.round(Date.now() / 1000);
        this.offset = offset;
        this.offsetMeasured = true;
        this.setApiTimeDiff(offset);
        this.options.onTimeOffset?.(offset);
        if (Math.abs(offset) > CLOCK_SKEW_WARNING_SECONDS) this.options.onClockSkew?.(offset);
        return offset;
      } finally {
        this.offsetPromise = undefined;
      }
    })();
    return this.offsetPromise;
  }

  /**
   * One API call: fills `{placeholders}`, sends through node-ovh, retries a GET on 429/5xx/reset,
   * and validates the answer with `schema` (an OvhApiError `malformed` names the bad field).
   */
  async request<T>(method: HttpMethod, route: string, params: RequestParams, schema: AnswerSchema<T>, options: RequestOptions = {}): Promise<T> {
    const schemaLoad = loadSoon(schema);
    const mode = this.authModeFor(route, method);
    if (mode === 'signed') await this.ensureTimeOffset();
    const { nodePath, wirePath } = this.paths(route, params);
    const body = method === 'POST' || method === 'PUT' ? dropNullish(params.body ?? {}) : undefined;
    const transport: Transport = isPublicRead(method, route) ? this.publicTransport(wirePath) : (callback) => {
      // node-ovh mutates its params (drops placeholders and nulls): give it a copy.
      const result = this.node.request(method, nodePath, body ? { ...body } : {}, callback);
      if (result && typeof (result as Promise<void>).catch === 'function') (result as Promise<void>).catch((e) => callback(e));
    };
    const answer = await this.withRetries(method, route, nodePath, wirePath, mode, body, transport, options);
    return this.validate(method, route, answer, schema, schemaLoad);
  }

  /**
   * A signed call to an `/auth/*` route (`GET /auth/currentCredential`, `POST /auth/logout`).
   * node-ovh never signs paths containing `/auth` (so OVH answers 401); these are signed here with
   * node-ovh's own `signRequest` and sent with the same headers it would use. OAuth2 calls go
   * through node-ovh, which sends the bearer token on every path.
   */
  async requestAuthRoute<T>(method: 'GET' | 'POST', route: string, schema: AnswerSchema<T>): Promise<T> {
    if (this.credentials.kind === 'oauth2') return this.request(method, route, {}, schema, { retry: false });
    if (!this.signs()) {
      throw new OvhApiError({
        kind: 'unauthenticated',
        call: `${method} ${route}`,
        message: `${method} ${route} needs you to be logged in, and no consumer key is configured.`,
        hint: 'Run `ovh-order login`.',
      });
    }
    await this.ensureTimeOffset();
    const { nodePath, wirePath } = this.paths(route, {});
    const c = this.credentials as Extract<Credentials, { kind: 'app' }>;
    const transport: Transport = (callback) => {
      const timestamp = Math.round(Date.now() / 1000) + (this.node.apiTimeDiff ?? 0);
      // Signed URL as node-ovh builds it: https:// + host (never the port) + path.
      const signature = this.node.signRequest(method, `https://${this.endpoint.host}${wirePath}`, null, timestamp);
      const headers = {
        'Content-Type': 'application/json',
        'X-Ovh-Application': c.appKey,
        'X-Ovh-Timestamp': String(timestamp),
        'X-Ovh-Consumer': c.consumerKey!,
        'X-Ovh-Signature': signature,
      };
      sendLikeNodeOvh({ host: this.endpoint.host, port: this.endpoint.port, method, path: wirePath, headers }, callback);
    };
    const answer = await this.withRetries(method, route, nodePath, wirePath, 'signed', undefined, transport, {});
    return this.validate(method, route, answer, schema, loadSoon(schema));
  }

  /** A public read, unsigned, with the headers node-ovh sends on an unsigned call. */
  private publicTransport(wirePath: string): Transport {
    const appKey = this.credentials.kind === 'app' ? this.credentials.appKey : ANONYMOUS_APPLICATION_KEY;
    const headers = { 'Content-Type': 'application/json', 'X-Ovh-Application': appKey, 'X-Ovh-Timestamp': String(Math.round(Date.now() / 1000) + (this.apiTimeDiff ?? 0)) };
    return (callback) => sendLikeNodeOvh({ host: this.endpoint.host, port: this.endpoint.port, method: 'GET', path: wirePath, headers }, callback);
  }

  private paths(route: string, params: RequestParams): { nodePath: string; wirePath: string } {
    const filled = fillRoute(route, params.path);
    const query = buildQuery(params.query);
    const nodePath = query ? `${filled}?${query}` : filled;
    // node-ovh's getFullPath: a /v1 or /v2 path replaces a trailing /1.0 of the base path.
    const base = this.endpoint.basePath;
    const wirePath = base.endsWith('/1.0') && /^\/v(1|2)/.test(nodePath) ? `${base.slice(0, -4)}${nodePath}` : `${base}${nodePath}`;
    return { nodePath, wirePath };
  }

  private async validate<T>(
    method: string,
    route: string,
    answer: { body: unknown; queryId?: string },
    schema: AnswerSchema<T>,
    loading: Promise<z.ZodType<T>> | undefined,
  ): Promise<T> {
    if (isLazy(schema) && schema.accepts?.(answer.body)) return answer.body as T;
    const zodSchema = isLazy(schema) ? await (loading ?? schema.load()) : schema;
    const parsed = zodSchema.safeParse(answer.body);
    if (parsed.success) return parsed.data;
    throw malformedAnswer({ method, route, queryId: answer.queryId }, describeIssues(parsed.error.issues), parsed.error);
  }

  private async withRetries(
    method: HttpMethod,
    route: string,
    nodePath: string,
    wirePath: string,
    mode: AuthMode,
    body: Record<string, unknown> | undefined,
    transport: Transport,
    options: RequestOptions,
  ): Promise<{ body: unknown; queryId?: string }> {
    const policy = options.retry === false ? { ...this.retryPolicy, maxAttempts: 1 } : this.retryPolicy;
    const started = Date.now();
    const shownPath = route + (nodePath.includes('?') ? nodePath.slice(nodePath.indexOf('?')) : '');
    let resynced = false;
    for (let attempt = 1; ; attempt++) {
      this.debug(`→ ${method} ${shownPath} (${mode})${body && Object.keys(body).length > 0 ? ` ${JSON.stringify(body)}` : ''}`);
      const t0 = Date.now();
      const outcome = await this.attempt(method, route, wirePath, transport);
      const ms = Date.now() - t0;
      if (outcome.ok) {
        this.debug(`← ${outcome.status ?? 200} ${method} ${route} ${ms} ms${outcome.queryId ? ` [${outcome.queryId}]` : ''}`);
        return { body: outcome.body, queryId: outcome.queryId };
      }
      const e = outcome.error;
      const what = e.status !== undefined ? String(e.status) : e.kind === 'timeout' ? 'timeout' : (outcome.facts.code ?? e.kind);
      this.debug(`← ${what} ${method} ${route} ${ms} ms${e.ovhMessage ? `: ${e.ovhMessage}` : ''}${e.queryId ? ` [${e.queryId}]` : ''}`);
      // "Query out of time": OVH refused the timestamp before doing anything, so even a POST may
      // be sent again. When this client measured the offset itself, the clocks moved apart since (a
      // long `status --wait` across a sleep or an NTP step): measure it again, once per call. (A
      // cached offset given at construction keeps failing as a clock problem, as before.)
      if (mode === 'signed' && !resynced && this.offsetMeasured && e.kind === 'invalid-signature' && /query out of time/i.test(e.ovhMessage ?? '')) {
        resynced = true;
        this.debug(`↻ ${method} ${route}: timestamp refused, measuring the clock offset again`);
        this.offset = undefined;
        await this.ensureTimeOffset();
        attempt -= 1;
        continue;
      }
      const decision = decideRetry(outcome.facts, attempt, Date.now() - started, policy);
      if (!decision.retry) throw e;
      this.debug(`↻ ${method} ${route} again in ${decision.delayMs} ms (attempt ${attempt + 1} of ${policy.maxAttempts})`);
      await sleep(decision.delayMs);
    }
  }

  /** One try: the deadline, the wire observation and node-ovh's callback race; the first wins. */
  private attempt(method: HttpMethod, route: string, wirePath: string, transport: Transport): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      const wire: WireState = {};
      let settled = false;
      this.tokenFailure = undefined;

      const fail = (rejection: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        withdraw();
        const ctx: FailureContext = {
          method,
          route,
          host: hostHeaderFor(this.endpoint.host, this.endpoint.port),
          createAppUrl: this.endpoint.createAppUrl,
          timeoutMs: this.timeoutMs,
          status: wire.status,
          queryId: wire.queryId,
          retryAfterSeconds: wire.retryAfterSeconds,
          networkError: wire.socketError,
          timedOut: wire.timedOut,
          droppedMidAnswer: wire.dropped,
          oauth2: this.credentials.kind === 'oauth2',
          tokenFailure: this.tokenFailure,
          timeOffsetSeconds: this.offset,
        };
        const error = describeFailure(rejection, ctx);
        const redacted = redactError(error, this.secrets);
        resolve({
          ok: false,
          error: redacted,
          facts: {
            method,
            kind: redacted.kind,
            status: redacted.status,
            code: errorCodeOf(wire.socketError) ?? errorCodeOf((rejection as { error?: unknown } | undefined)?.error ?? rejection),
            dropped: wire.dropped,
            retryAfterSeconds: wire.retryAfterSeconds,
          },
        });
      };
      const succeed = (body: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        withdraw();
        resolve({ ok: true, body, status: wire.status, queryId: wire.queryId });
      };

      const withdraw = expectRequest(method, hostHeaderFor(this.endpoint.host, this.endpoint.port), wirePath, {
        onRequest: (request) => {
          wire.request = request;
          request.on('error', (error) => {
            wire.socketError ??= error;
          });
          // Idle-socket timeout (node-ovh's own leaks listeners, see buildNodeClient).
          request.setTimeout(this.timeoutMs, () => {
            wire.timedOut = true;
            request.destroy();
          });
        },
        onResponse: (response: IncomingMessage) => {
          wire.status = response.statusCode;
          const queryId = response.headers['x-ovh-queryid'];
          wire.queryId = Array.isArray(queryId) ? queryId[0] : queryId;
          wire.retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
          response.once('close', () => {
            // node-ovh waits for 'end' only: a body cut short would leave it waiting forever.
            if (!response.complete) {
              wire.dropped = true;
              fail(new Error('connection closed before the answer was complete'));
            }
          });
        },
      });

      // The overall deadline: also covers a body that trickles in forever and the OAuth2 token fetch.
      const deadline = setTimeout(() => {
        wire.timedOut = true;
        fail(new Error('deadline'));
        wire.request?.destroy();
      }, this.timeoutMs);

      try {
        // node-ovh calls back (error, message) on failure: keep both, as requestPromised would.
        // Failures wait one turn: node-ovh's 'error' listener runs before ours (Node publishes the
        // request after node-ovh attached it), and the socket error must be in `wire` by then.
        transport((error, body) => (error ? setImmediate(() => fail({ error, message: body })) : succeed(body)));
      } catch (error) {
        fail(error);
      }
    });
  }
}

function secretsOf(c: Credentials): string[] {
  if (c.kind === 'app') return [c.appSecret, c.consumerKey ?? ''].filter(Boolean);
  if (c.kind === 'oauth2') return [c.clientSecret];
  return [];
}

function redactError(error: OvhApiError, secrets: string[]): OvhApiError {
  if (secrets.length === 0) return error;
  const message = redactSecrets(error.message, secrets);
  const hint = error.hint === undefined ? undefined : redactSecrets(error.hint, secrets);
  const ovhMessage = error.ovhMessage === undefined ? undefined : redactSecrets(error.ovhMessage, secrets);
  // OVH's own text is quoted by other messages (login-errors.ts): it must be clean too.
  if (message === error.message && hint === error.hint && ovhMessage === error.ovhMessage) return error;
  return new OvhApiError({
    kind: error.kind,
    call: error.call,
    message,
    hint,
    status: error.status,
    ovhMessage,
    queryId: error.queryId,
    retryAfterSeconds: error.retryAfterSeconds,
    cause: error.cause,
  });
}

function dropNullish(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
}

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const shown = issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the whole answer)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
