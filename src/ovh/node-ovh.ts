// The one file that knows @ovhcloud/node-ovh's internals: how it is loaded (without its OAuth2
// dependency unless OAuth2 is used), the parameters it takes and how it misreads them, how it
// builds a path and signs, its OAuth2 token fetch (patched here), and what it hides of an answer,
// read here from the wire through diagnostics_channel. The client (client.ts) sees only
// `NodeOvhSession`, `sendAttempt` and the plain facts of a failed attempt.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { createRequire, Module } from 'node:module';
import tls from 'node:tls';
import { CredentialsError, UsageError } from '../domain/errors.js';
import type { Endpoint } from './endpoints.js';
import { sendLikeNodeOvh } from './https-transport.js';
import { parseRetryAfter } from './retry.js';
import type { Credentials, HttpMethod } from './types.js';
import { expectRequest, hostHeaderFor } from './wire.js';

interface NodeOvh {
  request(method: string, path: string, params: Record<string, unknown>, callback: (error: unknown, body?: unknown) => void): unknown;
  signRequest(method: string, url: string, body: string | null, timestamp: number | string): string;
  apiTimeDiff: number | null;
  oauthClient?: { getToken(params: unknown, httpOptions?: unknown): Promise<unknown> };
}
/** What node-ovh calls back with when it could not read OVH's clock itself. */
export const NODE_OVH_TIME_FAILURE = '[OVH] Unable to fetch OVH API time';
export { NODE_OVH_JSON_FAILURE } from './https-transport.js';

type NodeOvhFactory = (params: Record<string, unknown>) => NodeOvh;

let nodeOvhFactory: NodeOvhFactory | undefined;
/** Loaded on first use so commands that never call OVH (--help) do not load it. */
function loadNodeOvh(): NodeOvhFactory {
  if (!nodeOvhFactory) {
    const require = createRequire(import.meta.url);
    const restore = deferSimpleOauth2(require);
    try {
      nodeOvhFactory = require('@ovhcloud/node-ovh') as NodeOvhFactory;
    } finally {
      restore();
    }
  }
  return nodeOvhFactory;
}

/**
 * WHY: node-ovh `require`s simple-oauth2 when it loads (with joi and @hapi/*: 45–70 ms, a quarter of
 * the start-up before the first request), yet only uses it in its constructor, as
 * `new ClientCredentials(config)`, for OAuth2 credentials. While node-ovh loads, and only then, its
 * `require('simple-oauth2')` is answered with a stand-in whose `ClientCredentials` loads the real
 * module on the first `new` and returns the real instance (a constructor returning an object gives
 * that object): OAuth2 clients behave exactly as before, the others never load it. The stand-in is
 * removed from the require cache as soon as node-ovh has loaded, so nothing else ever sees it; if
 * anything is unexpected (module not found, already loaded), node-ovh loads it as usual.
 */
function deferSimpleOauth2(require: NodeJS.Require): () => void {
  try {
    const fromNodeOvh = createRequire(require.resolve('@ovhcloud/node-ovh'));
    const file = fromNodeOvh.resolve('simple-oauth2');
    if (require.cache[file]) return () => {};
    let real: { ClientCredentials: new (config: unknown) => object } | undefined;
    function ClientCredentials(config: unknown): object {
      real ??= fromNodeOvh('simple-oauth2') as NonNullable<typeof real>;
      return new real.ClientCredentials(config);
    }
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = { ClientCredentials };
    require.cache[file] = standIn;
    return () => {
      if (require.cache[file] === standIn) delete require.cache[file];
    };
  } catch {
    return () => {};
  }
}

/**
 * The `X-Ovh-Signature` node-ovh computes (its own `signRequest`): `$1$` + SHA1 of
 * `AS+CK+METHOD+URL+BODY+TIMESTAMP`, URL = `https://<host without port><basePath><path>`.
 */
export function nodeOvhSignature(appSecret: string, consumerKey: string, method: string, url: string, body: string, timestamp: number): string {
  const client = loadNodeOvh()({ appKey: 'signature', appSecret, consumerKey, apiTimeDiff: 0 });
  return client.signRequest(method, url, body, timestamp);
}

/**
 * Makes the process trust `pem` for HTTPS (node-ovh uses `https.request` with the global agent).
 * Sets `https.globalAgent.options.ca` to the public roots + certificates from NODE_EXTRA_CA_CERTS
 * + anything already there + `pem`: an explicit `ca` replaces Node's default store, so public
 * trust must be carried over. Process-wide and idempotent.
 */
export function trustCertificateAuthority(pem: string): void {
  const options = https.globalAgent.options;
  const current = options.ca;
  let list: Array<string | Buffer>;
  if (current === undefined) {
    list = [...tls.rootCertificates];
    const extra = process.env.NODE_EXTRA_CA_CERTS;
    if (extra) {
      try {
        list.push(readFileSync(extra, 'utf8'));
      } catch {
        // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
      }
    }
  } else {
    list = Array.isArray(current) ? [...current] : [current];
  }
  if (!list.some((c) => c.toString() === pem)) list.push(pem);
  options.ca = list;
}

/**
 * node-ovh anonymous use: it refuses to run without credentials, so it gets this application key
 * and no consumer key, and nothing is signed: calls carry `X-Ovh-Application: ovh-order-anonymous`,
 * `X-Ovh-Timestamp` and `Content-Type` only. Public routes answer; others answer 401.
 */
export const ANONYMOUS_APPLICATION_KEY = 'ovh-order-anonymous';

/** node-ovh's getFullPath: a /v1 or /v2 path replaces a trailing /1.0 of the base path. */
export function wirePathFor(basePath: string, nodePath: string): string {
  return basePath.endsWith('/1.0') && /^\/v(1|2)/.test(nodePath) ? `${basePath.slice(0, -4)}${nodePath}` : `${basePath}${nodePath}`;
}

/** Sends one request and calls back (error, body) as node-ovh does: error = status, errno, Error or string. */
export type Transport = (callback: (error: unknown, body?: unknown) => void) => void;

/** Why an OAuth2 token fetch failed (node-ovh keeps only `{statusCode, error, message}`). */
export interface TokenFailure {
  status?: number;
  cause?: unknown;
  tokenHost: string;
}

/** One node-ovh client for one endpoint and set of credentials, built on first use. */
export class NodeOvhSession {
  private client: NodeOvh | undefined;
  private readonly params: Record<string, unknown>;
  /** What node-ovh is given as `apiTimeDiff` once built. */
  private timeDiff: number | null = null;
  /** Set by the patched token fetch when it fails; read by the attempt that failed. */
  tokenFailure: TokenFailure | undefined;

  /**
   * Checks the credentials now (a missing secret is an error of the command, not of its first call).
   * `onTokens` receives every OAuth2 token fetched, so the client can redact it from what it shows.
   */
  constructor(
    private readonly endpoint: Endpoint,
    private readonly credentials: Credentials,
    private readonly timeoutMs: number,
    private readonly onTokens: (tokens: string[]) => void = () => {},
  ) {
    this.params = nodeOvhParams(endpoint, credentials);
  }

  /**
   * The clock offset node-ovh signs with. It reads `params.apiTimeDiff || null`, so an offset of 0
   * given at construction would mean "unknown" and make it fetch /auth/time itself (its failure is
   * an opaque string): the property is set after construction instead, and always before a signed
   * call (unsigned calls get 0: their timestamp is not checked).
   */
  setTimeDiff(offsetSeconds: number): void {
    this.timeDiff = offsetSeconds;
    if (this.client) this.client.apiTimeDiff = offsetSeconds;
  }

  get timeDiffSeconds(): number {
    return this.timeDiff ?? 0;
  }

  private get node(): NodeOvh {
    if (!this.client) {
      const client = loadNodeOvh()(this.params);
      if (client.oauthClient) this.patchTokenFetch(client.oauthClient);
      client.apiTimeDiff = this.timeDiff;
      this.client = client;
    }
    return this.client;
  }

  /** A call through node-ovh (signed, OAuth2 or anonymous, as its credentials say). */
  transport(method: HttpMethod, nodePath: string, body: Record<string, unknown> | undefined): Transport {
    return (callback) => {
      // node-ovh mutates its params (drops placeholders and nulls): give it a copy.
      const result = this.node.request(method, nodePath, body ? { ...body } : {}, callback);
      if (result && typeof (result as Promise<void>).catch === 'function') (result as Promise<void>).catch((e) => callback(e));
    };
  }

  /**
   * A signed call to an `/auth/*` route, which node-ovh never signs (it tests `path.indexOf('/auth')`,
   * so OVH answers 401): signed with node-ovh's own `signRequest`, sent with the headers it would use.
   */
  signedAuthTransport(method: 'GET' | 'POST', wirePath: string, appKey: string, consumerKey: string): Transport {
    return (callback) => {
      const timestamp = Math.round(Date.now() / 1000) + (this.node.apiTimeDiff ?? 0);
      // Signed URL as node-ovh builds it: https:// + host (never the port) + path.
      const signature = this.node.signRequest(method, `https://${this.endpoint.host}${wirePath}`, null, timestamp);
      const headers = {
        'Content-Type': 'application/json',
        'X-Ovh-Application': appKey,
        'X-Ovh-Timestamp': String(timestamp),
        'X-Ovh-Consumer': consumerKey,
        'X-Ovh-Signature': signature,
      };
      sendLikeNodeOvh({ host: this.endpoint.host, port: this.endpoint.port, method, path: wirePath, headers }, callback);
    };
  }

  /** An unsigned GET with the headers node-ovh sends on an unsigned call, without loading node-ovh. */
  unsignedTransport(wirePath: string): Transport {
    const appKey = this.credentials.kind === 'app' ? this.credentials.appKey : ANONYMOUS_APPLICATION_KEY;
    const headers = {
      'Content-Type': 'application/json',
      'X-Ovh-Application': appKey,
      'X-Ovh-Timestamp': String(Math.round(Date.now() / 1000) + this.timeDiffSeconds),
    };
    return (callback) => sendLikeNodeOvh({ host: this.endpoint.host, port: this.endpoint.port, method: 'GET', path: wirePath, headers }, callback);
  }

  /**
   * node-ovh fetches OAuth2 tokens through simple-oauth2/wreck, with its own agent (so without
   * `trustCaPem`) and no timeout, and turns failures into `{statusCode, error, message}` without
   * the cause. Pass the global agent and a timeout, and remember why a fetch failed.
   */
  private patchTokenFetch(oauthClient: NonNullable<NodeOvh['oauthClient']>): void {
    const original = oauthClient.getToken.bind(oauthClient);
    const tokenHost = new URL(this.endpoint.tokenUrl ?? 'https://invalid/').host;
    oauthClient.getToken = async (params: unknown) => {
      const httpOptions: Record<string, unknown> = { timeout: this.timeoutMs };
      // simple-oauth2 deep-clones these options and a cloned Agent breaks ("Illegal invocation");
      // Hoek's clone copies accessors as they are, so the getter hands wreck the real agent.
      Object.defineProperty(httpOptions, 'agent', { get: () => https.globalAgent, enumerable: true });
      try {
        const accessToken = await original(params, httpOptions);
        // simple-oauth2's AccessToken keeps the raw answer in `.token`.
        const raw = (accessToken as { token?: Record<string, unknown> } | undefined)?.token ?? {};
        this.onTokens([raw.access_token, raw.refresh_token, raw.id_token].filter((t): t is string => typeof t === 'string'));
        return accessToken;
      } catch (error) {
        const boom = error as { output?: { statusCode?: number }; data?: unknown; isBoom?: boolean };
        const cause = boom.data instanceof Error ? boom.data : error;
        const status = boom.data instanceof Error ? undefined : boom.output?.statusCode;
        this.tokenFailure = { status, cause, tokenHost };
        throw error;
      }
    };
  }
}

function nodeOvhParams(endpoint: Endpoint, c: Credentials): Record<string, unknown> {
  const { host, port, basePath } = endpoint;
  // No socket `timeout` for node-ovh: it adds a 'timeout' listener to the keep-alive socket on
  // every call and never removes it (MaxListenersExceededWarning on stderr after 10 calls).
  // The same idle timeout is set on each request in sendAttempt, where Node cleans it up.
  const params: Record<string, unknown> = { host, port, basePath };
  if (c.kind === 'app') {
    if (!c.appKey || !c.appSecret) {
      throw new CredentialsError('An application key and an application secret are both needed.', {
        code: 'missing_app_credentials',
        hint: `Create an application at ${endpoint.createAppUrl}, then run \`ovh-order login\`.`,
      });
    }
    params.appKey = c.appKey;
    params.appSecret = c.appSecret;
    if (c.consumerKey) params.consumerKey = c.consumerKey;
  } else if (c.kind === 'oauth2') {
    if (!endpoint.tokenUrl) {
      throw new UsageError(`OAuth2 (service account) credentials are not available on ${endpoint.name}.`, {
        code: 'oauth2_unsupported',
        hint: 'Use an application key, secret and consumer key (`ovh-order login`) with this endpoint.',
      });
    }
    if (!c.clientId || !c.clientSecret) {
      throw new CredentialsError('A client id and a client secret are both needed for OAuth2.', { code: 'missing_oauth2_credentials' });
    }
    params.clientID = c.clientId;
    params.clientSecret = c.clientSecret;
    params.tokenURL = endpoint.tokenUrl;
  } else {
    params.appKey = ANONYMOUS_APPLICATION_KEY;
    params.appSecret = 'unused';
  }
  return params;
}

/** What one failed attempt gave: node-ovh's rejection, and what only the wire showed. */
export interface FailedAttempt {
  ok: false;
  rejection: unknown;
  status?: number;
  queryId?: string;
  retryAfterSeconds?: number;
  /** The socket/TLS error, when node-ovh only passed on an errno. */
  socketError?: unknown;
  timedOut?: boolean;
  /** The connection closed while the answer was still arriving. */
  dropped?: boolean;
  /** The answer passed the size cap and was stopped. */
  tooLarge?: boolean;
}
export type RawAttempt = { ok: true; body: unknown; status?: number; queryId?: string } | FailedAttempt;

/**
 * One try: the deadline, the wire observation and node-ovh's callback race; the first wins. The
 * wire gives what node-ovh does not: the status of a non-JSON answer, X-Ovh-Queryid, Retry-After,
 * the real socket error, and a body cut short (node-ovh waits for 'end' only, forever).
 */
export function sendAttempt(
  endpoint: Endpoint,
  method: HttpMethod,
  wirePath: string,
  limits: { timeoutMs: number; maxAnswerBytes: number },
  transport: Transport,
): Promise<RawAttempt> {
  const { timeoutMs, maxAnswerBytes } = limits;
  return new Promise<RawAttempt>((resolve) => {
    let request: ClientRequest | undefined;
    const wire: Omit<FailedAttempt, 'ok' | 'rejection'> = {};
    let settled = false;
    const settle = (outcome: RawAttempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      withdraw();
      resolve(outcome);
    };
    const fail = (rejection: unknown): void => settle({ ok: false, rejection, ...wire });
    const hostHeader = hostHeaderFor(endpoint.host, endpoint.port);

    const withdraw = expectRequest(method, hostHeader, wirePath, {
      onRequest: (observed) => {
        request = observed;
        observed.on('error', (error) => {
          wire.socketError ??= error;
        });
        // Idle-socket timeout (node-ovh's own leaks listeners, see nodeOvhParams).
        observed.setTimeout(timeoutMs, () => {
          wire.timedOut = true;
          observed.destroy();
        });
      },
      onResponse: (response: IncomingMessage) => {
        wire.status = response.statusCode;
        const queryId = response.headers['x-ovh-queryid'];
        wire.queryId = Array.isArray(queryId) ? queryId[0] : queryId;
        wire.retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
        // The cap: an answer announced too big is refused at once, one that grows past it is cut
        // (published before node-ovh reads the answer, so this listener sees every chunk too).
        const stopTooLarge = (): void => {
          wire.tooLarge = true;
          fail(new Error('answer too large'));
          request?.destroy();
        };
        if (Number(response.headers['content-length']) > maxAnswerBytes) return stopTooLarge();
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxAnswerBytes && !settled) stopTooLarge();
        });
        response.once('close', () => {
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
      request?.destroy();
    }, timeoutMs);

    try {
      // node-ovh calls back (error, message) on failure: keep both, as requestPromised would.
      // Failures wait one turn: node-ovh's 'error' listener runs before ours (Node publishes the
      // request after node-ovh attached it), and the socket error must be in `wire` by then.
      transport((error, body) =>
        error ? setImmediate(() => fail({ error, message: body })) : settle({ ok: true, body, status: wire.status, queryId: wire.queryId }),
      );
    } catch (error) {
      fail(error);
    }
  });
}
