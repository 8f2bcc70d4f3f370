// `ovh-order watch`: wait for stock and say when an offer can be ordered; with --order (and its hard
// limits) order it first. Flags are checked before any call; the loop is src/flows/watch.ts, the
// events and transitions src/domain/watch.ts, the state src/config/watch-state.ts.
import type { Context } from '../context.js';
import { openSession } from '../session.js';
import { commandIo, localeFor, pickSubsidiary, waitFor } from '../command-support.js';
import { readSpecFile } from './order.js';
import { UsageError } from '../../errors.js';
import { openCatalogCache } from '../../config/catalog-cache.js';
import { openWatchState } from '../../config/watch-state.js';
import type { Range } from '../../domain/offer-model.js';
import { KNOWN_DATACENTERS, parseDatacenterList } from '../../domain/places.js';
import { parseMaxDelay, type StockRule } from '../../domain/watch.js';
import { CALLS_PER_MINUTE } from '../../domain/watch-pacing.js';
import { runWatch } from '../../flows/watch.js';
import { CallBudget, realClock } from '../../flows/watch-budget.js';
import { commandChannel, ntfyChannel, Notifier, telegramChannel, webhookChannel, TELEGRAM_API, type Channel } from '../../flows/watch-notify.js';
import { resolveWatchTargets } from '../../flows/watch-targets.js';
import { createWatchScreen, eventText, type EventFacts } from '../../ui/watch-view.js';

interface WatchFlags {
  plans: string[];
  range?: Range;
  specFile?: string;
  search?: string;
  minRamGb?: number;
  maxPrice?: number;
  subsidiary?: string;
  datacenters: string[];
  maxDelayHours?: number;
  intervalMs: number;
  once: boolean;
  order: boolean;
  yes: boolean;
  maxOrders: number;
  autopay: boolean;
  waiveRetraction: boolean;
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} "${value}" is not a URL.`, { code: 'invalid_url', hint: `Give an http(s) URL, e.g. ${flag} https://example.com/hook` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${flag} "${value}" must be an http or https URL.`, { code: 'invalid_url' });
  return url.href;
}

function parseFlags(options: Record<string, unknown>): WatchFlags {
  const text = (key: string) => (typeof options[key] === 'string' && options[key] !== '' ? (options[key] as string) : undefined);
  const datacenters = text('datacenter') ? parseDatacenterList(text('datacenter')!) : [];
  const unknown = datacenters.filter((d) => !KNOWN_DATACENTERS.includes(d));
  if (unknown.length > 0) throw new UsageError(`--datacenter: unknown datacenter ${unknown.map((d) => `"${d}"`).join(', ')}. Allowed: ${KNOWN_DATACENTERS.join(', ')}.`, { code: 'invalid_datacenter' });
  let maxDelayHours: number | undefined;
  if (text('maxDelay') !== undefined) {
    const hours = parseMaxDelay(text('maxDelay')!);
    if (hours === null || hours <= 0) throw new UsageError(`--max-delay "${text('maxDelay')}" is not a delay: write it in hours or days, e.g. 24h, 72h or 3d.`, { code: 'invalid_max_delay' });
    maxDelayHours = hours;
  }
  const flags: WatchFlags = {
    plans: Array.isArray(options.plan) ? (options.plan as string[]) : [],
    range: text('range') as Range | undefined,
    specFile: text('spec'),
    search: text('search'),
    minRamGb: options.minRam as number | undefined,
    maxPrice: options.maxPrice as number | undefined,
    subsidiary: text('subsidiary'),
    datacenters,
    maxDelayHours,
    intervalMs: Math.round((options.interval as number) * 1000),
    once: options.once === true,
    order: options.order === true,
    yes: options.yes === true,
    maxOrders: (options.maxOrders as number | undefined) ?? 1,
    autopay: options.autopay === true,
    waiveRetraction: options.waiveRetraction === true,
  };
  if (flags.order) {
    if (flags.maxPrice === undefined) {
      throw new UsageError('--order needs --max-price: the watch never buys without a ceiling (the quote total without tax, setup included).', { code: 'order_needs_max_price', hint: 'For example: --order --max-price 120 --yes' });
    }
    if (!flags.yes) throw new UsageError('--order needs --yes: nobody is there to confirm when stock appears.', { code: 'confirmation_required', hint: 'Add --yes to let the watch buy within --max-price and --max-orders.' });
  } else {
    const orderOnly = [['yes', '--yes'], ['autopay', '--autopay'], ['waiveRetraction', '--waive-retraction']].filter(([key]) => options[key!] === true).map(([, flag]) => flag);
    if (options.maxOrders !== undefined && options.maxOrders !== 1) orderOnly.push('--max-orders');
    if (orderOnly.length > 0) throw new UsageError(`${orderOnly.join(', ')} only mean something with --order.`, { code: 'order_flag_without_order' });
  }
  return flags;
}

function channelsFrom(ctx: Context, options: Record<string, unknown>): { channels: Channel[]; secrets: string[] } {
  const channels: Channel[] = [];
  if (typeof options.notifyCommand === 'string' && options.notifyCommand.trim() !== '') channels.push(commandChannel(options.notifyCommand, ctx.env));
  for (const url of Array.isArray(options.webhook) ? (options.webhook as string[]) : []) channels.push(webhookChannel(httpUrl('--webhook', url)));
  if (typeof options.ntfy === 'string') channels.push(ntfyChannel(httpUrl('--ntfy', options.ntfy)));
  const token = ctx.env.OVH_ORDER_TELEGRAM_TOKEN?.trim();
  const chat = ctx.env.OVH_ORDER_TELEGRAM_CHAT_ID?.trim();
  if (token || chat) {
    if (!token || !chat) throw new UsageError(`Telegram needs both OVH_ORDER_TELEGRAM_TOKEN and OVH_ORDER_TELEGRAM_CHAT_ID; only ${token ? 'the token' : 'the chat id'} is set.`, { code: 'telegram_incomplete' });
    const base = ctx.env.OVH_ORDER_TELEGRAM_API_URL ? httpUrl('OVH_ORDER_TELEGRAM_API_URL', ctx.env.OVH_ORDER_TELEGRAM_API_URL) : TELEGRAM_API;
    channels.push(telegramChannel(token, chat, base));
  }
  return { channels, secrets: token ? [token] : [] };
}

function clockText(date: Date): string {
  return date.toISOString().slice(11, 19);
}

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const flags = parseFlags(options);
  const { channels, secrets } = channelsFrom(ctx, options);
  const specDocument = flags.specFile === undefined ? undefined : readSpecFile(ctx, flags.specFile);

  const fixedTargets = flags.plans.length > 0 || specDocument !== undefined;
  if (fixedTargets && flags.maxPrice !== undefined && !flags.order) {
    throw new UsageError('With --plan or --spec, --max-price is the ceiling of an order: use it with --order (as a requirement, it goes with --range, --search or --min-ram).', { code: 'max_price_without_order' });
  }
  const { output } = await commandIo(ctx);
  // The watch backs off itself; a client retry would be a call outside its pacing.
  const session = await openSession(ctx, { needAccount: flags.order, output, retry: { maxAttempts: 1, maxTotalMs: 0, baseDelayMs: 0 } });
  const clock = realClock;
  const budget = new CallBudget(clock, CALLS_PER_MINUTE);
  const signal = ctx.interrupt.signal;
  const api = budget.wrap(session.api, { signal });
  const subsidiary = await pickSubsidiary(ctx, session, output, flags.subsidiary);
  const locale = localeFor(session, subsidiary);
  const cache = openCatalogCache(ctx.env, { now: () => ctx.now() });
  ctx.cleanups.push(() => cache.flush());

  const resolved = await waitFor(ctx, output, 'Reading the catalog', () =>
    resolveWatchTargets(
      api,
      { plans: flags.plans, range: flags.range, specDocument, specSource: flags.specFile ? `Spec file ${flags.specFile}` : undefined, search: flags.search, minRamGb: flags.minRamGb, maxMonthly: fixedTargets ? undefined : flags.maxPrice },
      { subsidiary, cache, endpointKey: session.endpoint.name, now: () => ctx.now() },
    ),
  );
  const rule: StockRule = {
    datacenters: flags.datacenters.length > 0 ? flags.datacenters : resolved.spec ? [resolved.spec.datacenter] : [],
    ...(flags.maxDelayHours !== undefined ? { maxDelayHours: flags.maxDelayHours } : {}),
  };
  const identity = JSON.stringify({ endpoint: session.sandbox ? 'sandbox' : session.endpoint.apiUrl, subsidiary, targets: resolved.targets.map((t) => t.key).sort(), rule });
  const state = openWatchState(ctx.env, identity, output.warn);

  const screen = await createWatchScreen(ctx, locale);
  const notifier = new Notifier(channels, clock, (text) => screen.note(`! ${text}`), secrets);
  const emit = async (event: EventFacts): Promise<void> => {
    screen.event(event);
    notifier.notify({ event: event as unknown as { event: string }, text: eventText(event, locale) });
  };

  const names = resolved.targets.length <= 3 ? resolved.targets.map((t) => `${t.name} (${t.planCode})`).join(', ') : `${resolved.targets.length} offers`;
  const where = rule.datacenters.length > 0 ? ` in ${rule.datacenters.join(', ')}` : '';
  const delay = rule.maxDelayHours !== undefined ? `, delivery within ${rule.maxDelayHours} h` : '';
  screen.note(
    flags.once
      ? `Checking ${names}${where}${delay}.`
      : `Watching ${names}${where}${delay}: a stock check every ${flags.intervalMs / 1000} s, at most ${CALLS_PER_MINUTE} API calls a minute. Ctrl-C stops.`,
  );

  try {
    const result = await runWatch({
      api,
      targets: resolved.targets,
      rule,
      intervalMs: flags.intervalMs,
      once: flags.once,
      state,
      clock,
      random: Math.random,
      signal,
      reporter: {
        event: (event) => emit(event as unknown as EventFacts),
        checked: (s) => screen.status(`${names}: ${s.inStock > 0 ? `${s.inStock} in stock` : 'no stock'} · last check ${clockText(s.at)}${s.nextAt ? ` · next ${clockText(s.nextAt)}` : ''}`),
        trouble: (text) => screen.note(`! ${text}`),
      },
    });
    screen.stop();
    await notifier.settle();
    if (!flags.once) output.info(`Watch stopped after ${result.checks} check${result.checks === 1 ? '' : 's'} (${budget.total} API calls).`);
    return flags.once ? (result.orderable ? 0 : 1) : 0;
  } finally {
    screen.stop();
  }
}
