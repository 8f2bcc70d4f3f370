// `--stock-schedule FILE` (with --sandbox, and on `ovh-order sandbox`): the sandbox's scripted stock,
// read and checked before the sandbox starts, so a bad file is a usage error naming it.
import path from 'node:path';
import type { Context } from '../runtime/context.js';
import { UsageError } from '../domain/errors.js';
import type { StockScheduleDocument } from '../sandbox/index.js';

export async function stockScheduleFromFlag(ctx: Context): Promise<StockScheduleDocument | undefined> {
  const file = ctx.globals.stockSchedule;
  if (file === undefined) return undefined;
  const { readStockSchedule } = await import('../sandbox/index.js');
  try {
    return readStockSchedule(path.resolve(ctx.cwd, file));
  } catch (error) {
    throw new UsageError(`--stock-schedule ${file}: ${(error as Error).message}`, {
      code: 'invalid_stock_schedule',
      hint: 'Write it like {"steps":[{"fromRequest":1,"stock":{"24rise01":"unavailable"}},{"fromRequest":3,"stock":{"24rise01":{"gra":"1H-high"}}}]} (see README, "Scripted stock").',
    });
  }
}

/** A schedule only means something to the sandbox. */
export function refuseStockScheduleWithoutSandbox(ctx: Pick<Context, 'globals'>): void {
  if (ctx.globals.stockSchedule !== undefined && !ctx.globals.sandbox) {
    throw new UsageError("--stock-schedule scripts the sandbox's stock: use it with --sandbox (or on `ovh-order sandbox`).", {
      code: 'stock_schedule_without_sandbox',
    });
  }
}
