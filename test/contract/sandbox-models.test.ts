// The sandbox speaks the same shapes as OVH: every catalog it serves, for every subsidiary it
// authors, passes the client's own models (OvhApi validates each answer) and normalises to offers
// with real prices. The cart/checkout/order answers are covered the same way by
// test/integration/client-sandbox.test.ts, which drives a whole order through OvhApi.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCatalog, type Range } from '../../src/domain/offers.js';
import { OvhApi } from '../../src/ovh/api.js';
import { parseEndpoint } from '../../src/ovh/endpoints.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';

const REGIONS = { eu: ['FR', 'GB', 'DE', 'ES', 'IE', 'IT', 'NL', 'PL'], ca: ['CA', 'QC', 'WE'], us: ['US'] } as const;
const certDir = mkdtempSync(join(tmpdir(), 'ovh-order-contract-'));
const sandboxes = new Map<string, SandboxServer>();

beforeAll(async () => {
  for (const region of Object.keys(REGIONS) as Array<keyof typeof REGIONS>) {
    sandboxes.set(region, await startSandbox({ region, certDir }));
  }
});
afterAll(async () => {
  for (const sandbox of sandboxes.values()) await sandbox.close();
});

function apiFor(region: string): OvhApi {
  const sandbox = sandboxes.get(region)!;
  return new OvhApi({ endpoint: parseEndpoint(sandbox.url), credentials: { kind: 'none' }, trustCaPem: sandbox.caPem });
}

async function catalog(api: OvhApi, range: Range, subsidiary: string) {
  if (range === 'dedicated') return { range, catalog: await api.getFormattedDedicatedCatalog(subsidiary) } as const;
  return { range, catalog: await api.getPublicCatalog(range === 'eco' ? 'eco' : 'baremetalServers', subsidiary) } as const;
}

describe('sandbox answers parse with the client models', () => {
  for (const [region, subsidiaries] of Object.entries(REGIONS)) {
    for (const subsidiary of subsidiaries) {
      it(`${region} ${subsidiary}: the three catalogs and the stock`, async () => {
        const api = apiFor(region);
        let total = 0;
        for (const range of ['dedicated', 'baremetal', 'eco'] as const) {
          const offers = normaliseCatalog(await catalog(api, range, subsidiary));
          total += offers.length;
          for (const offer of offers) {
            expect(offer.monthly.micros, `${range} ${offer.planCode} monthly`).toBeGreaterThan(0);
            expect(offer.pricings.length, `${range} ${offer.planCode} pricings`).toBeGreaterThan(0);
          }
        }
        expect(total).toBeGreaterThanOrEqual(12);
        const stock = await api.getAvailabilities({});
        expect(stock.length).toBeGreaterThan(0);
      });
    }
  }
});
