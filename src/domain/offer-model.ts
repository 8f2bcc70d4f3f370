// The one Offer model every range normalises to (eco and baremetal from the public catalogs,
// dedicated from the formatted catalog). Types only; the normalisers live in offers-*.ts.
import type { Money } from './money.js';

/** What the person picks: `--range`. */
export type Range = 'dedicated' | 'baremetal' | 'eco';
/** The cart product path for a range: `/order/cart/{id}/{product}`. */
export type CartProduct = 'dedicated' | 'baremetalServers' | 'eco';

export const RANGES: readonly Range[] = ['dedicated', 'baremetal', 'eco'];

export function cartProductOfRange(range: Range): CartProduct {
  return range === 'baremetal' ? 'baremetalServers' : range;
}

/** True for a product ovh-order orders through (a cart item from elsewhere may name another). */
export function isCartProduct(product: string): product is CartProduct {
  return RANGES.some((range) => cartProductOfRange(range) === product);
}

export function rangeOfCartProduct(product: CartProduct): Range {
  return product === 'baremetalServers' ? 'baremetal' : product;
}

export interface Cpu {
  brand: string;
  model: string;
  /** Cores of one CPU (as the catalog gives them); multiply by `count` for the machine. */
  cores: number | null;
  threads: number | null;
  frequencyGhz: number | null;
  boostGhz: number | null;
  /** Number of CPUs (sockets). */
  count: number;
}

export interface Disk {
  count: number;
  capacityGb: number;
  /** `NVMe`, `SSD`, `HDD`, or the catalog's own word. */
  kind: string;
}

export interface Storage {
  /** `2× 512 GB NVMe`, `2× 512 GB NVMe + 2× 6 TB HDD`. */
  summary: string;
  /** Raw capacity (before RAID), in GB. */
  totalGb: number;
  raid: string | null;
  disks: Disk[];
}

/**
 * How a pricing mode bills: `monthly` (no commitment), `commitment` (N months promised, paid
 * monthly at a lower price: `degressivityN`), `upfront` (N months paid at once: `upfrontN`).
 */
export type BillingKind = 'monthly' | 'commitment' | 'upfront';

export interface OfferPromotion {
  name: string;
  description: string | null;
  /** `setup` (installation fee) or `renew` (the period price). */
  appliesTo: 'setup' | 'renew';
  mode: string;
  before: Money;
  after: Money;
  endDate: string | null;
  /** Months a renew promotion lasts, when the catalog says. */
  durationMonths: number | null;
}

export interface OfferPricing {
  mode: string;
  kind: BillingKind;
  /** Months in one billed period: 1 for monthly and commitment modes, N for upfrontN. */
  intervalMonths: number;
  /** ISO duration to add the item with (`P1M`, `P1Y`, `P2Y`…). */
  duration: string;
  /** Months committed to; 0 without commitment. */
  commitmentMonths: number;
  /** The catalog's engagement type, when it has one. */
  engagement: 'periodic' | 'upfront' | null;
  /** One period's price for the default configuration (plan + defaults of mandatory families). */
  periodPrice: Money;
  /** The first period's price after promotions. */
  firstPeriodPrice: Money;
  /** Installation fee after promotions. */
  setup: Money;
  setupBeforePromotion: Money;
  /** periodPrice ÷ intervalMonths: the figure to compare modes with. */
  monthlyEquivalent: Money;
  /** What the first invoice asks: setup + the first period (for upfront modes, the whole upfront total). */
  dueNow: Money;
  /** The plan alone, without any add-on (for pricing a custom selection). */
  plan: { periodPrice: Money; firstPeriodPrice: Money; setup: Money };
  quantity: { min: number; max: number | null };
  promotions: OfferPromotion[];
}

export interface AddonPricing {
  mode: string;
  intervalMonths: number;
  duration: string;
  periodPrice: Money;
  /** The first period's price after promotions. */
  firstPeriodPrice: Money;
  setup: Money;
  monthlyEquivalent: Money;
  promotions: OfferPromotion[];
}

export interface OfferAddon {
  planCode: string;
  name: string;
  /** The catalog product name; equals the availability `memory`/`storage` names. */
  product: string;
  /** The plan's addon family this addon is listed in (`memory`, `storage`, `bandwidth`, `vrack`…). */
  family: string;
  pricings: AddonPricing[];
  /** Default-mode monthly price minus the family default's; null when either is unknown. */
  monthlyDelta: Money | null;
  ramGb: number | null;
  storage: Storage | null;
  bandwidthMbps: number | null;
}

export interface OfferAddonFamily {
  name: string;
  mandatory: boolean;
  exclusive: boolean;
  /** Plan code of the catalog default, if any. */
  default: string | null;
  addons: OfferAddon[];
  /** Plan codes the family lists but the catalog does not define (reported, never a crash). */
  missing: string[];
}

export interface OfferConfiguration {
  name: string;
  mandatory: boolean;
  custom: boolean;
  values: string[] | null;
}

export interface Offer {
  range: Range;
  product: CartProduct;
  planCode: string;
  /** Invoice name: `KS-1 | Intel Xeon-D 1520`. */
  name: string;
  /** `kimsufi`, `rise`, `advance`… when the catalog says. */
  family: string | null;
  cpu: Cpu | null;
  ramGb: number | null;
  storage: Storage | null;
  bandwidthMbps?: number;
  privateBandwidthMbps?: number;
  currency: string;
  /** Default mode, 1-month renew, default configuration. */
  monthly: Money;
  /** Default mode installation fee (after promotions). */
  setup: Money;
  pricings: OfferPricing[];
  addonFamilies: OfferAddonFamily[];
  configurations: OfferConfiguration[];
  /** Short datacenter codes the catalog offers (from the `dedicated_datacenter` configuration). */
  datacenters: string[];
  quantity: { min: number; max: number | null };
  promotions: OfferPromotion[];
  /** Availability names of the default hardware (memory / storage / system storage products). */
  hardware: { memory: string | null; storage: string | null; systemStorage: string | null };
}

/** A hardware choice, as the add-ons picked for the memory / storage / system-storage families. */
export interface HardwareChoice {
  memory?: Pick<OfferAddon, 'planCode' | 'product'> | null;
  storage?: Pick<OfferAddon, 'planCode' | 'product'> | null;
  systemStorage?: Pick<OfferAddon, 'planCode' | 'product'> | null;
}

/** What tables, filters and sorts read of an offer (both `Offer` and `OfferSummary` have it). */
export type OfferFacts = Pick<
  Offer,
  'range' | 'product' | 'planCode' | 'name' | 'family' | 'cpu' | 'ramGb' | 'storage' | 'bandwidthMbps' | 'currency' | 'monthly' | 'setup' | 'datacenters'
>;

/**
 * An offer as a list shows it: its facts and the default hardware its stock is looked up for.
 * About 1/40 of an Offer (no pricings, add-ons or configurations), so a big catalog's table can be
 * read back from the cache in a few milliseconds.
 */
export interface OfferSummary extends OfferFacts {
  defaultHardware: HardwareChoice;
}

/**
 * Orders plan codes, modes and other API identifiers by their characters. (`localeCompare` would set
 * up ICU collation on its first call, ~5 ms of a command's start, for codes that are plain ASCII.)
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
