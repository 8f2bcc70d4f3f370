// A checkout-ready cart on the HTTPS sandbox, built with plain API calls (the in-process recovery
// tests need a cart, not the order engine): KS-1 (24sk10, eco) in gra, the first option of each
// mandatory family, the three configuration labels checkout needs, assigned.
import { OvhApi } from '../../../src/ovh/api.js';
import type { RetryPolicy } from '../../../src/ovh/retry.js';
import { parseEndpoint } from '../../../src/ovh/endpoints.js';
import type { OrderedThing } from '../../../src/domain/journal.js';
import type { SandboxServer } from '../../../src/sandbox/index.js';

const PLAN = '24sk10';

export function sandboxApi(sandbox: SandboxServer, options: { timeoutMs?: number; retry?: RetryPolicy } = {}): OvhApi {
  return new OvhApi({
    endpoint: parseEndpoint(sandbox.url),
    credentials: { kind: 'app', ...sandbox.credentials },
    trustCaPem: sandbox.caPem,
    timeoutMs: options.timeoutMs ?? 5_000,
    // Small waits: these tests exercise decisions, not patience.
    retry: options.retry ?? { maxAttempts: 3, maxTotalMs: 2_000, baseDelayMs: 20 },
  });
}

export async function readyCart(api: OvhApi, subsidiary: string): Promise<{ cartId: string; what: OrderedThing }> {
  const cart = await api.createCart({ ovhSubsidiary: subsidiary, description: 'fault test' });
  await api.assignCart(cart.cartId);
  const item = await api.addProduct(cart.cartId, 'eco', { planCode: PLAN, duration: 'P1M', pricingMode: 'default', quantity: 1 });
  const definitions = await api.getProductOptions(cart.cartId, 'eco', PLAN);
  const picked = new Map<string, string>();
  for (const d of definitions) if (d.mandatory && !picked.has(d.family)) picked.set(d.family, d.planCode);
  for (const planCode of picked.values()) {
    await api.addOption(cart.cartId, 'eco', { itemId: item.itemId, planCode, duration: 'P1M', pricingMode: 'default', quantity: 1 });
  }
  for (const [label, value] of [
    ['dedicated_datacenter', 'gra'],
    ['dedicated_os', 'none_64.en'],
    ['region', 'europe'],
  ] as const) {
    await api.addConfiguration(cart.cartId, item.itemId, { label, value });
  }
  return {
    cartId: cart.cartId,
    what: { range: 'eco', planCode: PLAN, options: [...picked.values()], datacenter: 'gra', quantity: 1, duration: 'P1M', pricingMode: 'default' },
  };
}

/** Log entries of one call (method + route pattern). */
export function calls(sandbox: SandboxServer, method: string, route: string) {
  return sandbox.log.filter((e) => e.method === method && e.route === route);
}
