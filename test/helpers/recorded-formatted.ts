// A formatted dedicated catalog (`order.catalog.dedicated.Catalog`, schema shape) around the plans
// of a recorded public catalog: no recording of the formatted catalog exists, so its products are
// the recorded plans, named as the real one names them — hardware by add-on plan code
// (`specifications.memory.planCode: ram-32g-adv-gen2-inc`), never by stock name.
import { FormattedDedicatedCatalogSchema, type FormattedDedicatedCatalog, type PublicCatalog } from '../../src/ovh/models/catalog.js';

const price = (micros: number) => ({ currencyCode: 'EUR', text: `${(micros / 1e8).toFixed(2)} €`, value: micros / 1e8 });

export function formattedFromPublic(catalog: PublicCatalog): FormattedDedicatedCatalog {
  const addons = new Map((catalog.addons ?? []).map((a) => [a.planCode, a]));
  const products = new Map((catalog.products ?? []).map((p) => [p.name, p]));
  const renewOf = (pricings: PublicCatalog['plans'][number]['pricings'], capacity: string) =>
    pricings.find((p) => p.mode === 'default' && p.capacities.includes(capacity) && (capacity !== 'renew' || p.interval === 1));
  return FormattedDedicatedCatalogSchema.parse({
    families: [],
    metadatas: { currency: { code: catalog.locale.currencyCode } },
    products: catalog.plans.map((plan) => {
      const family = (name: string) => plan.addonFamilies?.find((f) => f.name === name);
      const memory = family('memory')?.default ?? null;
      const storage = family('storage')?.default ?? null;
      const technical = products.get(plan.product)?.blobs?.technical;
      const memoryBlob = memory ? products.get(addons.get(memory)?.product ?? '')?.blobs?.technical?.memory : undefined;
      const disks = storage ? (products.get(addons.get(storage)?.product ?? '')?.blobs?.technical?.storage?.disks ?? []) : [];
      const installation = renewOf(plan.pricings, 'installation');
      const renew = renewOf(plan.pricings, 'renew');
      return {
        code: plan.planCode,
        family: plan.family ?? 'dedicated',
        invoiceName: plan.invoiceName,
        datacenters: plan.configurations?.find((c) => c.name === 'dedicated_datacenter')?.values ?? [],
        prices: { default: { installation: installation ? price(installation.price) : null, renew: renew ? price(renew.price) : null } },
        specifications: {
          cpu: technical?.server?.cpu ?? null,
          memory: memory ? { planCode: memory, size: memoryBlob?.size ?? null, type: memoryBlob?.ramType ?? null } : null,
          disks: disks.map((d) => ({ number: d.number ?? 1, planCode: storage, size: d.capacity, type: d.technology ?? null })),
        },
        addonsFamily: (plan.addonFamilies ?? [])
          .filter((f) => f.mandatory)
          .map((f) => ({
            family: f.name,
            // Sorted by code, as the cart lists them: the order that once broke a zero-price tie.
            addons: [...(f.addons ?? [])].sort().flatMap((code) => {
              const addon = addons.get(code);
              const monthly = addon && renewOf(addon.pricings, 'renew');
              return addon && monthly ? [{ code, name: addon.invoiceName, price: price(monthly.price) }] : [];
            }),
          })),
      };
    }),
  });
}
