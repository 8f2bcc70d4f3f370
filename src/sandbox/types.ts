// Public types of the sandbox (see CONTRACTS.md). The extra members marked "sandbox extra" are
// additions for tests and the `ovh-order sandbox` command; the contract members are unchanged.

import type { StockScheduleDocument } from './stock-schedule.js';

export type { StockScheduleDocument } from './stock-schedule.js';

export type SandboxRegion = 'eu' | 'ca' | 'us';

export interface SandboxOptions {
  /** 0 (default) = any free port; binds 127.0.0.1. */
  port?: number;
  /** Added before answering each request. */
  latencyMs?: number;
  /** Which OVH API it plays: eu = FR, GB, DE, ES, IE, IT, NL, PL; ca = CA, QC, WE; us = US. */
  region?: SandboxRegion;
  /** State (carts, orders, credentials, clock) is loaded from / saved to this JSON file. */
  statePath?: string;
  /** Where ca.pem and the keys are written (default: a fresh temp dir); reused if present and valid. */
  certDir?: string;
  /** New consumer keys are validated at once (for --sandbox demos); default false. */
  autoValidateCredentials?: boolean;
  /** Sandbox extra: called with one line for every request to a route the sandbox does not know. Default: stderr. */
  onUnknownRoute?: (line: string) => void;
  /** Sandbox extra: serve a generated eco catalog of about this many bytes (speed benchmark). */
  catalogScaleBytes?: number | null;
  /** Sandbox extra: scripted stock (see stock-schedule.ts), a document or the path of its JSON file. */
  stockSchedule?: StockScheduleDocument | string;
  /** Sandbox extra: a folder of recorded catalogs and availabilities to serve instead of the authored offer (src/sandbox/README.md, "Data pack"). */
  dataPack?: string;
}

export interface SandboxServer {
  /** 'https://127.0.0.1:PORT/1.0' — pass as --endpoint / OVH_ENDPOINT. */
  url: string;
  host: '127.0.0.1';
  port: number;
  basePath: '/1.0';
  caPath: string;
  caPem: string;
  /** OAuth2 token host for node-ovh: 'https://127.0.0.1:PORT/auth/' (token path oauth2/token). */
  tokenUrl: string;
  /** A validated key with full rights (GET/POST/PUT/DELETE /*). */
  credentials: { appKey: string; appSecret: string; consumerKey: string };
  /** The simulated customer; the password is the one the validation page accepts. */
  account: { nichandle: string; ovhSubsidiary: string; password: string };
  oauth: { clientId: string; clientSecret: string };
  /** Every request, in arrival order. */
  log: SandboxLogEntry[];
  clearLog(): void;
  setLatency(ms: number): void;
  addFault(fault: SandboxFault): void;
  clearFaults(): void;
  /** Sandbox time (cart expiry, order progression, /auth/time). */
  clock: { now(): Date; advance(ms: number): void };
  /** What a person does on the validation page. */
  validateCredential(consumerKey: string): void;
  revokeCredential(consumerKey: string): void;
  /** null = no payment method; false = an expired one. Affects autopay at checkout. */
  setPaymentMethod(valid: boolean | null): void;
  /** Sandbox extra: serve a generated eco catalog of about `bytes` bytes (null: the normal one). */
  setCatalogScale(bytes: number | null): void;
  /** Sandbox extra: what the data pack serves (absent without one). */
  dataPack?: { dir: string; catalogs: string[]; subsidiaries: string[]; availabilityRecords: number; skipped: Array<{ file: string; reason: string }> };
  /** Sandbox extra: replaces the stock schedule (request numbers and seconds count again from now). */
  setStockSchedule(schedule: StockScheduleDocument): void;
  /** Sandbox extra: availability requests answered since the schedule was set. */
  stockRequests(): number;
  /** Sandbox extra: a deep copy of the orders (with the recorded checkout body) for assertions. */
  orders(): SandboxOrderView[];
  close(): Promise<void>;
}

export interface SandboxLogEntry {
  method: string;
  /** Without basePath, e.g. '/order/cart/abc/checkout'. */
  path: string;
  /** Pattern, e.g. '/order/cart/{cartId}/checkout'; '(unknown)' when no route matched. */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON (or form, passwords redacted) or null. */
  body: unknown;
  signed: boolean;
  auth: 'signature' | 'oauth2' | 'none';
  /** 0 while unanswered, or when a fault dropped/hung the connection. */
  status: number;
  /** ISO date on the sandbox clock. */
  at: string;
  /** Sandbox extra: the fault applied to this request, if any. */
  fault?: SandboxFault['kind'];
}

export type SandboxFault = {
  method?: string;
  /** Route pattern as in the log, e.g. '/order/cart/{cartId}/checkout'. */
  route: string;
  /** How many matching requests it affects (default 1; Infinity = all). */
  times?: number;
} &
  /** `afterEffect`: the call is carried out first, then answered with this status (a 409 after a processed checkout). */
  (
    | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number; afterEffect?: boolean }
    | { kind: 'drop-before' }
    | { kind: 'drop-after' }
    | { kind: 'slow-body'; delayMs: number }
    | { kind: 'hang' }
    | { kind: 'malformed-json' }
  );

export interface SandboxOrderView {
  orderId: number;
  cartId: string;
  date: string;
  ovhSubsidiary: string;
  /** The body of POST /order/cart/{cartId}/checkout as received ({} when empty). */
  checkoutBody: { autoPayWithPreferredPaymentMethod?: boolean; waiveRetractationPeriod?: boolean };
  paidAt: string | null;
  status: string;
}
