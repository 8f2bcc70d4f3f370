// Loading @ovhcloud/node-ovh (lazily, without its OAuth2 dependency unless OAuth2 is used), its own
// signature, and in-process trust of a private CA for it. client.ts is the only user.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire, Module } from 'node:module';
import tls from 'node:tls';

export interface NodeOvh {
  request(method: string, path: string, params: Record<string, unknown>, callback: (error: unknown, body?: unknown) => void): unknown;
  signRequest(method: string, url: string, body: string | null, timestamp: number | string): string;
  apiTimeDiff: number | null;
  oauthClient?: { getToken(params: unknown, httpOptions?: unknown): Promise<unknown> };
}
/** The strings node-ovh calls back with when it could not read OVH's clock, or an answer was not JSON. */
export const NODE_OVH_TIME_FAILURE = '[OVH] Unable to fetch OVH API time';
export const NODE_OVH_JSON_FAILURE = '[OVH] Unable to parse JSON reponse';

type NodeOvhFactory = (params: Record<string, unknown>) => NodeOvh;

let nodeOvhFactory: NodeOvhFactory | undefined;
/** Loaded on first use so commands that never call OVH (--help) do not load it. */
export function loadNodeOvh(): NodeOvhFactory {
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
  const options = https.globalAgent.options as https.AgentOptions;
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
