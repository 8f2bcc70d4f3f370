// The environment a CLI child runs in: the bench's sandbox as the API (trusted through
// NODE_EXTRA_CA_CERTS, as a user of `ovh-order sandbox` would do), its full-rights key, and a
// private config directory so nothing of the person running the bench is read or written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxServer } from '../src/sandbox/index.js';

export interface BenchHome {
  home: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  /** Removes the catalog cache (a cold start for prices), keeping the rest (time offset). */
  dropCatalogCache(): void;
  /** A fresh config directory's state: no measured clock offset (the next signed call asks /auth/time). */
  dropClockOffset(): void;
  remove(): void;
}

export function createBenchHome(sandbox: SandboxServer, label: string): BenchHome {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `ovh-order-bench-${label}-`));
  const configDir = path.join(home, 'config');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OVH_') && name !== 'NODE_EXTRA_CA_CERTS'));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HOME: home,
    OVH_ORDER_CONFIG_DIR: configDir,
    NODE_EXTRA_CA_CERTS: sandbox.caPath,
    OVH_ENDPOINT: sandbox.url,
    OVH_APPLICATION_KEY: sandbox.credentials.appKey,
    OVH_APPLICATION_SECRET: sandbox.credentials.appSecret,
    OVH_CONSUMER_KEY: sandbox.credentials.consumerKey,
    NO_COLOR: '1',
  };
  return {
    home,
    configDir,
    env,
    dropCatalogCache: () => fs.rmSync(path.join(configDir, 'cache'), { recursive: true, force: true }),
    dropClockOffset: () => fs.rmSync(path.join(configDir, 'time-offset.json'), { force: true }),
    remove: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
