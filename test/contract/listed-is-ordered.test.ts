// What is listed is what is ordered, on real recorded catalogs (../shared/fixtures/ovh): for every
// plan of every recorded catalog, the options a cart gets when nobody chooses (resolveOptions with
// no request, in every pricing mode the plan is sold in) are the hardware the listing describes.
import { expect, it } from 'vitest';
import { describeRecorded, readRecorded, recordedPresent } from '../helpers/data-pack.js';
import { PublicCatalogSchema } from '../../src/ovh/models/catalog.js';
import { defaultHardware } from '../../src/domain/availability.js';
import { normaliseCatalog, type Offer } from '../../src/domain/offers.js';
import { allowedOptionCodes, resolveOptions } from '../../src/domain/options.js';

const present = recordedPresent;

const catalogs = [
  { file: 'catalog-public-eco-FR-2025-05-subset.json', range: 'eco' as const },
  { file: 'catalog-public-baremetalServers-FR-2022-02-subset.json', range: 'baremetal' as const },
];
const offersOf = (file: string, range: 'eco' | 'baremetal'): Offer[] => normaliseCatalog({ range, catalog: PublicCatalogSchema.parse(readRecorded(file)) });

/** The add-ons a cart gets by default in one mode, by hardware family. */
function orderedByDefault(offer: Offer, mode: string, duration: string) {
  const { selected, problems } = resolveOptions(offer.addonFamilies, [], { pricingMode: mode, duration });
  expect(problems, `${offer.planCode} ${mode}`).toEqual([]);
  const of = (family: string) => selected.find((s) => s.family === family)?.addon ?? null;
  return { memory: of('memory'), storage: of('storage'), systemStorage: of('system-storage') };
}

describeRecorded('the default order is the listed hardware (recorded catalogs)', () => {
  for (const { file, range } of catalogs) {
    it(`every plan of ${file}, in every pricing mode`, () => {
      const offers = present ? offersOf(file, range) : [];
      expect(offers.length).toBeGreaterThan(0);
      for (const offer of offers) {
        const listed = defaultHardware(offer);
        for (const pricing of offer.pricings) {
          const ordered = orderedByDefault(offer, pricing.mode, pricing.duration);
          const where = `${offer.planCode} ${pricing.mode}`;
          expect(ordered.memory?.planCode, where).toBe(listed.memory?.planCode);
          expect(ordered.storage?.planCode, where).toBe(listed.storage?.planCode);
          expect(ordered.systemStorage?.planCode ?? null, where).toBe(listed.systemStorage?.planCode ?? null);
          // And the listing's words are that hardware's.
          expect(ordered.memory?.ramGb ?? offer.ramGb, where).toBe(offer.ramGb);
          expect(offer.storage?.summary.startsWith(ordered.storage?.storage?.summary ?? ''), where).toBe(true);
        }
      }
    });
  }
});

describeRecorded('an unknown --option (recorded catalogs)', () => {
  it('lists memory and disks first, every option of every family, and suggests close matches', () => {
    const adv = (present ? offersOf('catalog-public-baremetalServers-FR-2022-02-subset.json', 'baremetal') : []).find((o) => o.planCode === '21adv01')!;
    // The catalog lists 21 licence add-ons before memory and storage.
    expect(adv.addonFamilies[0]!.name).toBe('application-license');
    const { problems } = resolveOptions(adv.addonFamilies, ['ram-64g-adv-gen'], { pricingMode: 'default', duration: 'P1M' });
    const message = problems[0]!.message;
    const lines = message.split('\n');
    expect(lines[0]).toBe('Unknown option "ram-64g-adv-gen" for this plan. Did you mean: ram-64g-adv-gen2? Its options, by family:');
    expect(lines[1]).toMatch(/^ {4}Memory \(one is needed\): ram-128g-2933-adv-gen2, ram-32g-adv-gen2-inc \(default\), ram-64g-adv-gen2$/);
    expect(lines[2]).toMatch(/^ {4}Storage \(one is needed\): .*softraid-2x512nvme-adv-gen2 \(default\)/);
    // None left out: every code the plan accepts is named.
    for (const code of allowedOptionCodes(adv.addonFamilies)) expect(message).toContain(code);
    expect(message).not.toContain('more)');
  });
});
