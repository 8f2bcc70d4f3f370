// `ovh-order watch`: wait for stock and say when an offer can be ordered; with --order (and its hard
// limits) order it first. Flags are checked before any call; the loop is src/flows/watch.ts, the
// events and transitions src/domain/watch.ts, the state src/config/watch-state.ts.
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { commandIo, localeFor, pickSubsidiary, waitFor } from '../command-support.js';
import { readSpecFile } from './order.js';
import { UsageError } from '../../domain/errors.js';
import { openCatalogCache } from '../../config/catalog-cache.js';
import { openWatchState } from '../../config/watch-state.js';
import type { Range } from '../../domain/offer-model.js';
import { KNOWN_DATACENTERS, parseDatacenterList } from '../../domain/places.js';
import { parseMaxDelay, type StockRule } from '../../domain/watch.js';
import { CALLS_PER_MINUTE } from '../../domain/watch-pacing.js';
import { runWatch } from '../../flows/watch.js';
import { CallBudget, realClock, type WatchClock } from '../../flows/watch-budget.js';
import { commandChannel, ntfyChannel, Notifier, telegramChannel, webhookChannel, TELEGRAM_API, type Channel } from '../../flows/watch-notify.js';
import { resolveWatchTargets, type ResolvedWatch } from '../../flows/watch-targets.js';
import { CartKeeper, MAX_PREPARED_CARTS, specFor } from '../../flows/watch-order.js';
import { checkPaymentMethod } from '../../flows/order-unattended.js';
import { createWatchScreen, eventText, type EventFacts, type WatchScreen } from '../../ui/watch-view.js';
import type { Output } from '../../ui/output.js';
import type { OvhApi } from '../../ovh/api.js';
import type { Session } from '../session.js';
import { openOrderJournal, orderCheckoutHooks } from '../order-journal.js';
import { JOURNAL_MAX_ENTRIES } from '../../config/journal.js';
import { createHash } from 'node:crypto';

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
  const text = (key: string) => {
    const value = options[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const datacenters = text('datacenter') ? parseDatacenterList(text('datacenter')!) : [];
  const unknown = datacenters.filter((d) => !KNOWN_DATACENTERS.includes(d));
  if (unknown.length > 0)
    throw new UsageError(`--datacenter: unknown datacenter ${unknown.map((d) => `"${d}"`).join(', ')}. Allowed: ${KNOWN_DATACENTERS.join(', ')}.`, {
      code: 'invalid_datacenter',
    });
  let maxDelayHours: number | undefined;
  if (text('maxDelay') !== undefined) {
    const hours = parseMaxDelay(text('maxDelay')!);
    if (hours === null || hours <= 0)
      throw new UsageError(`--max-delay "${text('maxDelay')}" is not a delay: write it in hours or days, e.g. 24h, 72h or 3d.`, { code: 'invalid_max_delay' });
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
      throw new UsageError('--order needs --max-price: the watch never buys without a ceiling (the quote total without tax, setup included).', {
        code: 'order_needs_max_price',
        hint: 'For example: --order --max-price 120 --yes',
      });
    }
    if (!flags.yes)
      throw new UsageError('--order needs --yes: nobody is there to confirm when stock appears.', {
        code: 'confirmation_required',
        hint: 'Add --yes to let the watch buy within --max-price and --max-orders.',
      });
  } else {
    const orderOnly = [
      ['yes', '--yes'],
      ['autopay', '--autopay'],
      ['waiveRetraction', '--waive-retraction'],
    ]
      .filter(([key]) => options[key!] === true)
      .map(([, flag]) => flag);
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
    if (!token || !chat)
      throw new UsageError(`Telegram needs both OVH_ORDER_TELEGRAM_TOKEN and OVH_ORDER_TELEGRAM_CHAT_ID; only ${token ? 'the token' : 'the chat id'} is set.`, {
        code: 'telegram_incomplete',
      });
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
    throw new UsageError(
      'With --plan or --spec, --max-price is the ceiling of an order: use it with --order (as a requirement, it goes with --range, --search or --min-ram).',
      { code: 'max_price_without_order' },
    );
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
      {
        plans: flags.plans,
        range: flags.range,
        specDocument,
        specSource: flags.specFile ? `Spec file ${flags.specFile}` : undefined,
        search: flags.search,
        minRamGb: flags.minRamGb,
        maxMonthly: fixedTargets ? undefined : flags.maxPrice,
      },
      { subsidiary, cache, endpointKey: session.catalogCacheKey, now: () => ctx.now() },
    ),
  );
  const rule: StockRule = {
    datacenters: flags.datacenters.length > 0 ? flags.datacenters : resolved.spec ? [resolved.spec.datacenter] : [],
    ...(flags.maxDelayHours !== undefined ? { maxDelayHours: flags.maxDelayHours } : {}),
  };
  const identity = JSON.stringify({
    endpoint: session.sandbox ? 'sandbox' : session.endpoint.apiUrl,
    subsidiary,
    targets: resolved.targets.map((t) => t.key).sort(),
    rule,
  });
  const state = openWatchState(ctx.env, identity, (text) => output.warn(text));

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

  const keeper = flags.order
    ? await startOrdering(ctx, { session, output, budget, clock, screen, emit, flags, identity, resolved, rule, subsidiary, signal, api })
    : undefined;

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
      ...(keeper ? { orderer: keeper } : {}),
      reporter: {
        event: (event) => emit(event),
        checked: (s) =>
          screen.status(
            `${names}: ${s.inStock > 0 ? `${s.inStock} in stock` : 'no stock'} · last check ${clockText(s.at)}${s.nextAt ? ` · next ${clockText(s.nextAt)}` : ''}`,
          ),
        trouble: (text) => screen.note(`! ${text}`),
      },
    });
    screen.stop();
    await keeper?.close();
    await notifier.settle();
    if (!flags.once) output.info(`Watch stopped after ${result.checks} check${result.checks === 1 ? '' : 's'} (${budget.total} API calls).`);
    return flags.once ? (result.orderable ? 0 : 1) : 0;
  } finally {
    screen.stop();
  }
}

interface OrderingSetup {
  session: Session;
  output: Output;
  budget: CallBudget;
  clock: WatchClock;
  screen: WatchScreen;
  emit(event: EventFacts): Promise<void>;
  flags: WatchFlags;
  identity: string;
  resolved: ResolvedWatch;
  rule: StockRule;
  subsidiary: string;
  signal: AbortSignal;
  api: OvhApi;
}

/**
 * --order: the rules of `order` checked before the watch starts (payment method with --autopay, the
 * waiver said out loud), the journal's count of this watch's orders, and the carts made ready for
 * each watched spec in each preferred datacenter (deleted when the watch ends, Ctrl-C included).
 */
async function startOrdering(ctx: Context, setup: OrderingSetup): Promise<CartKeeper> {
  const { session, output, budget, flags, screen } = setup;
  const quiet: Output = {
    result: () => {},
    json: () => {},
    info: () => {},
    success: () => {},
    warn: (text) => screen.note(`! ${text}`),
    spin: (_label, work) => work(),
  };
  if (flags.autopay) await checkPaymentMethod({ api: setup.api, output: quiet, signal: setup.signal });
  if (flags.waiveRetraction)
    output.warn(
      '--waive-retraction: every order of this watch gives up the legal withdrawal period (OVHcloud may deliver at once, without the right to cancel and be refunded).',
    );
  const source = `watch:${createHash('sha256').update(setup.identity).digest('hex').slice(0, 16)}`;
  const journal = openOrderJournal(ctx, output);
  const ordersPlaced = () => journal.recent(JOURNAL_MAX_ENTRIES).filter((e) => e.source === source && e.state !== 'not-ordered').length;
  // Carts are kept ready where the datacenter is known in advance: fixed targets × the preference list.
  const slots =
    setup.resolved.mode === 'requirements'
      ? []
      : setup.resolved.targets.flatMap((target) =>
          setup.rule.datacenters.map((datacenter) => ({ target, datacenter, spec: specFor(target, datacenter, setup.subsidiary, setup.resolved.spec) })),
        );
  budget.setReserve(Math.min(slots.length, MAX_PREPARED_CARTS));
  const keeper = new CartKeeper(
    {
      api: setup.api,
      checkoutApi: budget.wrap(session.api),
      finalApi: budget.wrap(session.api, { final: true }),
      subsidiary: setup.subsidiary,
      maxPrice: flags.maxPrice!,
      maxOrders: flags.maxOrders,
      autopay: flags.autopay,
      waiveRetraction: flags.waiveRetraction,
      ordersPlaced,
      hooksFor: (spec) => orderCheckoutHooks(ctx, session, quiet, spec, { force: false, dryRun: false, source }),
      emit: (event) => setup.emit(event),
      note: (text) => screen.note(text),
      output: quiet,
      clock: setup.clock,
      monotonic: () => performance.now(),
      signal: setup.signal,
    },
    slots,
  );
  ctx.cleanups.push(() => keeper.close());
  if (keeper.ordersLeft === 0) {
    screen.note(
      `This watch already placed ${flags.maxOrders} order${flags.maxOrders > 1 ? 's' : ''} (--max-orders ${flags.maxOrders}, counted in the journal): it only alerts now.`,
    );
  } else {
    screen.note(
      `Ordering when stock appears: at most ${keeper.ordersLeft} order${keeper.ordersLeft > 1 ? 's' : ''}, each only if the quote's total without tax is at most ${flags.maxPrice}${slots.length > 0 ? `; preparing ${Math.min(slots.length, MAX_PREPARED_CARTS)} cart${slots.length > 1 ? 's' : ''} now` : ''}.`,
    );
    // Runs beside the first checks: a slot whose cart is still being prepared waits for it.
    void keeper.prepareAll();
  }
  return keeper;
}
