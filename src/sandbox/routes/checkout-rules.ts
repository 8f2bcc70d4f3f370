// What checkout refuses, with the real API's messages where they are known (ovh-api.md §3):
// duplicated labels, missing datacenter, other mandatory labels, values outside allowedValues,
// mandatory/exclusive option families, hardware out of stock in the chosen datacenter.
import { badRequest } from '../api-error.js';
import { availabilityIn, fqnOf, isAvailable } from '../data/availability.js';
import { stateOf, type SandboxRuntime } from '../runtime.js';
import type { CartRecord, ConfigurationRecord, ItemRecord } from '../state.js';
import { CHECKOUT_MANDATORY, requiredConfiguration } from './required-configuration.js';

export function checkCartForCheckout(sb: SandboxRuntime, cart: CartRecord): void {
  const state = stateOf(sb);
  const roots = cart.items.map((id) => state.items[String(id)]).filter((i): i is ItemRecord => i !== undefined && i.parentItemId === null);
  if (roots.length === 0) throw badRequest('Your cart is empty');
  for (const item of roots) checkItem(sb, item);
}

function checkItem(sb: SandboxRuntime, item: ItemRecord): void {
  const state = stateOf(sb);
  const offers = sb.offers();
  const plan = offers.plan(item.planCode)!;
  const product = plan.server;
  const configs = item.configurations.map((id) => state.configurations[String(id)]).filter((c): c is ConfigurationRecord => c !== undefined);

  const seen = new Set<string>();
  for (const c of configs) {
    if (seen.has(c.label)) throw badRequest(`Custom field ${c.label} is duplicated for product ${product}`);
    seen.add(c.label);
  }
  if (!seen.has('dedicated_datacenter')) throw badRequest("in customFields there must be a field with name 'dedicated_datacenter'");
  const missing = CHECKOUT_MANDATORY.filter((label) => !seen.has(label));
  if (missing.length > 0) throw badRequest(missing.map((label) => `Custom field ${label} is mandatory for product ${product}`).join('\n'));

  for (const requirement of requiredConfiguration(plan, sb.regionInfo)) {
    const allowed = requirement.allowedValues;
    const config = configs.find((c) => c.label === requirement.label);
    if (config && Array.isArray(allowed) && !allowed.includes(config.value)) {
      throw badRequest(`Custom field ${config.label} has an invalid value '${config.value}' for product ${product} (allowed: ${allowed.join(', ')})`);
    }
  }

  const chosen = new Map<string, string[]>();
  for (const optionId of item.options) {
    const option = state.items[String(optionId)];
    const family = option && offers.familyOf(plan, option.planCode);
    if (option && family) chosen.set(family.name, [...(chosen.get(family.name) ?? []), option.planCode]);
  }
  for (const family of plan.families) {
    const picked = chosen.get(family.name) ?? [];
    if (family.mandatory && picked.length === 0) {
      throw badRequest(`Option family ${family.name} is mandatory for product ${product} (choose one of: ${family.addons.join(', ')})`);
    }
    if (family.exclusive && picked.length > 1) {
      throw badRequest(`Option family ${family.name} is exclusive for product ${product}: only one of ${picked.join(', ')} can be chosen`);
    }
  }

  const productOf = (family: string) => {
    const code = chosen.get(family)?.[0];
    return code ? offers.addon(code)?.product.name : undefined;
  };
  const memory = productOf('memory');
  const storage = productOf('storage');
  const datacenter = configs.find((c) => c.label === 'dedicated_datacenter')!.value;
  if (memory && storage) {
    const fqn = fqnOf(plan.planCode, memory, storage);
    const authored = availabilityIn(offers, fqn, productOf('system-storage'), datacenter);
    if (!isAvailable(authored === undefined ? undefined : sb.stock.delay(fqn, plan.planCode, datacenter, authored))) {
      throw badRequest(`The server ${fqn} is not available in ${datacenter}`);
    }
  }
}
