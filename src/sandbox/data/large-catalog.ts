// A big eco catalog for the speed benchmark: the authored eco plans plus synthetic variants (each with
// its own addons, like real catalogs where every range has its own addon plan codes) until the JSON
// reaches the target size. The variants are real offers of the scaled index: they can be ordered.
//
// Density (checked 2026-11-27): 12.3 MB of compact JSON = 376 plans, 1978 addons (5.3 per plan),
// 12.5 pricings per plan and per addon: ~33 KB per plan, all Latin-1 (as the recorded catalogs: a
// JSON text with one character above U+00FF costs twice the memory once decoded). The real FR eco
// catalog of 2025-05 (y8/ovh-catalog-archive eco/FR.json, 65 plans, 278 addons, 202 products) is
// 3.73 MB pretty-printed, ~2.2–2.5 MB as the API sends it (compact): 34–39 KB per plan. The
// recorded subset (../shared/fixtures/ovh/catalog-public-eco-FR-2025-05-subset.json: 8 plans, 42
// addons) is 319 KB compact (40 KB per plan). Fewer, heavier plans would understate the per-offer
// costs (normalising, tables): the generator keeps about the real density.
import type { SandboxRegion } from '../types.js';
import { buildPublicCatalog } from './catalog-builder.js';
import { OfferIndex } from './offer-index.js';
import { PLANS, type PlanSpec } from './plans.js';
import { REGIONS, SUBSIDIARIES, type Subsidiary } from './regions.js';

function variant(spec: PlanSpec, n: number): PlanSpec {
  const tag = `s${String(n).padStart(3, '0')}`;
  return {
    ...spec,
    planCode: `${spec.planCode}-${tag}`,
    server: `${spec.server}-${tag}`,
    name: `${spec.name} ${tag.toUpperCase()}`,
    addonSuffix: `${spec.addonSuffix}-${tag}`,
    // Spread prices a little so sorting by price is meaningful.
    monthly: spec.monthly + (n % 7) * 100,
    setup: spec.setup,
    outOfStock: n % 11 === 0 ? true : spec.outOfStock,
  };
}

/** An offer index whose eco range holds enough variants for its catalog to weigh about `targetBytes`. */
export function scaledOfferIndex(region: SandboxRegion, targetBytes: number): OfferIndex {
  const sub = SUBSIDIARIES[REGIONS[region].defaultSubsidiary]!;
  const eco = PLANS.filter((p) => p.range === 'eco');
  const size = (index: OfferIndex) => JSON.stringify(buildPublicCatalog(index, 'eco', sub)).length;
  const baseSize = size(new OfferIndex(region));
  if (targetBytes <= baseSize) return new OfferIndex(region);
  const oneRound = size(new OfferIndex(region, [...PLANS, ...eco.map((p) => variant(p, 1))])) - baseSize;
  const rounds = Math.max(1, Math.ceil((targetBytes - baseSize) / oneRound));
  const variants: PlanSpec[] = [];
  for (let n = 1; n <= rounds; n++) for (const p of eco) variants.push(variant(p, n));
  return new OfferIndex(region, [...PLANS, ...variants]);
}

/** A realistic eco catalog document of about `targetBytes` bytes of JSON. */
export function generateLargeCatalog(targetBytes: number, options: { region?: SandboxRegion; subsidiary?: string } = {}): Record<string, unknown> {
  const region = options.region ?? 'eu';
  const sub: Subsidiary | undefined = SUBSIDIARIES[options.subsidiary ?? REGIONS[region].defaultSubsidiary];
  if (!sub || sub.region !== region) throw new Error(`generateLargeCatalog: no subsidiary ${options.subsidiary} on the ${region} API`);
  return buildPublicCatalog(scaledOfferIndex(region, targetBytes), 'eco', sub);
}
