// What can be bought: the three catalogs (public eco, public baremetalServers, formatted dedicated)
// and the cart's product offers and options. Validated at the boundary with zod 4.
//
// Performance: a public catalog can weigh 12 MB. Only the fields the domain reads are validated;
// everything else passes through untouched (loose objects, no deep validation of blobs the domain
// ignores: marketing, commercial features, licences…). Objects are loose so new API fields never
// break a parse.
import { z } from 'zod';
import { acceptsCatalogPlan, acceptsCatalogProduct, acceptsPricing } from './checks.js';
import { withFastPath } from './fast-path.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** `order.Price`: `{currencyCode, priceInUcents?, text, value}`; prefer `priceInUcents` (integer). */
export const OrderPriceSchema = z.looseObject({
  currencyCode: z.string(),
  priceInUcents: z.number().nullish(),
  text: z.string().optional(),
  value: z.number(),
});
export type OrderPrice = z.infer<typeof OrderPriceSchema>;

const MinMaxSchema = z.looseObject({
  min: z.number(),
  max: z.number().nullish(),
});

// ---------------------------------------------------------------------------------------------
// GET /order/catalog/public/eco and /order/catalog/public/baremetalServers
// (order.catalog.public.Catalog / order.catalog.public.DedicatedServerCatalog)
// ---------------------------------------------------------------------------------------------

const DiscountTotalSchema = z.looseObject({ value: z.number(), tax: z.number().optional() });

/** order.catalog.public.Promotion — `total` is the amount after the promotion, `discount` the amount off. */
export const CatalogPromotionSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  type: z.string().optional(),
  value: z.number().optional(),
  duration: z.number().nullish(),
  startDate: z.string().nullish(),
  endDate: z.string().nullish(),
  total: DiscountTotalSchema.optional(),
  discount: DiscountTotalSchema.optional(),
});
export type CatalogPromotion = z.infer<typeof CatalogPromotionSchema>;

/** order.catalog.public.Pricing — `price`/`tax` are micro-cents (10^-8 of the unit). */
export const CatalogPricingFullSchema = z.looseObject({
  capacities: z.array(z.string()),
  commitment: z.number().optional(),
  description: z.string().optional(),
  engagementConfiguration: z
    .looseObject({
      defaultEndAction: z.string().optional(),
      duration: z.string().optional(),
      type: z.string(),
    })
    .nullish(),
  interval: z.number(),
  intervalUnit: z.string(),
  mode: z.string(),
  mustBeCompleted: z.boolean().optional(),
  phase: z.number().optional(),
  price: z.number(),
  tax: z.number().optional(),
  promotions: z.array(CatalogPromotionSchema).nullish(),
  quantity: MinMaxSchema.optional(),
  repeat: MinMaxSchema.optional(),
  strategy: z.string().optional(),
  type: z.string().optional(),
});
export type CatalogPricing = z.infer<typeof CatalogPricingFullSchema>;

/**
 * Pricings are ~90 % of a catalog's objects (29 000 in a 12 MB one), so they are checked by hand
 * first (models/checks.ts); only a pricing that fails the hand check goes through zod (for its precise messages).
 * `acceptsPricing` must accept nothing `CatalogPricingFullSchema` would reject.
 */
export const CatalogPricingSchema = withFastPath(CatalogPricingFullSchema, acceptsPricing);
/** A plan's `pricings[]`, hand-checked as a whole (one zod call per plan instead of one per pricing). */
export const CatalogPricingListSchema = withFastPath(z.array(CatalogPricingFullSchema), (v) => Array.isArray(v) && v.every(acceptsPricing));

/** order.catalog.public.Configuration */
export const CatalogConfigurationSchema = z.looseObject({
  name: z.string(),
  isCustom: z.boolean().optional(),
  isMandatory: z.boolean(),
  values: z.array(z.string()).nullish(),
});
export type CatalogConfiguration = z.infer<typeof CatalogConfigurationSchema>;

/** order.catalog.public.AddonFamily */
export const CatalogAddonFamilySchema = z.looseObject({
  name: z.string(),
  addons: z.array(z.string()).nullish(),
  default: z.string().nullish(),
  exclusive: z.boolean().nullish(),
  mandatory: z.boolean().nullish(),
});
export type CatalogAddonFamily = z.infer<typeof CatalogAddonFamilySchema>;

/** Plan blobs: only `commercial.range` and `tags` are read; the rest passes through unchecked. */
const PlanBlobsSchema = z.looseObject({
  commercial: z.looseObject({ range: z.string().nullish(), name: z.string().nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
});

/** order.catalog.public.Plan (used for both `plans[]` and `addons[]`). */
export const CatalogPlanSchema = z.looseObject({
  planCode: z.string(),
  invoiceName: z.string(),
  product: z.string(),
  family: z.string().nullish(),
  pricingType: z.string().optional(),
  pricings: CatalogPricingListSchema,
  configurations: z.array(CatalogConfigurationSchema).nullish(),
  addonFamilies: z.array(CatalogAddonFamilySchema).nullish(),
  blobs: PlanBlobsSchema.nullish(),
});
export type CatalogPlan = z.infer<typeof CatalogPlanSchema>;

const CpuBlobSchema = z.looseObject({
  brand: z.string().nullish(),
  model: z.string().nullish(),
  cores: z.number().nullish(),
  threads: z.number().nullish(),
  frequency: z.number().nullish(),
  boost: z.number().nullish(),
  number: z.number().nullish(),
});

const DiskBlobSchema = z.looseObject({
  capacity: z.number(),
  number: z.number().nullish(),
  technology: z.string().nullish(),
  interface: z.string().nullish(),
  specs: z.string().nullish(),
  usage: z.string().nullish(),
});

const NetworkBlobSchema = z.looseObject({
  level: z.number().nullish(),
  burst: z.number().nullish(),
  guaranteed: z.boolean().nullish(),
});

/** The technical blob of a product: server CPU, memory, storage, bandwidth, vrack, gpu. */
const TechnicalBlobSchema = z.looseObject({
  server: z.looseObject({ cpu: CpuBlobSchema.nullish(), range: z.string().nullish() }).nullish(),
  memory: z.looseObject({ size: z.number(), ramType: z.string().nullish(), frequency: z.number().nullish(), ecc: z.boolean().nullish() }).nullish(),
  storage: z.looseObject({ raid: z.string().nullish(), disks: z.array(DiskBlobSchema).nullish() }).nullish(),
  bandwidth: NetworkBlobSchema.nullish(),
  vrack: NetworkBlobSchema.nullish(),
  gpu: z.looseObject({ brand: z.string().nullish(), model: z.string().nullish(), number: z.number().nullish() }).nullish(),
});

/** order.catalog.public.Product / DedicatedServerProduct */
export const CatalogProductSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  blobs: z.looseObject({ technical: TechnicalBlobSchema.nullish() }).nullish(),
  configurations: z.array(CatalogConfigurationSchema).nullish(),
});
export type CatalogProduct = z.infer<typeof CatalogProductSchema>;

/**
 * Plans, add-ons and products hand-checked one by one (zod would copy each of their thousands of
 * objects); one the check refuses (a promotion, a bad field) goes through zod alone.
 */
const CatalogPlanListSchema = z.array(withFastPath(CatalogPlanSchema, acceptsCatalogPlan));
const CatalogProductListSchema = z.array(withFastPath(CatalogProductSchema, acceptsCatalogProduct));

/** `GET /order/catalog/public/{eco,baremetalServers}?ovhSubsidiary=` — the two share this shape. */
export const PublicCatalogSchema = z.looseObject({
  catalogId: z.number(),
  locale: z.looseObject({
    currencyCode: z.string(),
    subsidiary: z.string().optional(),
    taxRate: z.number().optional(),
  }),
  plans: CatalogPlanListSchema,
  addons: CatalogPlanListSchema.nullish(),
  products: CatalogProductListSchema.nullish(),
  planFamilies: z.array(z.looseObject({ name: z.string() })).nullish(),
});
export type PublicCatalog = z.infer<typeof PublicCatalogSchema>;

// ---------------------------------------------------------------------------------------------
// GET /order/catalog/formatted/dedicated?ovhSubsidiary=  (order.catalog.dedicated.Catalog, BETA)
// No recording exists: this follows the API schema document field by field.
// ---------------------------------------------------------------------------------------------

/** order.catalog.dedicated.Product.AddonItem */
export const FormattedAddonItemSchema = z.looseObject({
  code: z.string(),
  name: z.string(),
  price: OrderPriceSchema,
  datacenters: z.array(z.string()).nullish(),
  options: z.string().nullish(),
});
export type FormattedAddonItem = z.infer<typeof FormattedAddonItemSchema>;

const FormattedSpecificitySchema = z.looseObject({ key: z.string(), value: z.number() });

/** order.catalog.dedicated.Product */
export const FormattedProductSchema = z.looseObject({
  code: z.string(),
  family: z.string(),
  invoiceName: z.string(),
  datacenters: z.array(z.string()),
  prices: z.looseObject({
    default: z.looseObject({
      installation: OrderPriceSchema.nullish(),
      renew: OrderPriceSchema.nullish(),
    }),
    hardzone: z.string().nullish(),
    week: z.string().nullish(),
  }),
  specifications: z.looseObject({
    cpu: z
      .looseObject({
        boost: z.number().nullish(),
        brand: z.string().nullish(),
        cores: z.number().nullish(),
        frequency: z.number().nullish(),
        model: z.string().nullish(),
        planCode: z.string().nullish(),
        threads: z.number().nullish(),
      })
      .nullish(),
    disks: z
      .array(
        z.looseObject({
          number: z.number(),
          planCode: z.string().nullish(),
          raid: z.string().nullish(),
          size: z.number(),
          type: z.string().nullish(),
        }),
      )
      .nullish(),
    gpu: z.looseObject({ model: z.string().nullish(), number: z.number().nullish(), planCode: z.string().nullish() }).nullish(),
    memory: z.looseObject({ planCode: z.string().nullish(), size: z.number().nullish(), type: z.string().nullish() }).nullish(),
    network: z
      .looseObject({
        failover: z.number().optional(),
        internal: z.number().optional(),
        ip: z.number().optional(),
        outgoing: z.number().optional(),
        private: z.number().optional(),
        privateBandwidth: z.number().optional(),
      })
      .nullish(),
  }),
  addonsFamily: z.array(z.looseObject({ family: z.string(), addons: z.array(FormattedAddonItemSchema) })),
  compatibilities: z
    .array(
      z.looseObject({
        plan: z.string(),
        restrictions: z
          .array(
            z.looseObject({
              name: z.string(),
              sections: z.array(z.looseObject({ comment: z.string().optional(), plans: z.array(z.string()), type: z.string() })),
            }),
          )
          .nullish(),
        specificities: z.array(FormattedSpecificitySchema).nullish(),
      }),
    )
    .nullish(),
  derivatives: z.array(FormattedAddonItemSchema).nullish(),
  isChildOf: z.string().nullish(),
  isParentOf: z.array(z.string()).nullish(),
});
export type FormattedProduct = z.infer<typeof FormattedProductSchema>;

const MinMaxNumberSchema = z.looseObject({ min: z.number(), max: z.number() });

/** order.catalog.dedicated.Catalog */
export const FormattedDedicatedCatalogSchema = z.looseObject({
  families: z.array(z.looseObject({ name: z.string(), products: z.array(z.string()) })),
  metadatas: z.looseObject({
    catalog: z.number().optional(),
    core: MinMaxNumberSchema.optional(),
    currency: z.looseObject({ code: z.string(), description: z.string().optional(), symbol: z.string().optional() }),
    datacenters: z.array(z.string()).optional(),
    frequency: MinMaxNumberSchema.optional(),
    merchant: z.string().optional(),
    price: MinMaxNumberSchema.optional(),
    ram: MinMaxNumberSchema.optional(),
    thread: MinMaxNumberSchema.optional(),
    timestamp: z.number().optional(),
  }),
  products: z.array(FormattedProductSchema),
  techDetails: z
    .array(
      z.looseObject({
        type: z.string(),
        plans: z.array(z.looseObject({ code: z.string(), specificities: z.array(FormattedSpecificitySchema) })),
      }),
    )
    .nullish(),
});
export type FormattedDedicatedCatalog = z.infer<typeof FormattedDedicatedCatalogSchema>;

// ---------------------------------------------------------------------------------------------
// GET /order/cart/{cartId}/{product}[?planCode=]  and  GET /order/cart/{cartId}/{product}/options?planCode=
// ---------------------------------------------------------------------------------------------

/**
 * order.cart.GenericProductPricing. The schema declares `price` and `priceInUcents` non-null; they
 * are optional here because the only recording (2026, trimmed by its source) lacks them — the domain
 * then falls back to catalog prices.
 */
export const GenericProductPricingSchema = z.looseObject({
  capacities: z.array(z.string()),
  description: z.string().optional(),
  duration: z.string(),
  interval: z.number().optional(),
  maximumQuantity: z.number().nullish(),
  maximumRepeat: z.number().nullish(),
  minimumQuantity: z.number().optional(),
  minimumRepeat: z.number().optional(),
  price: OrderPriceSchema.optional(),
  priceInUcents: z.number().nullish(),
  pricingMode: z.string(),
  pricingType: z.string().optional(),
});
export type GenericProductPricing = z.infer<typeof GenericProductPricingSchema>;

/** order.cart.GenericProductDefinition */
export const GenericProductDefinitionSchema = z.looseObject({
  planCode: z.string(),
  productName: z.string(),
  productType: z.string().optional(),
  prices: z.array(GenericProductPricingSchema),
});
export type GenericProductDefinition = z.infer<typeof GenericProductDefinitionSchema>;
export const GenericProductDefinitionListSchema = z.array(GenericProductDefinitionSchema);

/** order.cart.GenericOptionDefinition = GenericProductDefinition + family/mandatory/exclusive. */
export const GenericOptionDefinitionSchema = GenericProductDefinitionSchema.extend({
  family: z.string(),
  mandatory: z.boolean(),
  exclusive: z.boolean(),
});
export type GenericOptionDefinition = z.infer<typeof GenericOptionDefinitionSchema>;
export const GenericOptionDefinitionListSchema = z.array(GenericOptionDefinitionSchema);
