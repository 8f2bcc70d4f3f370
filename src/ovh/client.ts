// The OVH client: fills route placeholders, chooses how a call is authenticated, keeps the clock
// offset to OVH, enforces a deadline per call, retries reads, classifies failures and checks every
// answer against a zod schema. @ovhcloud/node-ovh signs and sends; node-ovh.ts is the only file
// that knows how it works inside.
import { checkAnswer } from './answer-check.js';
import type { Endpoint } from './endpoints.js';
import { changedError, OvhApiError } from './errors.js';
import { classifyFailure, errorCodeOf, type FailureContext } from './failures.js';
import { loadSoon, timeSchema, type AnswerSchema } from './lazy-schema.js';
import { NodeOvhSession, sendAttempt, trustCertificateAuthority, wirePathFor, type FailedAttempt, type Transport } from './node-ovh.js';
import { redactSecrets } from './redact.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type FailureFacts, type RetryPolicy } from './retry.js';
import { buildQuery, dropNullish, fillRoute, isPublicRead } from './routes.js';
import type { AuthMode, ClientOptions, Credentials, HttpMethod, RequestOptions, RequestParams } from './types.js';
import { hostHeaderFor } from './wire.js';

export type { AnswerSchema } from './lazy-schema.js';
export { ANONYMOUS_APPLICATION_KEY, nodeOvhSignature } from './node-ovh.js';
export type { AuthMode, ClientOptions, Credentials, HttpMethod, RequestOptions, RequestParams } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const CLOCK_SKEW_WARNING_SECONDS = 30;
/** No answer of OVH's is near this (the eco catalog, the biggest, is about 12 MB). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** A remeasured offset this much different means the old one was stale. */
const CLOCK_MOVED_SECONDS = 2;

type Attempt =
  | { ok: true; body: unknown; status: number | undefined; queryId: string | undefined }
  | { ok: false; error: OvhApiError; facts: FailureFacts; httpRule: string | undefined };

export class OvhClient {
  readonly endpoint: Endpoint;
  readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly credentials: Credentials;
  private readonly node: NodeOvhSession;
  private readonly retryPolicy: RetryPolicy;
  private readonly secrets: string[];
  private readonly options: ClientOptions;
  private offset: number | undefined;
  private offsetPromise: Promise<number> | undefined;

  constructor(options: ClientOptions) {
    this.options = options;
    this.endpoint = options.endpoint;
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY_POLICY;
    this.maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
    this.secrets = secretsOf(options.credentials);
    if (options.trustCaPem) trustCertificateAuthority(options.trustCaPem);
    // Tokens we hold are secrets like the others: OVH may echo them in an error.
    this.node = new NodeOvhSession(this.endpoint, this.credentials, this.timeoutMs, (tokens) => this.secrets.push(...tokens));
    if (options.timeOffsetSeconds !== undefined) {
      this.offset = options.timeOffsetSeconds;
      this.node.setTimeDiff(options.timeOffsetSeconds);
    } else if (this.credentials.kind !== 'oauth2' && !this.signs()) {
      // Unsigned calls carry a timestamp nobody checks; never let node-ovh fetch the time for them.
      this.node.setTimeDiff(0);
    }
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
        this.node.setTimeDiff(offset);
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
    const transport = isPublicRead(method, route) ? this.node.unsignedTransport(wirePath) : this.node.transport(method, nodePath, body);
    const answer = await this.withRetries({ method, route, nodePath, wirePath, mode, body }, transport, options);
    return checkAnswer({ method, route, queryId: answer.queryId }, answer.body, schema, schemaLoad);
  }

  /**
   * A signed call to an `/auth/*` route (`GET /auth/currentCredential`, `POST /auth/logout`), which
   * node-ovh would send unsigned (OVH then answers 401). OAuth2 calls go through node-ovh, which
   * sends the bearer token on every path.
   */
  async requestAuthRoute<T>(method: 'GET' | 'POST', route: string, schema: AnswerSchema<T>): Promise<T> {
    if (this.credentials.kind === 'oauth2') return this.request(method, route, {}, schema, { retry: false });
    if (this.credentials.kind !== 'app' || !this.credentials.consumerKey) {
      throw new OvhApiError({
        kind: 'unauthenticated',
        call: `${method} ${route}`,
        message: `${method} ${route} needs you to be logged in, and no consumer key is configured.`,
        hint: 'Run `ovh-order login`.',
      });
    }
    await this.ensureTimeOffset();
    const { nodePath, wirePath } = this.paths(route, {});
    const transport = this.node.signedAuthTransport(method, wirePath, this.credentials.appKey, this.credentials.consumerKey);
    const answer = await this.withRetries({ method, route, nodePath, wirePath, mode: 'signed', body: undefined }, transport, {});
    return checkAnswer({ method, route, queryId: answer.queryId }, answer.body, schema, loadSoon(schema));
  }

  private paths(route: string, params: RequestParams): { nodePath: string; wirePath: string } {
    const filled = fillRoute(route, params.path);
    const query = buildQuery(params.query);
    const nodePath = query ? `${filled}?${query}` : filled;
    return { nodePath, wirePath: wirePathFor(this.endpoint.basePath, nodePath) };
  }

  private async withRetries(call: Call, transport: Transport, options: RequestOptions): Promise<{ body: unknown; queryId?: string }> {
    const { method, route, nodePath, mode, body } = call;
    const policy = options.retry === false ? { ...this.retryPolicy, maxAttempts: 1 } : this.retryPolicy;
    const started = Date.now();
    const shownPath = route + (nodePath.includes('?') ? nodePath.slice(nodePath.indexOf('?')) : '');
    let clockChecked = false;
    for (let attempt = 1; ; attempt++) {
      this.debug(`→ ${method} ${shownPath} (${mode})${body && Object.keys(body).length > 0 ? ` ${JSON.stringify(body)}` : ''}`);
      const t0 = Date.now();
      const outcome = await this.attempt(call, transport);
      const ms = Date.now() - t0;
      if (outcome.ok) {
        this.debug(`← ${outcome.status ?? 200} ${method} ${route} ${ms} ms${outcome.queryId ? ` [${outcome.queryId}]` : ''}`);
        return { body: outcome.body, queryId: outcome.queryId };
      }
      const e = outcome.error;
      const what = e.status !== undefined ? String(e.status) : e.kind === 'timeout' ? 'timeout' : (outcome.facts.code ?? e.kind);
      this.debug(`← ${what} ${method} ${route} ${ms} ms${e.ovhMessage ? `: ${e.ovhMessage}` : ''}${e.queryId ? ` [${e.queryId}]` : ''}`);
      // OVH's wording for a refused timestamp is not documented, so a signed call refused with a
      // 400 OVH does not explain measures the offset again (once per call). If it moved (a stale
      // cached offset, an NTP step during a long `status --wait`), the call is signed again: a 400
      // is a refusal, nothing was done. Never the checkout: it is not sent twice, whatever the cause.
      if (mode === 'signed' && !clockChecked && outcome.httpRule === 'bad-request') {
        clockChecked = true;
        const moved = await this.remeasureOffset(call);
        if (moved > CLOCK_MOVED_SECONDS) {
          if (isCheckout(method, route)) throw withClockNote(e, moved);
          this.debug(`↻ ${method} ${route}: the clock offset had moved by ${moved} s; signing it again with the new one`);
          attempt -= 1;
          continue;
        }
      }
      const decision = decideRetry(outcome.facts, attempt, Date.now() - started, policy);
      if (!decision.retry) throw e;
      this.debug(`↻ ${method} ${route} again in ${decision.delayMs} ms (attempt ${attempt + 1} of ${policy.maxAttempts})`);
      await sleep(decision.delayMs);
    }
  }

  /** Measures the offset again; how many seconds it moved (0 when it cannot be measured now). */
  private async remeasureOffset(call: Call): Promise<number> {
    const before = this.offset;
    this.debug(`↻ ${call.method} ${call.route}: refused with a 400 OVH does not explain; measuring the clock offset again`);
    this.offset = undefined;
    try {
      const after = await this.ensureTimeOffset();
      return before === undefined ? 0 : Math.abs(after - before);
    } catch {
      this.offset = before;
      return 0;
    }
  }

  private async attempt(call: Call, transport: Transport): Promise<Attempt> {
    this.node.tokenFailure = undefined;
    const raw = await sendAttempt(this.endpoint, call.method, call.wirePath, { timeoutMs: this.timeoutMs, maxAnswerBytes: this.maxAnswerBytes }, transport);
    if (raw.ok) return { ok: true, body: raw.body, status: raw.status, queryId: raw.queryId };
    const { error, httpRule } = raw.tooLarge
      ? { error: this.tooLargeError(call, raw), httpRule: undefined }
      : classifyFailure(raw.rejection, this.failureContext(call, raw));
    const redacted = redactError(error, this.secrets);
    const facts: FailureFacts = {
      method: call.method,
      kind: redacted.kind,
      status: redacted.status,
      code: errorCodeOf(raw.socketError) ?? errorCodeOf((raw.rejection as { error?: unknown } | undefined)?.error ?? raw.rejection),
      dropped: raw.dropped,
      retryAfterSeconds: raw.retryAfterSeconds,
    };
    return { ok: false, error: redacted, facts, httpRule };
  }

  private tooLargeError(call: Call, raw: FailedAttempt): OvhApiError {
    const megabytes = Math.round(this.maxAnswerBytes / (1024 * 1024));
    return new OvhApiError({
      kind: 'malformed',
      call: `${call.method} ${call.route}`,
      status: raw.status,
      queryId: raw.queryId,
      message: `The answer to ${call.method} ${call.route} is larger than ${megabytes} MB, far more than OVH ever sends; it was stopped.`,
      hint: 'Something between you and OVH (a proxy, a wrong --endpoint) is answering instead of OVH. Check the endpoint and try again.',
    });
  }

  private failureContext(call: Call, raw: FailedAttempt): FailureContext {
    return {
      method: call.method,
      route: call.route,
      host: hostHeaderFor(this.endpoint.host, this.endpoint.port),
      createAppUrl: this.endpoint.createAppUrl,
      timeoutMs: this.timeoutMs,
      status: raw.status,
      queryId: raw.queryId,
      retryAfterSeconds: raw.retryAfterSeconds,
      networkError: raw.socketError,
      timedOut: raw.timedOut,
      droppedMidAnswer: raw.dropped,
      oauth2: this.credentials.kind === 'oauth2',
      tokenFailure: this.node.tokenFailure,
      timeOffsetSeconds: this.offset,
    };
  }
}

interface Call {
  method: HttpMethod;
  route: string;
  nodePath: string;
  wirePath: string;
  mode: AuthMode;
  body: Record<string, unknown> | undefined;
}

function isCheckout(method: HttpMethod, route: string): boolean {
  return method === 'POST' && route === '/order/cart/{cartId}/checkout';
}

/** A checkout refused while the clock offset was stale: it is not sent again (never twice). */
function withClockNote(error: OvhApiError, movedSeconds: number): OvhApiError {
  return changedError(error, {
    hint: `${error.hint ?? ''} The clock offset to OVH had moved by ${movedSeconds} s, so OVH may have refused the request's timestamp; a checkout is never sent twice, and nothing was ordered (OVH refused it): run the command again, it now signs with the new offset.`.trim(),
  });
}

function secretsOf(c: Credentials): string[] {
  if (c.kind === 'app') return [c.appSecret, c.consumerKey ?? ''].filter(Boolean);
  if (c.kind === 'oauth2') return [c.clientSecret];
  return [];
}

/** Redacts known secrets and, even when none is known, secret shapes (bearer tokens, signatures). */
function redactError(error: OvhApiError, secrets: string[]): OvhApiError {
  const message = redactSecrets(error.message, secrets);
  const hint = error.hint === undefined ? undefined : redactSecrets(error.hint, secrets);
  const ovhMessage = error.ovhMessage === undefined ? undefined : redactSecrets(error.ovhMessage, secrets);
  // OVH's own text is quoted by other messages (login-errors.ts): it must be clean too.
  if (message === error.message && hint === error.hint && ovhMessage === error.ovhMessage) return error;
  return changedError(error, { message, hint, ovhMessage });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
