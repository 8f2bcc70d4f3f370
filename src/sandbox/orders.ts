// Order life on the sandbox clock: `notPaid` until paid (autopay at checkout or POST …/pay), then
// `checking` for 10 minutes, `delivering` until one hour after payment, then `delivered` — when the
// server names appear in the order details.
import type { OrderRecord } from './state.js';

const CHECKING_MS = 10 * 60_000;
const DELIVERED_AFTER_MS = 60 * 60_000;

/** How the sandbox moves an order on, for `status --wait` to say (it waits that long). */
export const ORDER_PACE_WORDS = `an order is checked for ${CHECKING_MS / 60_000} minutes after payment and delivered ${DELIVERED_AFTER_MS / 60_000} minutes after payment`;

export type OrderStatus = 'notPaid' | 'checking' | 'delivering' | 'delivered';

export function orderStatus(order: OrderRecord, nowMs: number): OrderStatus {
  if (!order.paidAt) return 'notPaid';
  const elapsed = nowMs - Date.parse(order.paidAt);
  if (elapsed < CHECKING_MS) return 'checking';
  if (elapsed < DELIVERED_AFTER_MS) return 'delivering';
  return 'delivered';
}

interface History {
  date: string;
  description: string;
  label: string;
}

type StepStatus = 'TODO' | 'DOING' | 'DONE';

/** `GET /me/order/{id}/followUp`: the four steps with their status and dated history. */
export function followUp(order: OrderRecord, nowMs: number): Array<{ step: string; status: StepStatus; history: History[] }> {
  const status = orderStatus(order, nowMs);
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const created = Date.parse(order.date);
  const paid = order.paidAt ? Date.parse(order.paidAt) : undefined;
  const rank = { notPaid: 0, checking: 1, delivering: 2, delivered: 3 }[status];
  const validating: History[] = [{ date: at(created), description: 'Order started', label: 'ORDER_STARTED' }];
  if (paid !== undefined) {
    validating.push(
      { date: at(paid), description: 'Payment initiated', label: 'PAYMENT_INITIATED' },
      { date: at(paid), description: 'Payment received', label: 'PAYMENT_RECEIVED' },
    );
  }
  const step = (name: string, done: boolean, doing: boolean, history: History[]): { step: string; status: StepStatus; history: History[] } => ({
    step: name,
    status: done ? 'DONE' : doing ? 'DOING' : 'TODO',
    history,
  });
  return [
    step('VALIDATING', rank >= 1, rank === 0, validating),
    step(
      'VALIDATED',
      rank >= 2,
      rank === 1,
      rank >= 2 && paid !== undefined ? [{ date: at(paid + CHECKING_MS), description: 'Order accepted', label: 'ORDER_ACCEPTED' }] : [],
    ),
    step(
      'DELIVERING',
      rank >= 3,
      rank === 2,
      rank >= 2 && paid !== undefined ? [{ date: at(paid + CHECKING_MS), description: 'Delivery in progress', label: 'DELIVERY' }] : [],
    ),
    step(
      'AVAILABLE',
      rank >= 3,
      false,
      rank >= 3 && paid !== undefined ? [{ date: at(paid + DELIVERED_AFTER_MS), description: 'Your service is available', label: 'DELIVERY' }] : [],
    ),
  ];
}
