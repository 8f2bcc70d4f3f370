// Everything the sandbox remembers: applications and consumer keys, OAuth2 clients and tokens,
// carts, items, configurations, orders, the payment method and the clock offset. Plain JSON so it
// can be saved to `statePath` after each change and shared by successive `--sandbox` runs.
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxRegion } from './types.js';
import { REGIONS } from './data/regions.js';

export interface AccessRule {
  method: string;
  path: string;
}

interface AppRecord {
  appKey: string;
  appSecret: string;
  applicationId: number;
  name: string;
}

type CredentialStatus = 'pendingValidation' | 'validated' | 'expired' | 'refused';

export interface CredentialRecord {
  consumerKey: string;
  appKey: string;
  credentialId: number;
  status: CredentialStatus;
  rules: AccessRule[];
  redirection: string | null;
  /** The `credentialToken` of the validation page. */
  validationToken: string;
  creation: string;
  expiration: string | null;
  lastUse: string | null;
}

interface OAuthClientRecord {
  clientId: string;
  clientSecret: string;
}

export interface TokenRecord {
  accessToken: string;
  clientId: string;
  expiresAtMs: number;
}

export interface CartRecord {
  cartId: string;
  description: string;
  /** ISO datetime, or null (never expires). */
  expire: string | null;
  ovhSubsidiary: string;
  readOnly: boolean;
  /** Nichandle of the account the cart was assigned to. */
  assignedTo: string | null;
  items: number[];
  creation: string;
}

export type ProductId = 'eco' | 'baremetalServers' | 'dedicated';

export interface ItemRecord {
  itemId: number;
  cartId: string;
  productId: ProductId;
  planCode: string;
  duration: string;
  pricingMode: string;
  quantity: number;
  parentItemId: number | null;
  options: number[];
  configurations: number[];
}

export interface ConfigurationRecord {
  id: number;
  itemId: number;
  label: string;
  value: string;
}

interface OrderLineRecord {
  orderDetailId: number;
  cartItemId: number;
  /** `*001`, `*001.002`… */
  domain: string;
  /** The root item's domain this line belongs to (`*001`). */
  rootDomain: string;
  description: string;
  detailType: 'INSTALLATION' | 'DURATION';
  quantity: number;
  unitPrice: number;
  totalPrice: number;
  plan: { code: string; duration: string; pricingMode: string; quantity: number; productName: string };
  configurations: Array<{ label: string; value: string }>;
}

export interface OrderRecord {
  orderId: number;
  password: string;
  cartId: string;
  ovhSubsidiary: string;
  date: string;
  /** Set at checkout with autopay, or by POST /me/order/{id}/pay. Progression counts from it. */
  paidAt: string | null;
  checkoutBody: { autoPayWithPreferredPaymentMethod?: boolean; waiveRetractationPeriod?: boolean };
  withoutTax: number;
  tax: number;
  lines: OrderLineRecord[];
  /** Server name per root domain, revealed once delivered. */
  serverNames: Record<string, string>;
}

interface PaymentMethodRecord {
  paymentMethodId: number;
  valid: boolean;
  creation: string;
}

interface AccountRecord {
  nichandle: string;
  email: string;
  password: string;
  ovhSubsidiary: string;
}

export interface SandboxState {
  version: 1;
  region: SandboxRegion;
  clockOffsetMs: number;
  account: AccountRecord;
  apps: AppRecord[];
  credentials: CredentialRecord[];
  oauthClients: OAuthClientRecord[];
  tokens: TokenRecord[];
  carts: Record<string, CartRecord>;
  items: Record<string, ItemRecord>;
  configurations: Record<string, ConfigurationRecord>;
  orders: Record<string, OrderRecord>;
  paymentMethod: PaymentMethodRecord | null;
  counters: { itemId: number; configurationId: number; orderId: number; credentialId: number; orderDetailId: number };
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random key in OVH's alphabet (application keys are 16 chars, secrets and consumer keys 32). */
export function randomKey(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUM[bytes[i]! % ALPHANUM.length];
  return out;
}

const FULL_RIGHTS: AccessRule[] = ['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ method, path: '/*' }));

export function freshState(region: SandboxRegion, now: Date): SandboxState {
  const created = now.toISOString();
  const nic = `sb${randomInt(10000, 99999)}-ovh`;
  const app: AppRecord = { appKey: randomKey(16), appSecret: randomKey(32), applicationId: randomInt(100000, 999999), name: 'ovh-order-sandbox' };
  return {
    version: 1,
    region,
    clockOffsetMs: 0,
    account: {
      nichandle: nic,
      email: `${nic.replace('-ovh', '')}@example.com`,
      password: 'sandbox-password',
      ovhSubsidiary: REGIONS[region].defaultSubsidiary,
    },
    apps: [app],
    credentials: [
      {
        consumerKey: randomKey(32),
        appKey: app.appKey,
        credentialId: randomInt(100000000, 199999999),
        status: 'validated',
        rules: FULL_RIGHTS.map((r) => ({ ...r })),
        redirection: null,
        validationToken: randomKey(64),
        creation: created,
        expiration: null,
        lastUse: null,
      },
    ],
    oauthClients: [{ clientId: `EU.${randomBytes(8).toString('hex')}`, clientSecret: randomKey(32) }],
    tokens: [],
    carts: {},
    items: {},
    configurations: {},
    orders: {},
    paymentMethod: { paymentMethodId: randomInt(10000000, 99999999), valid: true, creation: created },
    counters: {
      itemId: randomInt(200000000, 299999999),
      configurationId: randomInt(300000000, 399999999),
      orderId: randomInt(200000000, 239999999),
      credentialId: randomInt(200000000, 299999999),
      orderDetailId: randomInt(4000000000, 4999999999),
    },
  };
}

/** Cheap structural check of a loaded file, so a wrong file fails loudly rather than later. */
export function assertState(value: unknown, path: string): asserts value is SandboxState {
  const v = value as Partial<SandboxState> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    v.version === 1 &&
    typeof v.region === 'string' &&
    typeof v.clockOffsetMs === 'number' &&
    Array.isArray(v.apps) &&
    Array.isArray(v.credentials) &&
    typeof v.carts === 'object' &&
    typeof v.items === 'object' &&
    typeof v.orders === 'object' &&
    typeof v.counters === 'object' &&
    typeof v.account === 'object';
  if (!ok) throw new Error(`Sandbox state file ${path} is not a sandbox state (version 1). Delete it to start afresh.`);
}
