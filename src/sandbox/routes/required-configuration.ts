// `GET …/item/{itemId}/requiredConfiguration` for a server item, reproducing the real answer,
// including its WRONG flags: dedicated_datacenter is reported `required: false` although checkout
// refuses a cart without it, while region is `required: true` (2026 recording of 24adv01-v3).
import type { ResolvedPlan } from '../data/offer-index.js';
import type { RegionInfo } from '../data/regions.js';

export interface Requirement {
  allowedValues?: string[] | null;
  fields: string[] | null;
  label: string;
  required: boolean;
  type: string;
}

/** Labels checkout insists on, whatever `required` says. */
export const CHECKOUT_MANDATORY = ['dedicated_datacenter', 'dedicated_os', 'region'];

export function requiredConfiguration(plan: ResolvedPlan, region: RegionInfo): Requirement[] {
  const list: Requirement[] = [
    { allowedValues: [...plan.datacenters], fields: null, label: 'dedicated_datacenter', required: false, type: 'String' },
    { allowedValues: ['none_64.en'], fields: null, label: 'dedicated_os', required: true, type: 'String' },
  ];
  if (plan.enableBackup) list.push({ allowedValues: ['false', 'true'], fields: null, label: 'enable-backup', required: false, type: 'String' });
  list.push(
    { allowedValues: null, fields: null, label: 'extra_reservation', required: false, type: 'String' },
    { allowedValues: [...region.regionValues], fields: null, label: 'region', required: true, type: 'String' },
    // Nichandle-typed labels come without `allowedValues` at all.
    { fields: null, label: 'TECH_ACCOUNT', required: false, type: 'Nichandle' },
    { fields: null, label: 'ADMIN_ACCOUNT', required: false, type: 'Nichandle' },
  );
  return list;
}
