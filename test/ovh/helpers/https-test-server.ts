// A tiny scriptable HTTPS server for client tests that need exact wire behaviour (slow bodies,
// resets, Retry-After…) before/without the sandbox. Certificates are generated per run.
import { createHash } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { parseEndpoint, type Endpoint } from '../../../src/ovh/endpoints.js';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse, socket: Socket) => void;

export interface TestServer {
  port: number;
  caPem: string;
  endpoint: Endpoint;
  received: ReceivedRequest[];
  /** Set the handler for the next requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

async function generateCert(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startTestServer(initial?: Handler): Promise<TestServer> {
  const { key, cert } = await generateCert();
  let handler: Handler = initial ?? ((_req, res) => json(res, 200, null));
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = https.createServer({ key, cert }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      handler(r, res, req.socket);
    });
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // TLS errors on purpose (untrusted-certificate tests) are not server failures.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    caPem: cert,
    endpoint: parseEndpoint(`https://127.0.0.1:${port}/1.0`),
    received,
    handle(h) {
      handler = h;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'X-Ovh-Queryid': 'EU.test.1', ...headers });
  res.end(text);
}

/** Signature as OVH's documentation defines it, recomputed independently of node-ovh. */
export function expectedSignature(appSecret: string, consumerKey: string, method: string, url: string, body: string, timestamp: string): string {
  return `$1$${createHash('sha1').update([appSecret, consumerKey, method, url, body, timestamp].join('+')).digest('hex')}`;
}
