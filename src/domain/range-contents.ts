// What a range's catalog really holds, said in product-line names: computed from its offers'
// families (the catalog's own grouping), so the words follow the catalog, not a list written here.
// Only the spelling of known family codes is ours (`soyoustart` → `So you Start`).
import type { OfferFacts } from './offer-model.js';

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  kimsufi: 'Kimsufi',
  soyoustart: 'So you Start',
  rise: 'Rise',
  game: 'Game',
  advance: 'Advance',
  scale: 'Scale',
  hgr: 'High Grade',
  storage: 'Storage',
};

/** `hgr` → `High Grade`; an unknown family is shown as the catalog writes it, capitalised. */
export function familyName(family: string): string {
  return FAMILY_NAMES[family.toLowerCase()] ?? family.charAt(0).toUpperCase() + family.slice(1);
}

export interface RangeLine {
  name: string;
  offers: number;
}

/** The product lines of a range's offers, most offers first (ties: the catalog's order). */
export function rangeContents(offers: ReadonlyArray<Pick<OfferFacts, 'family'>>): RangeLine[] {
  const counts = new Map<string, number>();
  for (const offer of offers) {
    const name = offer.family ? familyName(offer.family) : 'Other';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => ({ name, offers: count })).sort((a, b) => b.offers - a.offers);
}

/** `Kimsufi (4), Rise (3), So you Start (1)`; `no offer` for an empty catalog. */
export function describeRangeContents(lines: readonly RangeLine[], options: { counts?: boolean } = {}): string {
  if (lines.length === 0) return 'no offer';
  return lines.map((l) => (options.counts === false ? l.name : `${l.name} (${l.offers})`)).join(', ');
}
