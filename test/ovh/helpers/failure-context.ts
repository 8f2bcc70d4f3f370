// What the failure tests share: a call's context and what a person would see of the error.
import type { OvhErrorKind } from '../../../src/ovh/errors.js';
import type { FailureContext } from '../../../src/ovh/failures.js';

export const baseFailureContext: FailureContext = {
  method: 'GET',
  route: '/order/cart/{cartId}',
  host: 'eu.api.ovh.com',
  createAppUrl: 'https://eu.api.ovh.com/createApp/',
  timeoutMs: 30_000,
};

/** The kind, exit code, message and hint expected of one failure. */
export interface Expected {
  ctx?: Partial<FailureContext>;
  kind: OvhErrorKind;
  exit: number;
  message: RegExp;
  hint: RegExp;
}
