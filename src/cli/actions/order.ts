// `ovh-order order`: the unattended order, from flags or from `--spec FILE` (flags override it).
// Every value is checked before anything is posted; nothing is bought without --yes or a "yes" at
// the terminal; `--json` prints one document `{cartId, preview, order, …}`.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../../runtime/context.js';
import { openSession, sameEndpointInput } from '../session.js';
import { orderCheckoutHooks } from '../order-journal.js';
import { commandIo, commandText, localeFor } from '../command-support.js';
import { UsageError } from '../../domain/errors.js';
import { openCatalogCache } from '../../config/catalog-cache.js';
import { parseConfigFlags } from '../../domain/configuration.js';
import { moneyFromCartPrice } from '../../domain/money.js';
import type { OrderSpecFlags } from '../../domain/order-spec.js';
import { orderUnattended, type OrderPresenter } from '../../flows/order-unattended.js';
import { formatDuration, formatMoney } from '../../ui/format.js';
import { renderPreview } from '../../ui/preview-view.js';
import { confirmationQuestion, purchaseFacts, renderPurchaseSummary } from '../../ui/purchase-summary.js';
import { renderOrderPlaced } from '../../ui/wizard-view.js';

/** A spec is a few hundred bytes; anything much bigger is not one. */
const SPEC_MAX_BYTES = 1024 * 1024;

/**
 * Reads and parses `--spec FILE` (JSON): a regular file of at most 1 MB (a device would be read
 * without end, a FIFO would block). UsageError naming the file when it cannot.
 */
export function readSpecFile(ctx: Context, file: string): unknown {
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    // Checked before opening: opening a FIFO blocks until a writer comes, and ignores signals meanwhile.
    const stat = statSync(full);
    if (!stat.isFile()) {
      throw new UsageError(`--spec ${file} is not a regular file; a spec is a JSON file (of at most 1 MB).`, {
        code: 'invalid_spec',
        hint: 'Write one with `ovh-order wizard --save <file>`.',
      });
    }
    if (stat.size > SPEC_MAX_BYTES) {
      throw new UsageError(`--spec ${file} is larger than 1 MB (${stat.size} bytes); a spec is a small JSON file.`, {
        code: 'invalid_spec',
        hint: 'Write one with `ovh-order wizard --save <file>`.',
      });
    }
    text = readFileSync(full, 'utf8');
    if (Buffer.byteLength(text) > SPEC_MAX_BYTES) throw new UsageError(`--spec ${file} is larger than 1 MB.`, { code: 'invalid_spec' });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `Cannot read the spec file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`,
      {
        code: 'invalid_spec',
        hint: 'Write one with `ovh-order wizard --save <file>`.',
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The spec file ${file} is not valid JSON: ${(error as Error).message}`, {
      code: 'invalid_spec',
      hint: 'Write one with `ovh-order wizard --save <file>`.',
    });
  }
}

/** The spec's `endpoint` is used when neither --endpoint, OVH_ENDPOINT nor --sandbox says which API. */
function useSpecEndpoint(ctx: Context, document: unknown, warn: (text: string) => void): void {
  const wanted = (document as { endpoint?: unknown } | undefined)?.endpoint;
  if (typeof wanted !== 'string' || wanted === '' || ctx.globals.sandbox) return;
  const given = ctx.globals.endpoint;
  if (given === undefined) ctx.globals.endpoint = wanted;
  else if (!sameEndpointInput(given, wanted)) warn(`The spec was written for ${wanted}; ordering on ${given} as asked.`);
}

function specFlags(options: Record<string, unknown>): OrderSpecFlags {
  const text = (key: string) => (typeof options[key] === 'string' ? options[key] : undefined);
  const list = (key: string) => (Array.isArray(options[key]) ? (options[key] as string[]) : undefined);
  const configs = list('config');
  return {
    range: text('range'),
    subsidiary: text('subsidiary'),
    plan: text('plan'),
    duration: text('duration'),
    pricingMode: text('pricingMode'),
    commitment: typeof options.commitment === 'number' ? options.commitment : undefined,
    upfront: options.upfront === true ? true : undefined,
    quantity: typeof options.quantity === 'number' ? options.quantity : undefined,
    datacenter: text('datacenter'),
    os: text('os'),
    option: list('option'),
    config: configs ? parseConfigFlags(configs) : undefined,
  };
}

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  // Flags first: a malformed one fails before any call.
  const flags = specFlags(options);
  const specFile = typeof options.spec === 'string' ? options.spec : undefined;
  const specDocument = specFile === undefined ? undefined : readSpecFile(ctx, specFile);

  const { output, theme } = await commandIo(ctx);
  useSpecEndpoint(ctx, specDocument, (text) => output.warn(text));
  const session = await openSession(ctx, { needAccount: true, output });
  const cache = openCatalogCache(ctx.env, { now: () => ctx.now() });
  ctx.cleanups.push(() => cache.flush());
  let locale = localeFor(session, flags.subsidiary);

  const money = (m: { micros: number; currency: string }) => formatMoney(m.micros, m.currency, locale);
  const presenter: OrderPresenter = {
    money,
    total: (order) => money(moneyFromCartPrice(order.prices.withTax)),
    preview(order, spec, offer) {
      locale = localeFor(session, spec.subsidiary);
      const summary = renderPurchaseSummary(order, purchaseFacts(spec, offer), { locale, theme });
      output.result(`${renderPreview(order, { locale, theme, period: formatDuration(spec.duration), summary, cut: ctx.stdout.isTTY === true })}\n`);
    },
    question: (order, spec, offer) => confirmationQuestion(order, purchaseFacts(spec, offer), locale),
    placed(result, preview, autopay) {
      output.result(
        renderOrderPlaced(
          {
            orderId: result.orderId,
            url: result.url,
            autopay,
            total: money(moneyFromCartPrice(preview.prices.withTax)),
            statusCommand: commandText(ctx, `status ${result.orderId} --wait`),
          },
          theme,
        ),
      );
    },
  };

  const report = await orderUnattended(
    {
      api: session.api,
      output,
      presenter,
      prompter: ctx.canPrompt() ? async () => ctx.prompter ?? (await import('../../ui/inquirer-prompter.js')).createInquirerPrompter(ctx) : undefined,
      signal: ctx.interrupt.signal,
      now: () => ctx.now(),
      endpointSubsidiaries: session.endpoint.subsidiaries,
      defaultSubsidiary: session.defaultSubsidiary,
      cache,
      endpointKey: session.catalogCacheKey,
      json: ctx.globals.json,
      command: (args) => commandText(ctx, args),
      // A cold start has no cached offset: /auth/time then runs beside the catalog (its failure is the cart's to report).
      prefetchClock: () => {
        if (session.credentials.kind === 'app' && session.credentials.consumerKey) session.api.getTimeOffset().catch(() => undefined);
      },
      // The order journal: refuses a second order of the same thing while an earlier checkout is unresolved (unless --force).
      checkoutHooks: (spec) => orderCheckoutHooks(ctx, session, output, spec, { force: options.force === true, dryRun: options.dryRun === true }),
    },
    {
      specDocument,
      specSource: specFile === undefined ? undefined : `Spec file ${specFile}`,
      flags,
      behaviour: {
        dryRun: options.dryRun === true,
        yes: options.yes === true,
        autopay: options.autopay === true,
        waiveRetraction: options.waiveRetraction === true,
        maxPrice: typeof options.maxPrice === 'number' ? options.maxPrice : undefined,
        keepCart: options.keepCart === true,
      },
    },
  );

  if (ctx.globals.json) {
    output.json(report);
  } else if (report.outcome === 'dry-run') {
    output.info('To order it, run the same command with --yes instead of --dry-run.');
  }
  return 0;
}
