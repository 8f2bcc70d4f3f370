// Shared by the wizard and engine tests: one HTTPS sandbox per test file, the real OvhApi on it,
// an Output that records what the person would read, and WizardDeps built from those.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createWizardView } from '../../src/ui/wizard-view.js';
import { OvhApi } from '../../src/ovh/api.js';
import type { Credentials } from '../../src/ovh/client.js';
import { parseEndpoint, type Endpoint } from '../../src/ovh/endpoints.js';
import { startSandbox, type SandboxLogEntry, type SandboxServer } from '../../src/sandbox/index.js';
import type { WizardDeps, WizardFlags } from '../../src/flows/wizard/index.js';
import type { Output } from '../../src/ui/output.js';
import type { Prompter } from '../../src/ui/prompter.js';
import type { Theme } from '../../src/ui/theme.js';

export interface World {
  sandbox: SandboxServer;
  endpoint: Endpoint;
  api(credentials?: Credentials): OvhApi;
}

export async function startWorld(): Promise<World> {
  const sandbox = await startSandbox();
  const endpoint = parseEndpoint(sandbox.url);
  return {
    sandbox,
    endpoint,
    api: (credentials = { kind: 'app', ...sandbox.credentials }) =>
      new OvhApi({ endpoint, credentials, trustCaPem: sandbox.caPem, retry: { maxAttempts: 1, maxTotalMs: 1_000, baseDelayMs: 1 } }),
  };
}

/**
 * The file's world: started before its tests, closed after them, its request log (and faults)
 * cleared before each test. The returned object forwards to the running world.
 */
export function useWorld(): World {
  let running: World | undefined;
  const current = (): World => {
    if (!running) throw new Error('The world is not started yet (used outside a test).');
    return running;
  };
  beforeAll(async () => {
    running = await startWorld();
  });
  afterAll(async () => {
    await running?.sandbox.close();
  });
  beforeEach(() => {
    running?.sandbox.clearLog();
    running?.sandbox.clearFaults();
  });
  return {
    get sandbox() {
      return current().sandbox;
    },
    get endpoint() {
      return current().endpoint;
    },
    api: (credentials) => current().api(credentials),
  };
}

export interface RecordingOutput extends Output {
  /** Everything written, in order, tagged with the channel. */
  readonly lines: Array<{ channel: 'result' | 'info' | 'warn' | 'success' | 'json'; text: string }>;
  /** Every line as plain text, joined. */
  text(): string;
  results(): string;
}

function recordingOutput(): RecordingOutput {
  const lines: RecordingOutput['lines'] = [];
  return {
    lines,
    text: () => lines.map((l) => l.text).join('\n'),
    results: () =>
      lines
        .filter((l) => l.channel === 'result')
        .map((l) => l.text)
        .join('\n'),
    result: (text) => lines.push({ channel: 'result', text }),
    json: (document) => lines.push({ channel: 'json', text: JSON.stringify(document) }),
    info: (text) => lines.push({ channel: 'info', text }),
    warn: (text) => lines.push({ channel: 'warn', text }),
    success: (text) => lines.push({ channel: 'success', text }),
    spin: (_label, work) => work(),
  };
}

const same = (s: string) => s;
const plainTheme: Theme = { price: same, ok: same, warn: same, error: same, muted: same, strong: same, code: same, heading: same };

export function wizardDeps(
  world: World,
  prompter: Prompter,
  flags: WizardFlags = {},
  extra: Partial<WizardDeps> = {},
): WizardDeps & { output: RecordingOutput } {
  const output = recordingOutput();
  return {
    api: world.api(),
    endpoint: world.endpoint,
    sandbox: false,
    prompter,
    output,
    view: createWizardView(plainTheme),
    now: () => new Date(),
    signal: new AbortController().signal,
    flags,
    defaultSubsidiary: world.sandbox.account.ovhSubsidiary,
    cart: { options: new Map() },
    ...extra,
  } as WizardDeps & { output: RecordingOutput };
}

/** Requests of one call (method + route pattern) in the log. */
export function callsOf(log: readonly SandboxLogEntry[], method: string, route: string): SandboxLogEntry[] {
  return log.filter((e) => e.method === method && e.route === route);
}

/** Labels posted as configuration, in order. */
export function postedLabels(log: readonly SandboxLogEntry[]): string[] {
  return callsOf(log, 'POST', '/order/cart/{cartId}/item/{itemId}/configuration').map((e) => (e.body as { label: string }).label);
}
