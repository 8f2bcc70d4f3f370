// `ovh-order sandbox`: serve the OVH API sandbox over HTTPS until Ctrl-C, and print what a script
// needs to use it (endpoint, CA, test credentials — sandbox keys, not secrets — and the login of
// the validation page). Unknown routes are reported on stderr as they happen.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../runtime/context.js';
import { UsageError } from '../../domain/errors.js';
import { stockScheduleFromFlag } from '../stock-schedule-flag.js';
import { asDataPackUsageError, explicitEndpoint, sandboxApiFor } from '../session.js';

type Region = 'eu' | 'ca' | 'us';

function sandboxDir(ctx: Context): string {
  const configDir = ctx.env.OVH_ORDER_CONFIG_DIR;
  return configDir ? join(configDir, 'sandbox') : join(tmpdir(), 'ovh-order-sandbox');
}

/** --region, else the API --endpoint (or OVH_ENDPOINT) names, else eu; the two must agree. */
function regionOf(ctx: Context, given: string | undefined): Region {
  const fromEndpoint = sandboxApiFor(ctx).replace('ovh-', '') as Region;
  if (given === undefined) return fromEndpoint;
  const region = given as Region;
  if (!['eu', 'ca', 'us'].includes(region)) throw new UsageError(`--region "${region}" is not one of: eu, ca, us.`);
  if (explicitEndpoint(ctx)?.source === 'flags' && fromEndpoint !== region) {
    throw new UsageError(`--region ${region} and --endpoint ${ctx.globals.endpoint} name two different APIs.`, { hint: 'Give one of them.' });
  }
  return region;
}

function waitForInterrupt(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  const port = typeof options.port === 'number' ? options.port : 0;
  const latencyMs = typeof options.latency === 'number' ? options.latency : 0;
  if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port "${String(options.port)}" is not a port number (0 to 65535).`);
  const region = regionOf(ctx, typeof options.region === 'string' ? options.region : undefined);

  const stockSchedule = await stockScheduleFromFlag(ctx);
  const { startSandbox, DataPackError } = await import('../../sandbox/index.js');
  const dir = sandboxDir(ctx);
  const dataPack = ctx.globals.dataPack;
  const statePath = join(dir, dataPack === undefined ? `state-${region}.json` : `state-${region}-data-pack.json`);
  let server;
  try {
    server = await startSandbox({
      port,
      latencyMs,
      region,
      certDir: join(dir, 'certs'),
      statePath,
      onUnknownRoute: (line) => ctx.stderr.write(`${line}\n`),
      stockSchedule,
      ...(dataPack === undefined ? {} : { dataPack }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`Port ${port} is already in use.`, { hint: 'Pick another one with --port, or --port 0 for any free port.' });
    throw asDataPackUsageError(error, DataPackError);
  }
  ctx.cleanups.push(() => server.close());

  const lines = [
    `OVH API sandbox (${region}) listening on ${server.url}`,
    `CA certificate: ${server.caPath}`,
    `State: ${statePath}`,
    ...(server.dataPack
      ? [
          `Data pack: ${dataPack} (recorded catalogs and stock)`,
          ...server.dataPack.catalogs.map((c) => `  serves ${c}`),
          `  ${server.dataPack.availabilityRecords} recorded availability records`,
          ...server.dataPack.skipped.map((s) => `  skipped ${s.file}: ${s.reason}`),
        ]
      : []),
    ...(stockSchedule ? [`Stock: scripted by ${ctx.globals.stockSchedule} (${stockSchedule.steps.length} steps)`] : []),
    '',
    '# Paste into your shell (sandbox test keys, not real secrets):',
    `export OVH_ENDPOINT=${server.url}`,
    `export NODE_EXTRA_CA_CERTS=${server.caPath}`,
    `export OVH_APPLICATION_KEY=${server.credentials.appKey}`,
    `export OVH_APPLICATION_SECRET=${server.credentials.appSecret}`,
    `export OVH_CONSUMER_KEY=${server.credentials.consumerKey}`,
    '',
    `# OAuth2 client: id ${server.oauth.clientId}, secret ${server.oauth.clientSecret}, token URL ${server.tokenUrl}oauth2/token`,
    `# Validation page login: ${server.account.nichandle} / password ${server.account.password} (subsidiary ${server.account.ovhSubsidiary})`,
    '',
    'Press Ctrl-C to stop.',
  ];
  ctx.stdout.write(`${lines.join('\n')}\n`);

  await waitForInterrupt(ctx.interrupt.signal);
  await server.close();
  ctx.stderr.write('Sandbox stopped.\n');
  // Ctrl-C is the normal way to stop a server: not an interruption of work.
  return 0;
}
