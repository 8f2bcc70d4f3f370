// Test helpers: drive the sandbox through the real @ovhcloud/node-ovh client (tests may import it
// directly) and through raw `https.request` calls trusting the sandbox CA.
import https from 'node:https';
import { createRequire } from 'node:module';
import { signatureOf } from '../../src/sandbox/index.js';
import type { SandboxOptions, SandboxServer } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

export interface OvhClient {
  requestPromised(method: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
}
type OvhFactory = (params: Record<string, unknown>) => OvhClient;

const require = createRequire(import.meta.url);
const ovhFactory = require('@ovhcloud/node-ovh') as OvhFactory;

/** node-ovh uses the global agent: trust the sandbox CA in-process (restore with the returned function). */
export function trustSandbox(sb: SandboxServer): () => void {
  const options = https.globalAgent.options;
  const previous = options.ca;
  options.ca = sb.caPem;
  return () => {
    options.ca = previous;
    https.globalAgent.destroy();
  };
}

/** A node-ovh client on the sandbox (host/port/basePath, no `endpoint`: node-ovh would overwrite the host). */
export function ovhClient(sb: SandboxServer, credentials: Partial<{ appKey: string; appSecret: string; consumerKey: string | undefined }> = {}): OvhClient {
  const params: Record<string, unknown> = {
    host: sb.host,
    port: sb.port,
    basePath: sb.basePath,
    appKey: credentials.appKey ?? sb.credentials.appKey,
    appSecret: credentials.appSecret ?? sb.credentials.appSecret,
  };
  const consumerKey = 'consumerKey' in credentials ? credentials.consumerKey : sb.credentials.consumerKey;
  if (consumerKey !== undefined) params.consumerKey = consumerKey;
  return ovhFactory(params);
}

/** The rejection node-ovh gives: `{error: status, message}`. */
export async function ovhError(promise: Promise<unknown>): Promise<{ error: unknown; message: unknown }> {
  try {
    await promise;
  } catch (e) {
    return e as { error: unknown; message: unknown };
  }
  throw new Error('expected the call to fail');
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface RawOptions {
  body?: string;
  headers?: Record<string, string>;
  /** Sign as node-ovh does (URL without port). */
  sign?: { appKey: string; appSecret: string; consumerKey: string; timestamp?: number; host?: string };
}

/** A plain HTTPS request to the sandbox, trusting its CA explicitly. */
export function raw(sb: SandboxServer, method: string, path: string, options: RawOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const body = options.body ?? '';
  if (options.sign) {
    const ts = String(options.sign.timestamp ?? Math.floor(sb.clock.now().getTime() / 1000));
    headers['X-Ovh-Application'] = options.sign.appKey;
    headers['X-Ovh-Consumer'] = options.sign.consumerKey;
    headers['X-Ovh-Timestamp'] = ts;
    headers['X-Ovh-Signature'] = signatureOf(
      options.sign.appSecret,
      options.sign.consumerKey,
      method,
      `https://${options.sign.host ?? sb.host}${path}`,
      body,
      ts,
    );
  }
  if (body !== '') {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = https.request({ host: sb.host, port: sb.port, method, path, headers, ca: sb.caPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body === '' ? undefined : body);
  });
}

/** Signed raw call with the sandbox's preset credentials. */
export function signed(sb: SandboxServer, method: string, path: string, body?: unknown): Promise<RawResponse> {
  return raw(sb, method, path, { body: body === undefined ? '' : JSON.stringify(body), sign: sb.credentials });
}

export interface CartSetup {
  subsidiary?: string;
  product?: 'eco' | 'baremetalServers' | 'dedicated';
  planCode?: string;
  pricingMode?: string;
  duration?: string;
  /** Option plan codes; default: the first addon of every mandatory family. */
  options?: string[];
  /** Configuration labels; default: dedicated_datacenter=gra, dedicated_os, region=europe. */
  configurations?: Array<[string, string]>;
  assign?: boolean;
}

interface OptionDef {
  planCode: string;
  family: string;
  mandatory: boolean;
}

/** Builds a cart through node-ovh the way a client does it; returns ids for the test to go on. */
export async function buildCart(client: OvhClient, setup: CartSetup = {}): Promise<{ cartId: string; itemId: number; optionIds: number[] }> {
  const product = setup.product ?? 'eco';
  const planCode = setup.planCode ?? '24rise01';
  const pricingMode = setup.pricingMode ?? 'default';
  const duration = setup.duration ?? 'P1M';
  const cart = (await client.requestPromised('POST', '/order/cart', { ovhSubsidiary: setup.subsidiary ?? 'FR', description: 'test cart' })) as {
    cartId: string;
  };
  if (setup.assign !== false) await client.requestPromised('POST', `/order/cart/${cart.cartId}/assign`);
  const item = (await client.requestPromised('POST', `/order/cart/${cart.cartId}/${product}`, { planCode, duration, pricingMode, quantity: 1 })) as {
    itemId: number;
  };
  let options = setup.options;
  if (!options) {
    const defs = (await client.requestPromised('GET', `/order/cart/${cart.cartId}/${product}/options`, { planCode })) as OptionDef[];
    const firsts = new Map<string, string>();
    for (const d of defs) if (d.mandatory && !firsts.has(d.family)) firsts.set(d.family, d.planCode);
    options = [...firsts.values()];
  }
  const optionIds: number[] = [];
  for (const option of options) {
    const added = (await client.requestPromised('POST', `/order/cart/${cart.cartId}/${product}/options`, {
      itemId: item.itemId,
      planCode: option,
      duration,
      pricingMode,
      quantity: 1,
    })) as { itemId: number };
    optionIds.push(added.itemId);
  }
  const configurations = setup.configurations ?? [
    ['dedicated_datacenter', 'gra'],
    ['dedicated_os', 'none_64.en'],
    ['region', 'europe'],
  ];
  for (const [label, value] of configurations) {
    await client.requestPromised('POST', `/order/cart/${cart.cartId}/item/${item.itemId}/configuration`, { label, value });
  }
  return { cartId: cart.cartId, itemId: item.itemId, optionIds };
}

/** The file's sandbox, started before its tests with its CA trusted in-process, closed after them. */
export function useTrustedSandbox(options: SandboxOptions = {}): SandboxServer {
  return useSandbox(options, { setup: trustSandbox });
}
