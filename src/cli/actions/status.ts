// `ovh-order status <orderId> [--wait]`: status, follow-up steps, price, URL and the delivered
// server's name; `--wait` polls (fair-use pace, spinner on a terminal) until delivered (exit 0) or
// cancelled (exit 1).
import type { Context } from '../../runtime/context.js';
import { openSession } from '../session.js';
import { accountLocale, commandIo, commandText, waitFor } from '../command-support.js';
import { CliError, ExitCode, InterruptedError } from '../../domain/errors.js';
import { describeStatus, parseOrderId, pollPace, readOrderStatus, waitForOrder } from '../../flows/order-status.js';
import { renderOrderStatus } from '../../ui/status-view.js';

/** Without an order id: the order journal's recent orders (unresolved checkouts looked up again). */
async function withoutOrderId(ctx: Context): Promise<number> {
  const { output } = await commandIo(ctx);
  const { runJournalStatus } = await import('../order-journal.js');
  return runJournalStatus(ctx, {
    output,
    openSession: async () => {
      try {
        return await openSession(ctx, { needAccount: true, output });
      } catch (error) {
        // The journal is readable without credentials; only the look-ups need them.
        if (error instanceof CliError && error.exitCode === ExitCode.credentials) return undefined;
        throw error;
      }
    },
  });
}

export async function run(ctx: Context, options: Record<string, unknown>, args: string[]): Promise<number> {
  if (args[0] === undefined) return withoutOrderId(ctx);
  const orderId = parseOrderId(args[0]);
  const pace = pollPace(ctx.env);
  const { output, theme } = await commandIo(ctx);
  const session = await openSession(ctx, { needAccount: true, output });
  const api = session.api;

  let report = await waitFor(ctx, output, `Reading order ${orderId}`, () => readOrderStatus(api, orderId));
  if (options.wait === true && !report.final) {
    if (!ctx.globals.json) {
      output.info(`Order ${orderId} is ${report.statusText}; waiting for delivery. Ctrl-C stops waiting, not the order.`);
      if (session.sandbox !== undefined) output.info(`In the sandbox, ${(await import('../../sandbox/orders.js')).ORDER_PACE_WORDS}.`);
    }
    const { status } = await waitForOrder(api, orderId, {
      output,
      signal: ctx.interrupt.signal,
      pace,
      initialStatus: report.status,
      onChange: (from, to) => output.info(`Order ${orderId}: ${describeStatus(from)} → ${describeStatus(to)}.`),
    }).catch((error: unknown) => {
      if (!(error instanceof InterruptedError)) throw error;
      throw new InterruptedError('Stopped waiting.', { hint: `The order goes on; follow it again with \`${commandText(ctx, `status ${orderId} --wait`)}\`.` });
    });
    report = await waitFor(ctx, output, `Reading order ${orderId}`, () => readOrderStatus(api, orderId, status));
  }

  if (ctx.globals.json) output.json(report);
  else output.result(renderOrderStatus(report, { locale: await accountLocale(session), now: ctx.now(), theme }));
  if (options.wait !== true) return ExitCode.ok;
  return report.status === 'delivered' ? ExitCode.ok : ExitCode.failure;
}
