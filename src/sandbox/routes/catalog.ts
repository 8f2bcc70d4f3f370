// Catalogs (public eco / baremetalServers, formatted dedicated) and datacenter availabilities.
// Catalog documents are serialised once per subsidiary and served from a cache.
import { ApiError, badRequest } from '../api-error.js';
import { queryAvailabilities } from '../data/availability.js';
import { buildPublicCatalog, type PublicRange } from '../data/catalog-builder.js';
import { packSubsidiaries } from '../data/data-pack.js';
import { buildFormattedDedicatedCatalog } from '../data/formatted-catalog.js';
import { SUBSIDIARIES, SUBSIDIARY_ENUM, subsidiariesOf, type Subsidiary } from '../data/regions.js';
import { RawResponse, type ApiRequest, type RouteDef } from '../router.js';
import type { SandboxRuntime } from '../runtime.js';
import { booleanQuery, enumQuery, requireQuery } from '../validate.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A subsidiary of this API that has authored data, or the API's error. */
export function subsidiaryOn(sb: SandboxRuntime, code: string, name = 'ovhSubsidiary'): Subsidiary {
  enumQuery(code, name, 'nichandle.OvhSubsidiaryEnum', SUBSIDIARY_ENUM[sb.region]);
  const sub = SUBSIDIARIES[code];
  if (!sub || sub.region !== sb.region) {
    const authored = subsidiariesOf(sb.region)
      .map((s) => s.code)
      .join(', ');
    throw badRequest(`Sandbox: no catalog authored for subsidiary ${code} on the ${sb.region} API (authored: ${authored})`);
  }
  return sub;
}

function cached(sb: SandboxRuntime, key: string, build: () => unknown): RawResponse {
  let json = sb.catalogCache.get(key);
  if (json === undefined) {
    json = JSON.stringify(build());
    sb.catalogCache.set(key, json);
  }
  return new RawResponse(200, json, { 'Content-Type': JSON_TYPE });
}

const publicCatalog = (range: PublicRange) => (req: ApiRequest, sb: SandboxRuntime) => {
  const sub = subsidiaryOn(sb, requireQuery(req.query, 'ovhSubsidiary'));
  if (sb.pack) {
    const recorded = sb.pack.catalogs.get(`${range}:${sub.code}`);
    if (!recorded)
      throw badRequest(
        `Sandbox: the data pack has no ${range} catalog for subsidiary ${sub.code} (recorded: ${packSubsidiaries(sb.pack, range).join(', ') || 'none'})`,
      );
    return new RawResponse(200, recorded.text, { 'Content-Type': JSON_TYPE });
  }
  return cached(sb, `${range}:${sub.code}`, () => buildPublicCatalog(sb.offers(), range, sub));
};

/** The formatted dedicated catalog: recorded when the pack has one, else built from the offer (a pack's bare-metal plans). */
function formattedCatalog(req: ApiRequest, sb: SandboxRuntime): RawResponse {
  const sub = subsidiaryOn(sb, requireQuery(req.query, 'ovhSubsidiary'));
  if (sb.pack) {
    const recorded = sb.pack.formatted.get(sub.code);
    if (recorded) return new RawResponse(200, recorded.text, { 'Content-Type': JSON_TYPE });
    if (!sb.pack.catalogs.has(`baremetalServers:${sub.code}`)) {
      throw badRequest(
        `Sandbox: the data pack has neither a formatted dedicated catalog nor a baremetalServers catalog for subsidiary ${sub.code} (recorded: ${packSubsidiaries(sb.pack, 'baremetalServers').join(', ') || 'none'})`,
      );
    }
  }
  return cached(sb, `dedicated:${sub.code}`, () => buildFormattedDedicatedCatalog(sb.offers(), sub, Math.floor(sb.clock.nowMs() / 1000)));
}

function availabilities(req: ApiRequest, sb: SandboxRuntime): unknown {
  const q = req.query;
  const list = (value: string | undefined) =>
    value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  sb.stock.countRequest();
  const records = queryAvailabilities(sb.offers(), {
    planCode: q.planCode,
    server: q.server,
    memory: q.memory,
    storage: q.storage,
    systemStorage: q.systemStorage,
    gpu: q.gpu,
    datacenters: list(q.datacenters),
    excludeDatacenters: booleanQuery(q, 'excludeDatacenters'),
  });
  if (records.length === 0) throw new ApiError(404, 'No availabilities found for the given parameters');
  return sb.stock.apply(records);
}

export const catalogRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/order/catalog/public/eco', noAuth: true, handler: publicCatalog('eco') },
  { method: 'GET', pattern: '/order/catalog/public/baremetalServers', noAuth: true, handler: publicCatalog('baremetalServers') },
  {
    method: 'GET',
    pattern: '/order/catalog/formatted/dedicated',
    noAuth: true,
    handler: formattedCatalog,
  },
  { method: 'GET', pattern: '/dedicated/server/datacenter/availabilities', noAuth: true, handler: availabilities },
];
