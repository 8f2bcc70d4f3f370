// `ovh-order wizard`: the interactive order. Needs a terminal (without one: exit 2 and a pointer to
// `ovh-order order`). Ctrl-C anywhere ends with exit 130 and one line naming the cart and how to
// resume or delete it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../runtime/context.js';
import { ExitCode, InterruptedError, UsageError } from '../../domain/errors.js';
import { parseDatacenterList } from '../../domain/places.js';
import { RANGES, type Range } from '../../domain/offer-model.js';
import type { OrderSpec } from '../../domain/order-spec.js';
import type { WizardDeps, WizardFlags } from '../../flows/wizard/index.js';
import type { CheckoutHooks } from '../../flows/checkout.js';
import { canSign } from '../command-support.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function wizardFlags(options: Record<string, unknown>): WizardFlags {
  const range = text(options.range);
  if (range !== undefined && !(RANGES as readonly string[]).includes(range)) {
    throw new UsageError(`Unknown range "${range}". Allowed: ${RANGES.join(', ')}.`, { code: 'invalid_range' });
  }
  const datacenters = text(options.datacenter);
  return {
    range: range as Range | undefined,
    subsidiary: text(options.subsidiary),
    search: text(options.search),
    minRam: typeof options.minRam === 'number' ? options.minRam : undefined,
    maxPrice: typeof options.maxPrice === 'number' ? options.maxPrice : undefined,
    datacenters: datacenters ? parseDatacenterList(datacenters) : undefined,
    cart: text(options.cart),
    dryRun: options.dryRun === true,
    save: text(options.save),
    waiveRetraction: options.waiveRetraction === true,
    refresh: options.refresh === true,
  };
}

/** Checkout hooks built on first use (so a wizard that orders nothing never opens the journal). */
function lazyHooks(build: () => Promise<CheckoutHooks>): CheckoutHooks {
  let hooks: Promise<CheckoutHooks> | undefined;
  const get = () => (hooks ??= build());
  return {
    before: async (attempt) => (await get()).before?.(attempt),
    after: async (order, attempt) => (await get()).after?.(order, attempt),
    failed: async (error, attempt) => (await get()).failed?.(error, attempt),
  };
}

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const flags = wizardFlags(options);
  if (!ctx.canPrompt()) {
    throw new UsageError('The wizard asks questions, and there is no terminal to ask them on.', {
      code: 'no_terminal',
      hint: 'To order without a terminal, use `ovh-order order` with flags or a spec file (see `ovh-order order --help`).',
    });
  }
  const [{ createOutput }, { createTheme }, { createWizardView }, { createInquirerPrompter }, { openSession }, { runWizard, resumeLine }] = await Promise.all([
    import('../../ui/terminal-output.js'),
    import('../../ui/theme.js'),
    import('../../ui/wizard-view.js'),
    import('../../ui/inquirer-prompter.js'),
    import('../session.js'),
    import('../../flows/wizard/index.js'),
  ]);
  const output = createOutput(ctx);
  const prompter = ctx.prompter ?? createInquirerPrompter(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  const sandbox = session.sandbox !== undefined;
  const cache = (await import('../../config/catalog-cache.js')).openCatalogCache(ctx.env, { now: () => ctx.now() });

  const deps: WizardDeps = {
    api: session.api,
    endpoint: session.endpoint,
    catalogCacheKey: session.catalogCacheKey,
    sandbox,
    prompter,
    output,
    view: createWizardView(createTheme(ctx)),
    now: () => ctx.now(),
    signal: ctx.interrupt.signal,
    flags,
    defaultSubsidiary: session.defaultSubsidiary,
    canSign: canSign(session),
    cache,
    cart: { options: new Map() },
    async login() {
      const { login } = await import('./login.js');
      const code = await login(ctx, {}, { prompter, output });
      if (code !== 0) return undefined;
      return (await openSession(ctx, { needAccount: true, output })).api;
    },
    // The order journal (written before the POST, recovery after a lost answer), opened only at checkout.
    checkoutHooks: lazyHooks(async () => {
      const { wizardCheckoutHooks } = await import('../order-journal.js');
      return wizardCheckoutHooks(ctx, session, output, prompter, () => deps.api);
    }),
    async saveSpec(spec: OrderSpec) {
      const file = path.resolve(ctx.cwd, flags.save!);
      await writeFile(file, `${JSON.stringify(spec, null, 2)}\n`, 'utf8');
      return flags.save!;
    },
  };

  try {
    await runWizard(deps);
    await cache?.flush();
    return ExitCode.ok;
  } catch (error) {
    const cartId = deps.cart.session?.cartId;
    if (error instanceof InterruptedError) {
      // One line: what was interrupted, and the cart to resume or delete.
      const said = error.message === 'Interrupted.' ? 'Interrupted.' : `${error.message}${error.hint ? ` ${error.hint}` : ''}`;
      ctx.stderr.write(`\n${said}${cartId && error.message === 'Interrupted.' ? ` ${resumeLine(cartId, sandbox)}` : ''}\n`);
      return ExitCode.interrupted;
    }
    // After a checkout attempt the cart may have become an order: the error itself says what to check.
    if (cartId && !deps.cart.checkoutStarted) output.info(resumeLine(cartId, sandbox));
    throw error;
  }
}
