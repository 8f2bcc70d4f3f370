// TLS for the sandbox: a small CA (ca.pem, what clients trust via NODE_EXTRA_CA_CERTS or `ca`) and a
// leaf for `localhost` + `127.0.0.1` signed by it. EC keys keep generation fast; the set is cached
// in certDir and reused while it is valid for another day. A lock file keeps two sandboxes that
// start together on the same certDir from writing different sets.
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from 'selfsigned';

export interface SandboxTls {
  caPath: string;
  caPem: string;
  cert: string;
  key: string;
}

const DAY_MS = 86_400_000;
const VALIDITY_DAYS = 365;

interface Bundle {
  caCert: string;
  caKey: string;
  cert: string;
  key: string;
}

export async function ensureCertificates(certDir: string): Promise<SandboxTls> {
  mkdirSync(certDir, { recursive: true, mode: 0o700 }); // private: it holds the CA key
  const bundlePath = join(certDir, 'sandbox-tls.json');
  const caPath = join(certDir, 'ca.pem');
  let bundle = readValidBundle(bundlePath, caPath);
  if (!bundle) {
    const release = await lock(join(certDir, '.lock'));
    try {
      bundle = readValidBundle(bundlePath, caPath) ?? (await writeBundle(bundlePath, caPath));
    } finally {
      release();
    }
  }
  return { caPath, caPem: bundle.caCert, cert: bundle.cert, key: bundle.key };
}

async function writeBundle(bundlePath: string, caPath: string): Promise<Bundle> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + VALIDITY_DAYS * DAY_MS);
  // A unique CA name per bundle: two sandboxes' CAs trusted in one process must not be mistaken
  // for each other (same subject, different key → CERT_SIGNATURE_FAILURE).
  const caName = `ovh-order sandbox CA ${randomBytes(4).toString('hex')}`;
  const ca = await generate(
    [
      { name: 'commonName', value: caName },
      { name: 'organizationName', value: 'ovh-order sandbox' },
    ],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
  );
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const bundle: Bundle = { caCert: ca.cert, caKey: ca.private, cert: leaf.cert, key: leaf.private };
  atomicWrite(bundlePath, JSON.stringify(bundle), 0o600);
  atomicWrite(caPath, bundle.caCert, 0o644);
  return bundle;
}

function readValidBundle(bundlePath: string, caPath: string): Bundle | undefined {
  try {
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Bundle;
    const ca = new X509Certificate(bundle.caCert);
    const leaf = new X509Certificate(bundle.cert);
    const soon = Date.now() + DAY_MS;
    const valid =
      ca.ca &&
      Date.parse(ca.validTo) > soon &&
      Date.parse(leaf.validTo) > soon &&
      Date.parse(leaf.validFrom) <= Date.now() &&
      leaf.checkIssued(ca) &&
      leaf.verify(ca.publicKey) &&
      leaf.checkHost('localhost') !== undefined &&
      leaf.checkIP('127.0.0.1') !== undefined &&
      leaf.checkPrivateKey(createPrivateKey(bundle.key));
    if (!valid) return undefined;
    // ca.pem may have been deleted or edited: rewrite it from the bundle.
    let onDisk = '';
    try {
      onDisk = readFileSync(caPath, 'utf8');
    } catch {
      // rewritten below
    }
    if (onDisk !== bundle.caCert) atomicWrite(caPath, bundle.caCert, 0o644);
    return bundle;
  } catch {
    return undefined;
  }
}

function atomicWrite(path: string, content: string, mode: number): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { mode });
  renameSync(temp, path);
}

async function lock(path: string): Promise<() => void> {
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(path, 'wx'));
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than 30 s belongs to a process that died: take it over.
      try {
        if (Date.now() - statSync(path).mtimeMs > 30_000) rmSync(path, { force: true });
      } catch {
        // it just disappeared: retry
      }
      if (attempt > 600) throw new Error(`Sandbox: could not lock ${path} to write certificates`, { cause: error });
      await sleep(50);
    }
  }
}
