// Notifications of `watch` events: a command (the event as JSON on stdin and as OVH_ORDER_*
// variables), a webhook (a JSON POST whose `text`/`content` fields show in Slack and Discord), ntfy,
// and Telegram (bot token and chat id from the environment only, never printed). Each is tried a
// few times with a growing pause, then reported; a notification never stops the watch, and the loop
// never waits for one (delivery runs beside it; the end of the watch waits a bounded time).
import { spawn } from 'node:child_process';
import { redactSecrets } from '../ovh/redact.js';
import type { WatchClock } from './watch-budget.js';

const NOTIFY_ATTEMPTS = 3;
const NOTIFY_TIMEOUT_MS = 10_000;
/** Pause before attempt n+1: 1 s, then 2 s. */
const PAUSE_MS = [1000, 2000];

export interface Notification {
  event: { event: string; [field: string]: unknown };
  /** The event in words (eventText). */
  text: string;
}

export interface Channel {
  /** `command`, `webhook`, `ntfy`, `telegram` (for reports; never holds a secret). */
  name: string;
  send(notification: Notification): Promise<void>;
}

async function post(url: string, init: { body: string; headers: Record<string, string> }, secrets: string[] = []): Promise<void> {
  const response = await fetch(url, { method: 'POST', body: init.body, headers: init.headers, signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS) }).catch(
    (error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      // Not attached as the cause: its message may carry the URL's secrets; the redacted text says what failed.
      return Promise.reject(new Error(redactSecrets(cause?.code ?? cause?.message ?? (error as Error).message, secrets)));
    },
  );
  // The body is read (and dropped) so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** `OVH_ORDER_EVENT=available`, `OVH_ORDER_PLAN_CODE=24rise01`…: the event's plain fields as variables. */
function eventVariables(notification: Notification): Record<string, string> {
  const vars: Record<string, string> = { OVH_ORDER_TEXT: notification.text, OVH_ORDER_EVENT_JSON: JSON.stringify(notification.event) };
  for (const [field, value] of Object.entries(notification.event)) {
    const name = `OVH_ORDER_${field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') vars[name] = String(value);
    else if (value && typeof value === 'object' && 'micros' in value && 'currency' in value) {
      const money = value as { micros: number; currency: string };
      vars[name] = (money.micros / 1e8).toFixed(2);
      vars[`${name}_CURRENCY`] = money.currency;
    }
  }
  return vars;
}

export function commandChannel(command: string, env: NodeJS.ProcessEnv): Channel {
  return {
    name: 'command',
    send: (notification) =>
      new Promise((resolve, reject) => {
        const child = spawn('/bin/sh', ['-c', command], { env: { ...env, ...eventVariables(notification) }, stdio: ['pipe', 'ignore', 'pipe'] });
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), NOTIFY_TIMEOUT_MS);
        child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new Error(signal ? `killed by ${signal}` : `exit code ${code}${stderr.trim() ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
        });
        child.stdin.on('error', () => undefined); // a command that does not read its input is fine
        child.stdin.end(`${JSON.stringify(notification.event)}\n`);
      }),
  };
}

export function webhookChannel(url: string): Channel {
  return {
    name: 'webhook',
    send: (n) => post(url, { body: JSON.stringify({ ...n.event, text: n.text, content: n.text }), headers: { 'Content-Type': 'application/json' } }),
  };
}

export function ntfyChannel(url: string): Channel {
  return {
    name: 'ntfy',
    send: (n) =>
      post(url, {
        body: n.text,
        headers: {
          Title: `ovh-order: ${n.event.event}`,
          Tags: n.event.event === 'available' || n.event.event === 'ordered' ? 'white_check_mark' : 'information_source',
          'Content-Type': 'text/plain; charset=utf-8',
        },
      }),
  };
}

export const TELEGRAM_API = 'https://api.telegram.org';

export function telegramChannel(token: string, chatId: string, apiBase = TELEGRAM_API): Channel {
  return {
    name: 'telegram',
    send: (n) =>
      post(
        `${apiBase.replace(/\/$/, '')}/bot${token}/sendMessage`,
        { body: JSON.stringify({ chat_id: chatId, text: n.text }), headers: { 'Content-Type': 'application/json' } },
        [token],
      ),
  };
}

export class Notifier {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly channels: readonly Channel[],
    private readonly clock: WatchClock,
    private readonly report: (text: string) => void,
    private readonly secrets: readonly string[] = [],
  ) {}

  get count(): number {
    return this.channels.length;
  }

  /** Starts delivering on every channel; returns at once. */
  notify(notification: Notification): void {
    for (const channel of this.channels) {
      const delivery = this.deliver(channel, notification).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  private async deliver(channel: Channel, notification: Notification): Promise<void> {
    let last = '';
    for (let attempt = 1; attempt <= NOTIFY_ATTEMPTS; attempt++) {
      try {
        await channel.send(notification);
        return;
      } catch (error) {
        last = redactSecrets((error as Error).message, [...this.secrets]);
        if (attempt < NOTIFY_ATTEMPTS) await this.clock.sleep(PAUSE_MS[attempt - 1] ?? 2000);
      }
    }
    this.report(`The ${channel.name} notification of "${notification.event.event}" failed ${NOTIFY_ATTEMPTS} times (${last}); the watch goes on.`);
  }

  /** Waits for deliveries under way, at most `ms`. */
  async settle(ms = NOTIFY_TIMEOUT_MS * NOTIFY_ATTEMPTS): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}
