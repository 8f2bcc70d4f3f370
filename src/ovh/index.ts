// The OVH client layer: import from here (or the files directly) outside src/ovh.
export { parseEndpoint, ENDPOINT_PRESETS, ALL_SUBSIDIARIES, type Endpoint } from './endpoints.js';
export { OvhApiError, CREDENTIAL_KINDS, exitCodeForKind, type OvhErrorKind } from './errors.js';
export { accessRuleFor } from './failures.js';
export {
  OvhClient,
  trustCertificateAuthority,
  redactSecrets,
  DEFAULT_TIMEOUT_MS,
  CLOCK_SKEW_WARNING_SECONDS,
  ANONYMOUS_APPLICATION_KEY,
  type Credentials,
  type ClientOptions,
  type AuthMode,
  type HttpMethod,
  type RequestParams,
} from './client.js';
export { OvhApi, CART_PRODUCTS, PUBLIC_CATALOGS, type CartProduct, type PublicCatalogName } from './api.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
