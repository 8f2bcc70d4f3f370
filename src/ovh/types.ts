// The client's vocabulary: credentials, options, methods and the parts of a request.
import type { Endpoint } from './endpoints.js';
import type { RetryPolicy } from './retry.js';

export type Credentials =
  { kind: 'app'; appKey: string; appSecret: string; consumerKey?: string } | { kind: 'oauth2'; clientId: string; clientSecret: string } | { kind: 'none' };

export interface ClientOptions {
  endpoint: Endpoint;
  credentials: Credentials;
  /** Deadline for one call (one attempt), whole answer included. Default 30 s. */
  timeoutMs?: number;
  /** Reuse a cached /auth/time offset instead of fetching it. */
  timeOffsetSeconds?: number;
  /** Called after /auth/time was fetched. */
  onTimeOffset?(offsetSeconds: number): void;
  /** Called when |offset| > 30 s. */
  onClockSkew?(offsetSeconds: number): void;
  /** One redacted line per call and per answer. */
  debug?(line: string): void;
  /** Trust this CA (PEM) for in-process calls, e.g. the sandbox's, without NODE_EXTRA_CA_CERTS. */
  trustCaPem?: string;
  retry?: RetryPolicy;
  /** Answers larger than this are stopped and fail (default 64 MiB, well above the 12 MB eco catalog). */
  maxAnswerBytes?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type AuthMode = 'signed' | 'oauth2' | 'unsigned';
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

export interface RequestParams {
  /** Values for the route's `{placeholders}` (URL-encoded here). */
  path?: Record<string, string | number>;
  /** Query string (null/undefined dropped; arrays joined with commas, as OVH expects). */
  query?: Record<string, QueryValue>;
  /** JSON body for POST/PUT (null/undefined fields dropped by node-ovh). */
  body?: Record<string, unknown>;
}

export interface RequestOptions {
  /** Set false to forbid retries even for a GET. Writes are never retried whatever this says. */
  retry?: boolean;
}
