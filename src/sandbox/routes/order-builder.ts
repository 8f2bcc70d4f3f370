// Turns a cart into `order.Order` (summary, checkout preview, checkout answer): one INSTALLATION and
// one DURATION line per item and per option, domains `*001`, `*001.001`…, promotions as reductions,
// tax at the subsidiary's rate, contracts in the subsidiary's language.
import { activePromotions, priceAt, type Promotion } from '../data/pricing.js';
import type { Subsidiary } from '../data/regions.js';
import { billingPrice, orderPrice, roundToCents, taxOf, type OrderPrice } from '../money.js';
import { stateOf, subsidiary, type SandboxRuntime } from '../runtime.js';
import type { CartRecord, ItemRecord } from '../state.js';
import { itemPricing } from './cart-access.js';

interface BuiltLine {
  item: ItemRecord;
  domain: string;
  rootDomain: string;
  detailType: 'INSTALLATION' | 'DURATION';
  description: string;
  quantity: number;
  unit: number;
  original: number;
  reduction: number;
  total: number;
  promotions: Promotion[];
  productName: string;
  configurations: Array<{ label: string; value: string }>;
}

export interface BuiltOrder {
  sub: Subsidiary;
  lines: BuiltLine[];
  original: number;
  reduction: number;
  withoutTax: number;
  tax: number;
  withTax: number;
}

function durationText(duration: string, language: 'fr' | 'en'): string {
  const m = /^P(\d+)([MY])$/.exec(duration);
  const months = m ? Number(m[1]) * (m[2] === 'Y' ? 12 : 1) : 1;
  if (language === 'fr') return `${months} mois`;
  return months === 1 ? '1 month' : `${months} months`;
}

function configurationsOf(sb: SandboxRuntime, item: ItemRecord): Array<{ label: string; value: string }> {
  const configs = stateOf(sb).configurations;
  return item.configurations
    .map((id) => configs[String(id)])
    .filter((c) => c !== undefined)
    .map((c) => ({ label: c.label, value: c.value }));
}

function linesOf(sb: SandboxRuntime, item: ItemRecord, domain: string, rootDomain: string, sub: Subsidiary, datacenter: string | undefined): BuiltLine[] {
  const offers = sb.offers();
  const { installation, renew } = itemPricing(sb, item);
  const isServer = item.parentItemId === null;
  const name = isServer ? offers.plan(item.planCode)!.invoiceName : offers.addon(item.planCode)!.product.description;
  const productName = isServer ? offers.plan(item.planCode)!.server : offers.addon(item.planCode)!.product.name;
  const fr = sub.language === 'fr';
  const rental = fr ? 'location' : 'rental';
  const where = isServer ? (datacenter ? (fr ? ` - centre de données ${datacenter}` : ` - datacenter ${datacenter}`) : '') : '';
  const configurations = configurationsOf(sb, item);
  const q = item.quantity;
  const now = sb.clock.nowMs();
  const line = (detailType: BuiltLine['detailType'], description: string, unit: number, promoted: number, promotions: Promotion[]): BuiltLine => ({
    item,
    domain,
    rootDomain,
    detailType,
    description,
    quantity: q,
    unit,
    original: unit * q,
    reduction: (unit - promoted) * q,
    total: promoted * q,
    promotions,
    productName,
    configurations,
  });
  return [
    line('INSTALLATION', isServer ? `${name} ${rental}${where} - ` : name, installation.price, priceAt(installation, now), activePromotions(installation, now)),
    line(
      'DURATION',
      `${name} ${rental}${where} - ${durationText(item.duration, sub.language)}`,
      renew.price,
      priceAt(renew, now),
      activePromotions(renew, now),
    ),
  ];
}

export function buildOrder(sb: SandboxRuntime, cart: CartRecord): BuiltOrder {
  const state = stateOf(sb);
  const sub = subsidiary(cart.ovhSubsidiary);
  const lines: BuiltLine[] = [];
  const roots = cart.items.map((id) => state.items[String(id)]).filter((i): i is ItemRecord => i !== undefined && i.parentItemId === null);
  roots.forEach((root, r) => {
    const rootDomain = `*${String(r + 1).padStart(3, '0')}`;
    const datacenter = configurationsOf(sb, root).find((c) => c.label === 'dedicated_datacenter')?.value;
    lines.push(...linesOf(sb, root, rootDomain, rootDomain, sub, datacenter));
    root.options.forEach((optionId, o) => {
      const option = state.items[String(optionId)];
      if (option) lines.push(...linesOf(sb, option, `${rootDomain}.${String(o + 1).padStart(3, '0')}`, rootDomain, sub, datacenter));
    });
  });
  const sum = (pick: (l: BuiltLine) => number) => lines.reduce((acc, l) => acc + pick(l), 0);
  const withoutTax = sum((l) => l.total);
  const tax = roundToCents(taxOf(withoutTax, sub.taxRate));
  return { sub, lines, original: sum((l) => l.original), reduction: sum((l) => l.reduction), withoutTax, tax, withTax: withoutTax + tax };
}

const CONTRACTS = {
  en: [
    [
      'General Terms and Conditions of Service',
      'General_Terms_and_Conditions-EN-2.4.pdf',
      'These are the general terms and conditions of service of the OVHcloud sandbox. Nothing is sold here.',
    ],
    [
      'Specific Conditions for Dedicated Servers',
      'Dedicated_Servers_Specific_Conditions-EN-3.1.pdf',
      'Dedicated servers are delivered without an operating system. This is a simulation.',
    ],
    ['Data Processing Agreement', 'OVH_Data_Protection_Agreement-EN-7.0.pdf', 'Personal data processing annex (sandbox copy).'],
  ],
  fr: [
    [
      'Conditions Générales de Service',
      'Conditions_Generales_de_Service-FR-2.4.pdf',
      'Conditions générales de service du bac à sable OVHcloud. Rien n’est vendu ici.',
    ],
    [
      'Conditions Particulières des Serveurs Dédiés',
      'Conditions_Particulieres_Serveurs_Dedies-FR-3.1.pdf',
      'Les serveurs dédiés sont livrés sans système d’exploitation. Ceci est une simulation.',
    ],
    [
      'Annexe Traitement de données à caractère personnel',
      'OVH_Data_Protection_Agreement-FR-7.0.pdf',
      'Annexe relative au traitement des données personnelles (copie du bac à sable).',
    ],
  ],
} as const;

export interface OrderViewOptions {
  orderId: number | null;
  url: string | null;
  /** The checkout answer prints `179.98 EUR` (2026 recording); previews use the subsidiary's format. */
  billingText?: boolean;
}

export function orderView(built: BuiltOrder, options: OrderViewOptions): Record<string, unknown> {
  const { sub } = built;
  const price = (micro: number): OrderPrice => (options.billingText ? billingPrice(micro, sub) : orderPrice(micro, sub));
  return {
    contracts: CONTRACTS[sub.language].map(([name, file, content]) => ({
      name,
      url: `https://storage.gra.cloud.ovh.net/v1/AUTH_sandbox/contracts/${file}`,
      content,
    })),
    details: built.lines.map((l) => ({
      cartItemID: l.item.itemId,
      description: l.description,
      detailType: l.detailType,
      domain: l.domain,
      originalTotalPrice: price(l.original),
      quantity: l.quantity,
      reductionTotalPrice: price(l.reduction),
      reductions: l.promotions.map((p) => ({
        context: 'promotion',
        // The promotion's words, as the catalog gives them (its code name when it has none).
        description: p.description ?? p.name,
        price: price(l.reduction),
        reductionDescription: p.name,
        type: 'forced_amount',
        value: price(p.total.value),
      })),
      totalPrice: price(l.total),
      unitPrice: price(l.unit),
    })),
    orderId: options.orderId,
    prices: {
      originalWithoutTax: price(built.original),
      reduction: price(built.reduction),
      tax: price(built.tax),
      withTax: price(built.withTax),
      withoutTax: price(built.withoutTax),
    },
    url: options.url,
  };
}
