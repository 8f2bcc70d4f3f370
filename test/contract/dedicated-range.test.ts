// The dedicated range on real recorded data (../shared/fixtures/ovh): its catalog names hardware by
// add-on plan code (`ram-32g-adv-gen2-inc`), the stock by product name (`ram-32g-ecc-3200`), and
// only the public catalogs' `addons[].product` maps one to the other.
import { expect, it } from 'vitest';
import { describeRecorded, readRecorded } from '../helpers/data-pack.js';
import { GenericOptionDefinitionListSchema, PublicCatalogSchema } from '../../src/ovh/models/catalog.js';
import { defaultHardware, isAvailableIn, offerAvailability, type AvailabilityRecord } from '../../src/domain/availability.js';
import { normaliseCatalog, type Offer } from '../../src/domain/offers.js';
import { optionFamiliesFromCart, resolveOptions } from '../../src/domain/options.js';
import { formattedFromPublic } from '../helpers/recorded-formatted.js';

const read = readRecorded;
const BAREMETAL = 'catalog-public-baremetalServers-FR-2022-02-subset.json';
const ECO = 'catalog-public-eco-FR-2025-05-subset.json';

function ranges() {
  const baremetal = PublicCatalogSchema.parse(read(BAREMETAL));
  const publicOffers = [
    ...normaliseCatalog({ range: 'baremetal', catalog: baremetal }),
    ...normaliseCatalog({ range: 'eco', catalog: PublicCatalogSchema.parse(read(ECO)) }),
  ];
  const formatted = formattedFromPublic(baremetal);
  return {
    joined: normaliseCatalog({ range: 'dedicated', catalog: formatted, publicOffers }),
    alone: normaliseCatalog({ range: 'dedicated', catalog: formatted }),
  };
}

/** The recorded 24rise01-v1 record (memory ram-32g-ecc-3200, storage softraid-2x512nvme), as OVH records 21adv01's hardware. */
function recordFor(planCode: string): AvailabilityRecord {
  const [record] = read('dedicated-datacenter-availabilities-24rise01-v1-2026-trimmed.json') as AvailabilityRecord[];
  return { ...record!, planCode, server: planCode, fqn: `${planCode}.${record!.memory}.${record!.storage}` };
}

const byCode = (offers: Offer[], code: string) => offers.find((o) => o.planCode === code)!;

describeRecorded('dedicated range: stock through the public catalogs’ add-on products', () => {
  it('maps the listed add-on plan codes to the stock names', () => {
    const { joined } = ranges();
    const adv = byCode(joined, '21adv01');
    expect(adv.hardware).toEqual({ memory: 'ram-32g-ecc-3200', storage: 'softraid-2x512nvme', systemStorage: null });
    expect(byCode(joined, '22rise01').hardware.memory).toBe('ram-32g-ecc-2666');
    // SCALE-1's system disks are not in `specifications`: the public family default says them.
    expect(byCode(joined, '21scale01').hardware.systemStorage).toBe('softraid-2x480ssd-sata');
    // The names are not prefixes of each other: only the public catalog says this.
    expect(defaultHardware(adv).memory?.planCode).toBe('ram-32g-adv-gen2-inc');
  });

  it('finds the stock of 21adv01 per datacenter (unknown without the join)', () => {
    const { joined, alone } = ranges();
    const records = [recordFor('21adv01')];
    const stock = offerAvailability(byCode(joined, '21adv01'), records);
    expect(stock.match).toBe('exact');
    expect(stock.datacenters.map((d) => [d.datacenter, d.availability])).toEqual([['gra', '72H']]);
    expect(isAvailableIn(stock, ['gra'])).toBe(true);
    expect(isAvailableIn(stock, ['lon'])).toBe(false);
    expect(offerAvailability(byCode(alone, '21adv01'), records).match).toBe('none');
  });

  it('orders the listed hardware by default for every plan, even from the cart’s code-sorted options', () => {
    const { joined } = ranges();
    for (const offer of joined) {
      const listed = defaultHardware(offer);
      // The cart's `/options` answer: every add-on of the families, mandatory, in code order, at the catalog price.
      const definitions = GenericOptionDefinitionListSchema.parse(
        offer.addonFamilies.flatMap((family) =>
          family.addons.map((addon) => ({
            planCode: addon.planCode,
            productName: addon.name,
            productType: 'delivery',
            family: family.name,
            mandatory: true,
            exclusive: true,
            prices: [
              {
                capacities: ['renew'],
                description: '',
                duration: 'P1M',
                interval: 1,
                minimumQuantity: 1,
                minimumRepeat: 1,
                price: { currencyCode: 'EUR', text: '', value: 0 },
                priceInUcents: 0,
                pricingMode: 'default',
                pricingType: 'rental',
              },
            ],
          })),
        ),
      );
      const { selected, problems } = resolveOptions(optionFamiliesFromCart(definitions, offer), [], { pricingMode: 'default', duration: 'P1M' });
      expect(problems, offer.planCode).toEqual([]);
      const of = (family: string) => selected.find((s) => s.family === family)?.planCode;
      expect(of('memory'), offer.planCode).toBe(listed.memory?.planCode);
      expect(of('storage'), offer.planCode).toBe(listed.storage?.planCode);
    }
    expect(defaultHardware(byCode(joined, '21adv01')).storage?.planCode).toBe('softraid-2x512nvme-adv-gen2');
  });
});
