// `ovh-order completion bash|zsh|fish`: prints the script (src/cli/completion-script.ts) on stdout.
// `--list plans` (hidden) is what the scripts call for plan codes: read from the catalog cache, with
// no network and no credentials, so TAB stays instant and works offline.
import type { Command } from 'commander';
import type { Context } from '../../runtime/context.js';
import { UsageError, listAllowed } from '../../domain/errors.js';
import { KNOWN_DATACENTERS } from '../../domain/places.js';
import { ALL_SUBSIDIARIES, ENDPOINT_PRESETS } from '../../ovh/endpoints.js';
import { cachedPlanCodes } from '../../config/catalog-cache.js';
import { SHELLS, completionScript, type Shell } from '../completion-script.js';

export function run(ctx: Context, options: Record<string, unknown>, args: string[], command: Command): Promise<number> {
  if (options.list === 'plans') {
    const codes = cachedPlanCodes(ctx.env);
    if (codes.length > 0) ctx.stdout.write(`${codes.join('\n')}\n`);
    return Promise.resolve(0);
  }
  const shell = args[0] ?? '';
  if (!(SHELLS as readonly string[]).includes(shell)) {
    const what = shell === '' ? 'Name the shell to complete for.' : `"${shell}" is not a shell ovh-order completes for.`;
    throw new UsageError(what, { code: 'invalid_shell', hint: `Allowed: ${listAllowed(SHELLS)} (e.g. \`source <(ovh-order completion bash)\`).` });
  }
  let program = command;
  while (program.parent) program = program.parent;
  const known = { subsidiaries: ALL_SUBSIDIARIES, datacenters: KNOWN_DATACENTERS, endpoints: ENDPOINT_PRESETS };
  ctx.stdout.write(completionScript(shell as Shell, program, known));
  return Promise.resolve(0);
}
