// A hostile HTTPS server on 127.0.0.1. Answers are capped (issue 13, point 9): a hostile HTTPS server on 127.0.0.1 sends an answer that
// never ends, or announces one far too big; the client stops the transfer once past the cap and
// fails naming the call, instead of growing without bound (a 600 MB answer crashed with a RangeError).
import https from 'node:https';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import { OvhApiError } from '../../src/ovh/errors.js';
import { ensureCertificates } from '../../src/sandbox/certs.js';

const CAP = 1024 * 1024;
let server: https.Server;
let url: string;
let caPem: string;
let sentBytes = 0;
const certDir = fs.mkdtempSync(path.join(tmpdir(), 'ovh-order-cap-'));

beforeAll(async () => {
  const tls = await ensureCertificates(certDir);
  caPem = tls.caPem;
  server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    if (req.url?.includes('baremetalServers')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(600 * 1024 * 1024) });
      res.write('{"plans":[');
      return;
    }
    // Endless: chunk after chunk until the client hangs up.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = `"${'x'.repeat(64 * 1024)}",`;
    res.write('{"plans":[');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) sentBytes += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/1.0`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(certDir, { recursive: true, force: true });
});

function api(): OvhApi {
  return new OvhApi({
    endpoint: parseEndpoint(url),
    credentials: { kind: 'none' },
    trustCaPem: caPem,
    timeoutMs: 20_000,
    maxAnswerBytes: CAP,
    retry: { maxAttempts: 1, maxTotalMs: 0, baseDelayMs: 0 },
  });
}

describe('answer size cap', () => {
  it('an answer that never ends is stopped just past the cap, naming the call', async () => {
    const error = await api()
      .getPublicCatalog('eco', 'FR')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OvhApiError);
    expect((error as OvhApiError).message).toMatch(/The answer to GET \/order\/catalog\/public\/eco is larger than 1 MB/);
    expect((error as OvhApiError).exitCode).toBe(1);
    // Stopped, not read to the end: the server got to send little more than the cap (plus socket buffers).
    expect(sentBytes).toBeLessThan(CAP * 16);
  });

  it('an answer announced above the cap is refused at once', async () => {
    const error = await api()
      .getPublicCatalog('baremetalServers', 'FR')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(OvhApiError);
    expect((error as OvhApiError).message).toMatch(/is larger than 1 MB/);
  });
});

describe('an OAuth2 access token echoed in an error (issue 13, point 6)', () => {
  it('is redacted from the message, whether bare, after Bearer or as access_token', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.held-token-7d1f0c2b9a';
    const tls = await ensureCertificates(certDir);
    const echo = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
      if (req.url?.startsWith('/auth/oauth2/token')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'all' }));
        return;
      }
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `Invalid token ${token} (Authorization: Bearer other-token-123456, access_token=${token})` }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const at = `https://127.0.0.1:${(echo.address() as AddressInfo).port}/1.0`;
      const oauth = new OvhApi({
        endpoint: parseEndpoint(at),
        credentials: { kind: 'oauth2', clientId: 'client-id-1', clientSecret: 'client-secret-1' },
        trustCaPem: caPem,
        timeoutMs: 10_000,
      });
      const error = (await oauth.getMe().then(
        () => undefined,
        (e: unknown) => e,
      )) as OvhApiError;
      expect(error).toBeInstanceOf(OvhApiError);
      const shown = `${error.message}\n${error.hint ?? ''}\n${error.ovhMessage ?? ''}`;
      expect(shown).toContain('Invalid token');
      expect(shown).not.toContain(token);
      expect(shown).not.toContain('held-token');
      expect(shown).not.toContain('other-token-123456');
    } finally {
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});
