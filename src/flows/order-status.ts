// `ovh-order status <orderId> [--wait]`: an order's status, follow-up steps with their dates, price,
// URL and — once known — the delivered server's name; and waiting for delivery at a fair-use pace
// (OVH asks for about 60 calls a minute per key at most: the wait polls one call every 30 s).
import { sleepInterruptibly } from './interruptible.js';
import type { OvhApi } from '../ovh/api.js';
import type { BillingOrderDetail } from '../ovh/models/me.js';
import { OvhApiError } from '../ovh/errors.js';
import { CliError, ExitCode, UsageError } from '../domain/errors.js';
import type { Output } from '../ui/output.js';
import type { FollowUpStepReport, OrderStatusReport } from '../domain/order-status-report.js';

export type OrderStatusApi = Pick<OvhApi, 'getOrder' | 'getOrderStatus' | 'getOrderFollowUp' | 'listOrderDetails' | 'getOrderDetail'>;

/** Statuses after which nothing changes any more. */
const FINAL_STATUSES: readonly string[] = ['delivered', 'cancelled'];

function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.includes(status);
}

const STATUS_WORDS: Record<string, string> = {
  notPaid: 'not paid yet',
  checking: 'being checked (payment and order)',
  documentsRequested: 'waiting for documents OVHcloud asked for',
  delivering: 'being delivered',
  delivered: 'delivered',
  cancelling: 'being cancelled',
  cancelled: 'cancelled',
  unknown: 'unknown',
};

/** `checking` → `being checked (payment, verification)`; unknown statuses as they are. */
export function describeStatus(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

/** Parses an order id argument; UsageError naming it otherwise. */
export function parseOrderId(text: string): number {
  const trimmed = text.trim();
  const id = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`"${text}" is not an order id (a whole number, e.g. 123456789).`, {
      code: 'invalid_order_id',
      hint: 'The order id is printed by `ovh-order order` and the wizard, and shown in the OVHcloud control panel.',
    });
  }
  return id;
}

function orderNotFound(orderId: number, cause: unknown): CliError {
  return new CliError(`Order ${orderId} was not found on this account.`, {
    code: 'order_not_found',
    exitCode: ExitCode.failure,
    hint: 'Check the id (printed by `ovh-order order`), and that the credentials are those of the account that ordered.',
    cause,
  });
}

async function orRethrowNotFound<T>(orderId: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OvhApiError && error.kind === 'not-found') throw orderNotFound(orderId, error);
    throw error;
  }
}

/** Server names from the order's detail lines: a line's `domain` becomes the server's name on delivery (`*001` before). */
export function serverNamesOf(details: readonly Pick<BillingOrderDetail, 'domain'>[]): string[] {
  const names = details.map((d) => d.domain.trim()).filter((d) => d !== '' && !d.startsWith('*'));
  return [...new Set(names)];
}

async function serverNames(api: OrderStatusApi, orderId: number): Promise<string[]> {
  const ids = await api.listOrderDetails(orderId);
  const details: BillingOrderDetail[] = [];
  // A few at a time: an order has two lines per server and per option.
  for (let i = 0; i < ids.length; i += 5) details.push(...(await Promise.all(ids.slice(i, i + 5).map((id) => api.getOrderDetail(orderId, id)))));
  return serverNamesOf(details);
}

async function followUpOf(api: OrderStatusApi, orderId: number): Promise<FollowUpStepReport[] | null> {
  try {
    const steps = await api.getOrderFollowUp(orderId);
    return steps.map((s) => {
      const dates = s.history.map((h) => h.date).sort();
      return {
        step: s.step,
        status: s.status,
        date: dates[dates.length - 1] ?? null,
        history: s.history.map((h) => ({ date: h.date, description: h.description, label: h.label })),
      };
    });
  } catch (error) {
    // The follow-up is BETA on OVH's side: its absence must not hide the status.
    if (error instanceof OvhApiError && !['network', 'tls', 'timeout'].includes(error.kind) && error.exitCode !== ExitCode.credentials) return null;
    throw error;
  }
}

/** One read of an order: status, follow-up, price, URL, and the server names once delivering. */
export async function readOrderStatus(api: OrderStatusApi, orderId: number, knownStatus?: string): Promise<OrderStatusReport> {
  return orRethrowNotFound(orderId, async () => {
    const [order, status, followUp] = await Promise.all([
      api.getOrder(orderId),
      knownStatus === undefined ? api.getOrderStatus(orderId) : Promise.resolve(knownStatus),
      followUpOf(api, orderId),
    ]);
    const servers = status === 'delivering' || status === 'delivered' ? await serverNames(api, orderId) : [];
    return {
      orderId,
      status,
      statusText: describeStatus(status),
      final: isFinalStatus(status),
      date: order.date ?? null,
      retractionDate: order.retractionDate ?? null,
      url: order.url,
      prices: { withoutTax: order.priceWithoutTax, tax: order.tax, withTax: order.priceWithTax },
      followUp,
      servers,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------------------------

/** First check after 10 s, then every 30 s: two calls a minute, far below the fair-use budget. */
export const DEFAULT_FIRST_POLL_MS = 10_000;
export const DEFAULT_POLL_MS = 30_000;
/** Consecutive transient failures tolerated while waiting (the client already retries each GET). */
export const MAX_POLL_FAILURES = 5;

export interface PollPace {
  firstDelayMs: number;
  intervalMs: number;
}

/** The pace: `OVH_ORDER_POLL_INTERVAL_MS` (tests, impatient scripts) sets both delays; else 10 s then 30 s. */
export function pollPace(env: NodeJS.ProcessEnv): PollPace {
  const raw = env.OVH_ORDER_POLL_INTERVAL_MS;
  if (raw !== undefined && raw.trim() !== '') {
    const ms = Number(raw);
    if (!Number.isFinite(ms) || ms < 0) {
      throw new UsageError(`OVH_ORDER_POLL_INTERVAL_MS="${raw}" is not a number of milliseconds.`, {
        code: 'invalid_poll_interval',
        hint: 'Unset it, or give e.g. 30000.',
      });
    }
    return { firstDelayMs: ms, intervalMs: ms };
  }
  return { firstDelayMs: DEFAULT_FIRST_POLL_MS, intervalMs: DEFAULT_POLL_MS };
}

/** Resolves after `ms`, or rejects with InterruptedError when `signal` aborts. */
const sleep = sleepInterruptibly;

export interface WaitOptions {
  output: Output;
  signal: AbortSignal;
  pace: PollPace;
  /** The status already known (no first call for it). */
  initialStatus?: string;
  /** Called when the status changes (after the first). */
  onChange?(from: string, to: string): void;
  /** Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function isTransient(error: unknown): error is OvhApiError {
  return error instanceof OvhApiError && ['network', 'timeout', 'server', 'rate-limited', 'malformed'].includes(error.kind);
}

/**
 * Polls `GET /me/order/{id}/status` until `delivered` or `cancelled` and returns it. One spinner per
 * status (shown on a terminal only). Transient failures are tolerated up to MAX_POLL_FAILURES in a
 * row; a 429 waits as long as OVH asks.
 */
export async function waitForOrder(api: Pick<OvhApi, 'getOrderStatus'>, orderId: number, options: WaitOptions): Promise<{ status: string; polls: number }> {
  const pause = options.sleep ?? sleep;
  let polls = 0;
  let failures = 0;
  let first = true;
  const poll = async (): Promise<string> => {
    polls += 1;
    return orRethrowNotFound(orderId, () => api.getOrderStatus(orderId));
  };
  let status = options.initialStatus ?? (await poll());
  while (!isFinalStatus(status)) {
    const current = status;
    if (current === 'notPaid') options.output.info(`Order ${orderId} is not paid yet: it moves on once paid (at its URL).`);
    status = await options.output.spin(`Order ${orderId} is ${describeStatus(current)}; waiting…`, async () => {
      let next = current;
      let delay = first ? options.pace.firstDelayMs : options.pace.intervalMs;
      first = false;
      while (next === current) {
        await pause(delay, options.signal);
        delay = options.pace.intervalMs;
        try {
          next = await poll();
          failures = 0;
        } catch (error) {
          if (!isTransient(error) || ++failures > MAX_POLL_FAILURES) throw error;
          options.output.warn(`Checking order ${orderId} failed (${error.message}); trying again.`);
          if (error.retryAfterSeconds !== undefined) delay = Math.max(delay, error.retryAfterSeconds * 1000);
        }
      }
      return next;
    });
    options.onChange?.(current, status);
  }
  return { status, polls };
}
