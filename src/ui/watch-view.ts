// What `watch` shows: one line per event (stdout), NDJSON under --json, and on a terminal a spinner
// line on stderr with the last check time. Off a terminal nothing is printed per check.
import type { Context } from '../runtime/context.js';
import type { Money } from '../domain/money.js';
import { formatMoney } from './format.js';
import { createTheme } from './theme.js';

/** The fields every event has, as views read them. */
export interface EventFacts {
  event: string;
  at: string;
  planCode: string;
  name: string;
  datacenter: string | null;
  delivery?: string | null;
  monthly?: Money;
  setup?: Money;
  availableSince?: string;
  /** Orders and refusals. */
  message?: string;
  orderId?: number | null;
  url?: string | null;
}

function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** `available` etc. in words, for a line and for notifications. */
export function eventText(event: EventFacts, locale: string): string {
  const money = (m: Money) => formatMoney(m.micros, m.currency, locale);
  const offer = `${event.name} (${event.planCode})`;
  switch (event.event) {
    case 'available': {
      const price = event.monthly ? `, ${money(event.monthly)}/month${event.setup && event.setup.micros > 0 ? ` + ${money(event.setup)} setup` : ''}` : '';
      return `In stock: ${offer} in ${event.datacenter}, delivery ${event.delivery}${price}`;
    }
    case 'unavailable':
      return `Out of stock again: ${offer}${event.availableSince ? ` (in stock since ${clock(event.availableSince)})` : ''}`;
    case 'ordered':
      return `Ordered: ${offer} in ${event.datacenter}, order ${event.orderId}${event.url ? ` (${event.url})` : ''}${event.message ? `. ${event.message}` : ''}`;
    case 'order-refused':
      return `Not ordered: ${offer} in ${event.datacenter}: ${event.message}`;
    case 'order-failed':
      return `Order failed: ${offer} in ${event.datacenter}: ${event.message}`;
    default:
      return `${event.event}: ${offer}${event.message ? `: ${event.message}` : ''}`;
  }
}

export interface WatchScreen {
  /** One event: a line on stdout (NDJSON under --json). */
  event(event: EventFacts): void;
  /** The spinner's text (terminal only). */
  status(text: string): void;
  /** A note on stderr, above the spinner. */
  note(text: string): void;
  stop(): void;
}

export async function createWatchScreen(ctx: Context, locale: string): Promise<WatchScreen> {
  const json = ctx.globals.json;
  const theme = createTheme(ctx, ctx.stdout);
  const errTheme = createTheme(ctx);
  const spinning = !json && ctx.stderr.isTTY === true;
  const spinner = spinning
    ? (await import('ora')).default({ text: 'Starting the watch', stream: ctx.stderr, isEnabled: true, color: 'cyan', discardStdin: false })
    : undefined;
  spinner?.start();
  // The spinner is cleared around every line so lines never mix with it.
  const above = (write: () => void) => {
    if (spinner?.isSpinning) {
      spinner.clear();
      write();
      spinner.render();
    } else write();
  };
  return {
    event(event) {
      if (json) {
        ctx.stdout.write(`${JSON.stringify(event)}\n`);
        return;
      }
      const mark =
        event.event === 'available' || event.event === 'ordered' ? theme.ok('●') : event.event === 'unavailable' ? theme.muted('○') : theme.warn('!');
      above(() => ctx.stdout.write(`${clock(event.at)} ${mark} ${eventText(event, locale)}\n`));
    },
    status(text) {
      if (spinner) spinner.text = text;
    },
    note(text) {
      above(() => ctx.stderr.write(`${errTheme.muted(text)}\n`));
    },
    stop() {
      spinner?.stop();
    },
  };
}
