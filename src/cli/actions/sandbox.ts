// Placeholder until this command lands (see the open issues).
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../../errors.js';

export async function run(_ctx: Context): Promise<number> {
  throw new CliError('This command is not available yet.', { code: 'not_implemented', exitCode: ExitCode.failure });
}
