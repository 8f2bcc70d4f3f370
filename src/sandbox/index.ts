// startSandbox: a strict, stateful, in-memory simulation of the OVH API v1 over real HTTPS on
// 127.0.0.1 (see CONTRACTS.md and docs/ovh-api.md). Wiring only: TLS, state, routes, the server.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCertificates } from './certs.js';
import { createClock } from './clock.js';
import { loadDataPack } from './data/data-pack.js';
import { scaledOfferIndex } from './data/large-catalog.js';
import { packOfferIndex } from './data/pack-offer.js';
import { offerIndex, type OfferIndex } from './data/offer-index.js';
import { REGIONS } from './data/regions.js';
import { FaultList } from './faults.js';
import { orderStatus } from './orders.js';
import { Router } from './router.js';
import { authRoutes, findCredential, revokeCredentialRecord, validateCredentialRecord } from './routes/auth.js';
import { pageRoutes } from './routes/auth-pages.js';
import { cartRoutes } from './routes/cart.js';
import { catalogRoutes } from './routes/catalog.js';
import { checkoutRoutes } from './routes/checkout.js';
import { itemsRoutes } from './routes/items.js';
import { productRoutes } from './routes/products.js';
import { meRoutes } from './routes/me.js';
import type { SandboxRuntime } from './runtime.js';
import { BASE_PATH, createRequestListener } from './server.js';
import { StateStore } from './state-store.js';
import { randomKey } from './state.js';
import { readStockSchedule, StockControl } from './stock-schedule.js';
import type { SandboxLogEntry, SandboxOptions, SandboxOrderView, SandboxServer } from './types.js';

export type { SandboxLogEntry, SandboxOptions, SandboxServer, StockScheduleDocument } from './types.js';
export { parseStockSchedule, readStockSchedule } from './stock-schedule.js';
export { generateLargeCatalog } from './data/large-catalog.js';
export { signatureOf } from './auth.js';
export { DataPackError } from './data/data-pack.js';

function buildApiRouter(): Router {
  return new Router().addAll([...authRoutes, ...catalogRoutes, ...cartRoutes, ...productRoutes, ...itemsRoutes, ...checkoutRoutes, ...meRoutes]);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  const region = options.region ?? 'eu';
  if (!REGIONS[region]) throw new Error(`startSandbox: unknown region "${String(region)}" (eu, ca, us)`);
  // Read before anything starts: a bad pack is refused with its reason (DataPackError).
  const pack = options.dataPack === undefined ? undefined : loadDataPack(options.dataPack);
  const packIndex = pack ? packOfferIndex(pack, region) : undefined;
  const ownCertDir = options.certDir === undefined;
  const certDir = options.certDir ?? mkdtempSync(join(tmpdir(), 'ovh-order-sandbox-'));
  const tls = await ensureCertificates(certDir);

  const store = StateStore.open(options.statePath, region, new Date());
  const clock = createClock(store.state.clockOffsetMs, () => {
    store.state.clockOffsetMs = clock.offsetMs();
    store.save();
  });
  store.onReload = (loaded) => clock.setOffset(loaded.clockOffsetMs);
  let latencyMs = Math.max(0, options.latencyMs ?? 0);
  let scaled: OfferIndex | undefined = options.catalogScaleBytes ? scaledOfferIndex(region, options.catalogScaleBytes) : undefined;
  const log: SandboxLogEntry[] = [];
  const faults = new FaultList();
  const pending = { sockets: new Set<Socket>(), timers: new Set<NodeJS.Timeout>() };
  const stock = new StockControl(() => clock.nowMs());
  if (options.stockSchedule !== undefined)
    stock.set(typeof options.stockSchedule === 'string' ? readStockSchedule(options.stockSchedule) : options.stockSchedule);
  const runtime: SandboxRuntime & { origin: string } = {
    region,
    regionInfo: REGIONS[region],
    store,
    clock,
    origin: '',
    autoValidateCredentials: options.autoValidateCredentials === true,
    pack,
    offers: () => scaled ?? packIndex ?? offerIndex(region),
    catalogCache: new Map(),
    stock,
  };

  const server = createServer(
    { key: tls.key, cert: tls.cert },
    createRequestListener({
      runtime,
      apiRouter: buildApiRouter(),
      pageRouter: new Router().addAll(pageRoutes),
      faults,
      log,
      latencyMs: () => latencyMs,
      onUnknownRoute: options.onUnknownRoute ?? ((line) => process.stderr.write(`${line}\n`)),
      onInternalError: (error) => process.stderr.write(`Sandbox internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
      pending,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  runtime.origin = `https://127.0.0.1:${port}`;

  const state = () => store.state;
  const presetCredential = state().credentials[0]!;
  const saveAfter = (change: () => void) => {
    store.refresh();
    change();
    store.save();
  };
  let closed = false;

  return {
    ...(pack
      ? {
          dataPack: {
            dir: pack.dir,
            catalogs: [...pack.catalogs.values()].map((c) => `${c.range} ${c.subsidiary} (${c.file})`),
            subsidiaries: [...new Set([...pack.catalogs.values()].map((c) => c.subsidiary))].sort(),
            availabilityRecords: pack.availabilities.length,
            skipped: pack.skipped.map((s) => ({ ...s })),
          },
        }
      : {}),
    url: `${runtime.origin}${BASE_PATH}`,
    host: '127.0.0.1',
    port,
    basePath: '/1.0',
    caPath: tls.caPath,
    caPem: tls.caPem,
    tokenUrl: `${runtime.origin}/auth/`,
    credentials: { appKey: state().apps[0]!.appKey, appSecret: state().apps[0]!.appSecret, consumerKey: presetCredential.consumerKey },
    account: { nichandle: state().account.nichandle, ovhSubsidiary: state().account.ovhSubsidiary, password: state().account.password },
    oauth: { clientId: state().oauthClients[0]!.clientId, clientSecret: state().oauthClients[0]!.clientSecret },
    log,
    clearLog: () => {
      log.length = 0;
    },
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`setLatency needs a number of milliseconds >= 0, got ${ms}`);
      latencyMs = ms;
    },
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    validateCredential: (consumerKey) => saveAfter(() => validateCredentialRecord(findCredential(runtime, consumerKey))),
    revokeCredential: (consumerKey) => saveAfter(() => revokeCredentialRecord(findCredential(runtime, consumerKey))),
    setPaymentMethod: (valid) =>
      saveAfter(() => {
        const s = state();
        if (valid === null) s.paymentMethod = null;
        else
          s.paymentMethod = {
            paymentMethodId: s.paymentMethod?.paymentMethodId ?? Number(`7${Date.now() % 10000000}`),
            valid,
            creation: s.paymentMethod?.creation ?? clock.now().toISOString(),
          };
      }),
    setCatalogScale: (bytes) => {
      scaled = bytes ? scaledOfferIndex(region, bytes) : undefined;
      runtime.catalogCache.clear();
    },
    setStockSchedule: (schedule) => stock.set(schedule),
    stockRequests: () => stock.requestCount(),
    orders: (): SandboxOrderView[] => {
      store.refresh();
      return Object.values(state().orders).map((o) => ({
        orderId: o.orderId,
        cartId: o.cartId,
        date: o.date,
        ovhSubsidiary: o.ovhSubsidiary,
        checkoutBody: { ...o.checkoutBody },
        paidAt: o.paidAt,
        status: orderStatus(o, clock.nowMs()),
      }));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of pending.timers) clearTimeout(timer);
      for (const socket of pending.sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownCertDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}

/** A random application key in OVH's format (for tests that need an unknown one). */
export const randomApplicationKey = (): string => randomKey(16);
