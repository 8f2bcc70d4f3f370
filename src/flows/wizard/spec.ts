// The wizard's choices as an order spec (`--save FILE`), replayed by `ovh-order order --spec FILE`.
import { DATACENTER_LABEL, OS_LABEL } from '../../domain/configuration.js';
import { ORDER_SPEC_VERSION, parseOrderSpec, type OrderSpec } from '../../domain/order-spec.js';
import { normaliseDatacenter } from '../../domain/places.js';
import type { WizardState } from './state.js';

/**
 * The spec for a completed configuration. Values the API fills in by itself (a single allowed value)
 * and `region` derived from the datacenter are left out: the replay derives them again.
 * `endpoint` is written unless the run was on the sandbox (its address changes every run).
 */
export function specFromState(state: WizardState, endpoint: string | undefined): OrderSpec {
  const entries = state.configuration ?? [];
  const datacenter = entries.find((e) => e.label === DATACENTER_LABEL)?.value;
  const os = entries.find((e) => e.label === OS_LABEL && e.source !== 'filled-in')?.value;
  const configuration: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.label === DATACENTER_LABEL || entry.label === OS_LABEL) continue;
    if (entry.source === 'filled-in' || entry.source === 'region-from-datacenter') continue;
    configuration[entry.label] = entry.value;
  }
  return parseOrderSpec(
    {
      version: ORDER_SPEC_VERSION,
      ...(endpoint ? { endpoint } : {}),
      range: state.range,
      subsidiary: state.subsidiary,
      planCode: state.offer?.planCode,
      duration: state.billing?.duration,
      pricingMode: state.billing?.pricingMode,
      quantity: state.quantity,
      datacenter: datacenter === undefined ? undefined : normaliseDatacenter(datacenter),
      ...(os ? { os } : {}),
      options: (state.options ?? []).map((o) => o.planCode),
      configuration,
    },
    'the wizard’s choices',
  );
}
