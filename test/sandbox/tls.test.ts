// HTTPS: a CA generated at start (cached in certDir), trusted with `ca` in-process or with
// NODE_EXTRA_CA_CERTS in a child process running the real node-ovh client.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { raw } from './helpers.js';

const exec = promisify(execFile);

describe('sandbox TLS', () => {
  let certDir: string;
  let sb: SandboxServer;

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'sandbox-tls-test-'));
    sb = await startSandbox({ certDir, onUnknownRoute: () => {} });
  });
  afterAll(async () => {
    await sb.close();
    rmSync(certDir, { recursive: true, force: true });
  });

  it('exposes the contract endpoint fields and writes ca.pem to certDir', () => {
    expect(sb.url).toBe(`https://127.0.0.1:${sb.port}/1.0`);
    expect(sb.tokenUrl).toBe(`https://127.0.0.1:${sb.port}/auth/`);
    expect(sb.caPath).toBe(join(certDir, 'ca.pem'));
    expect(readFileSync(sb.caPath, 'utf8')).toBe(sb.caPem);
    expect(new X509Certificate(sb.caPem).ca).toBe(true);
  });

  it('is trusted with `ca` and refused without it', async () => {
    expect((await raw(sb, 'GET', '/1.0/auth/time')).status).toBe(200);
    const refused = await new Promise<string>((resolve) => {
      https
        .get({ host: '127.0.0.1', port: sb.port, path: '/1.0/auth/time', agent: false }, () => resolve('accepted'))
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toMatch(/CERT|SIGN|ISSUER|VERIFY/);
  });

  it('serves the certificate for localhost too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      https
        .get({ host: 'localhost', port: sb.port, path: '/1.0/auth/time', ca: sb.caPem, agent: false, family: 4 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('works for node-ovh in a child process with NODE_EXTRA_CA_CERTS', async () => {
    const script = `
      const ovh = require('@ovhcloud/node-ovh')({ appKey: process.env.AK, appSecret: process.env.AS, consumerKey: process.env.CK,
        host: '127.0.0.1', port: Number(process.env.PORT) });
      ovh.requestPromised('GET', '/me').then((me) => console.log(me.nichandle), (e) => { console.log('ERR', JSON.stringify(e)); });`;
    const { stdout } = await exec(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: sb.caPath,
        AK: sb.credentials.appKey,
        AS: sb.credentials.appSecret,
        CK: sb.credentials.consumerKey,
        PORT: String(sb.port),
      },
    });
    expect(stdout.trim()).toBe(sb.account.nichandle);
  });

  it('reuses valid certificates from certDir instead of generating new ones', async () => {
    const before = statSync(sb.caPath).mtimeMs;
    const second = await startSandbox({ certDir, onUnknownRoute: () => {} });
    try {
      expect(second.caPem).toBe(sb.caPem);
      expect(statSync(second.caPath).mtimeMs).toBe(before);
      expect((await raw(second, 'GET', '/1.0/auth/time')).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('regenerates when the cached files are damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-tls-bad-'));
    try {
      const first = await startSandbox({ certDir: dir, onUnknownRoute: () => {} });
      await first.close();
      rmSync(join(dir, 'sandbox-tls.json'));
      const again = await startSandbox({ certDir: dir, onUnknownRoute: () => {} });
      try {
        expect(again.caPem).not.toBe(first.caPem);
        expect(readFileSync(again.caPath, 'utf8')).toBe(again.caPem);
        expect((await raw(again, 'GET', '/1.0/auth/time')).status).toBe(200);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
