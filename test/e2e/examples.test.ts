// Every example a person can copy — each `--help`'s Examples section (commander's commands walked)
// and each `ovh-order …` line of README's shell blocks — is run against the sandbox (`--sandbox`,
// an isolated config dir) and must work. What a real account, a terminal or a third party would
// decide is replaced by what the test can make: a real sandbox order and cart for the ids, a spec
// file written by `order --dry-run --json`, a stock schedule; `--dry-run` where the line would buy;
// `--once` where it would wait for stock forever; the wizard in a pseudo-terminal up to its first
// question (then Ctrl-C, exit 130). Skipped, and counted: lines needing a real application key or
// posting to a third party (ntfy.sh, Slack). The documented non-zero exits are named in planFor.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { RECORDED_DIR, recordedPresent, runningInCi } from '../helpers/data-pack.js';
import { ptyAvailable, spawnPty } from '../helpers/pty.js';
import { freshBinPath, isolatedEnv, repoRoot, runCli } from '../helpers/run-cli.js';
import { createTestContext } from '../helpers/test-context.js';

/** The placeholders examples use, replaced by real sandbox values once they exist. */
const EXAMPLE_CART = '5b2a6b4e-2f3c-4f0e-9a51-3c1d2e4f5a6b';
const EXAMPLE_ORDER = '123456789';

interface Example {
  /** Where it was read: `order --help` or `README:413`. */
  source: string;
  /** The shell text, as written. */
  text: string;
}

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length > 0 ? commandPaths(sub, path) : [path];
  });
}

async function helpExamples(): Promise<Example[]> {
  const paths = [[], ...commandPaths(buildProgram(createTestContext()))];
  const examples: Example[] = [];
  for (const path of paths) {
    const help = await runCli([...path, '--help']);
    expect(help.code, `${path.join(' ')} --help`).toBe(0);
    const section = /\nExamples:\n((?: {2}\$ .*\n)+)/.exec(help.stdout);
    expect(section, `${['ovh-order', ...path].join(' ')} --help has examples`).not.toBeNull();
    for (const line of section![1]!.trimEnd().split('\n'))
      examples.push({ source: `${['ovh-order', ...path, '--help'].join(' ')}`, text: line.replace(/^ {2}\$ /, '') });
  }
  return examples;
}

/** `ovh-order …` lines of README's ```sh blocks; a block that chains commands through variables is one example. */
function readmeExamples(): Example[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const examples: Example[] = [];
  const block = /```sh\n([\s\S]*?)\n```/g;
  for (let match = block.exec(readme); match; match = block.exec(readme)) {
    const startLine = readme.slice(0, match.index).split('\n').length + 1;
    const lines = match[1]!.split('\n');
    if (lines.some((l) => /=\$\(ovh-order /.test(l))) {
      examples.push({ source: `README:${startLine}`, text: lines.join('\n') });
      continue;
    }
    lines.forEach((line, i) => {
      if (/^(?:source <\()?ovh-order /.test(line) && !isSynopsis(line)) examples.push({ source: `README:${startLine + i}`, text: line });
    });
  }
  return examples;
}

/** A usage line (`[--json]`, `<cartId...>`, `FILE`), not something to run. */
function isSynopsis(line: string): boolean {
  const code = stripComment(line);
  return /\[-|\[[a-z]|\.\.\.>|\b(?:CODE|FILE|VALUE|XX|DC|R)\b/.test(code);
}

function stripComment(line: string): string {
  return line.replace(/\s+#\s.*$/, '');
}

interface Made {
  cartId: string;
  orderId: string;
  /** The folder examples run in (their spec files are there). */
  work: string;
  /** A cart of its own for `cart delete` examples, so the others still find theirs. */
  cartToDelete: string;
}

/** What the line becomes against the sandbox, and what its run may end with. */
interface Plan {
  script: string;
  /** The documented exit codes (0 unless said). */
  codes: number[];
  /** Text the output must hold for a documented non-zero exit. */
  because?: RegExp;
  /** A command that runs until stopped (a server, a wait): stopped once this appears. */
  stopWhen?: RegExp;
  /** …or once it has waited this long without a word (and without failing). */
  stopWhenQuietMs?: number;
  /** The quiet wait counts only once something was printed (a script's earlier steps print first). */
  quietAfterOutput?: boolean;
  shell?: 'bash' | 'zsh';
  /** Interactive: run in a pseudo-terminal with these arguments until its first question, then Ctrl-C (exit 130). */
  terminal?: string[];
}

function planFor(example: Example, made: Made): Plan | { skip: string } {
  const deletes = /ovh-order cart delete /.test(example.text);
  const text = example.text
    .split('\n')
    .map(stripComment)
    .join('\n')
    .replaceAll('<cartId>', deletes ? made.cartToDelete : made.cartId)
    .replaceAll(EXAMPLE_CART, made.cartId)
    .replaceAll(EXAMPLE_ORDER, made.orderId)
    .replaceAll('../shared/fixtures/ovh', RECORDED_DIR);
  if (/ntfy\.sh|hooks\.slack\.com/.test(text)) return { skip: 'notifies a third-party service (ntfy.sh, Slack)' };
  if (/--app-key AK|--client-id ID/.test(text)) return { skip: 'needs an application key of a real account' };
  const command = /ovh-order (\S+)/.exec(text)?.[1];
  let script = text;
  // Buying lines become dry runs; waiting-for-stock lines check once.
  if (command === 'order' && /--yes/.test(script) && !/--dry-run/.test(script)) script = script.replace(/(ovh-order order[^\n|]*)/, '$1 --dry-run');
  if (command === 'watch' && !/--once/.test(script)) script = script.replace(/(ovh-order watch[^\n|]*)/, '$1 --once');
  if (command === 'sandbox') return { script, codes: [0, 130], stopWhen: /listening on https/ };
  // The wizard asks questions: in a terminal, it must get to its first one; Ctrl-C there exits 130.
  if (command === 'wizard') {
    if (!ptyAvailable()) return { script, codes: [2], because: /terminal/ };
    const args = script
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((a) => (a.endsWith('.json') ? join(made.work, a) : a));
    return { script, codes: [130], terminal: ['--sandbox', ...args] };
  }
  if (command === 'watch') return { script, codes: [0, 1] };
  // zsh's completion needs zsh's completion system loaded, as in a ~/.zshrc after compinit.
  if (/completion zsh/.test(script)) return { script: `autoload -U compinit && compinit -u\n${script}`, codes: [0], shell: 'zsh' };
  // logout only removes what is stored (the sandbox stores nothing): run on the real endpoint's store, empty here.
  if (command === 'logout') return { script: script.replaceAll('ovh-order ', 'ovh-order-without-sandbox '), codes: [0] };
  // Waiting for delivery takes the sandbox's hours: the wait is stopped once it has run a while without failing.
  if (/ovh-order status .*--wait/.test(script)) return { script, codes: [0], stopWhenQuietMs: 3000, quietAfterOutput: script.includes('\n') };
  return { script, codes: [0] };
}

interface Run {
  code: number | null;
  output: string;
}

async function runInTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const session = spawnPty(args, env, { cols: 100, rows: 40 });
  try {
    await session.waitFor(/^\s*\? /m, 20_000);
  } catch (error) {
    session.kill();
    return { code: -1, output: (error as Error).message };
  }
  session.write('\x03');
  const { exitCode } = await session.exited;
  return { code: exitCode, output: session.screen() };
}

function runScript(plan: Plan, env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  if (plan.terminal) return runInTerminal(plan.terminal, env);
  return new Promise((resolve, reject) => {
    const args = plan.shell === 'zsh' ? ['-f', '-o', 'pipefail', '-c', plan.script] : ['-o', 'pipefail', '-c', plan.script];
    const child = spawn(plan.shell ?? 'bash', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      process.kill(-child.pid!, 'SIGINT');
    };
    let quiet: NodeJS.Timeout | undefined;
    const listen = () => {
      clearTimeout(quiet);
      if (plan.stopWhenQuietMs !== undefined && (output !== '' || !plan.quietAfterOutput)) quiet = setTimeout(stop, plan.stopWhenQuietMs);
    };
    listen();
    const onData = (d: Buffer) => {
      output += d.toString();
      listen();
      if (plan.stopWhen?.test(output)) stop();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(quiet);
      resolve({ code: stopped ? 0 : code, output });
    });
  });
}

describe('every example of --help and README works against the sandbox', () => {
  const home = mkdtempSync(join(tmpdir(), 'ovh-order-examples-'));
  const work = join(home, 'work');
  const bin = join(home, 'bin');
  let env: NodeJS.ProcessEnv;
  let made: Made;
  let examples: Example[];

  beforeAll(async () => {
    if (!recordedPresent && runningInCi()) throw new Error(`The data pack ${RECORDED_DIR} is missing (CI).`);
    mkdirSync(work, { recursive: true });
    mkdirSync(bin, { recursive: true });
    // `ovh-order` on PATH is the built binary, always against the sandbox.
    const wrapper = join(bin, 'ovh-order');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${freshBinPath()}" --sandbox "$@"\n`);
    chmodSync(wrapper, 0o755);
    writeFileSync(`${wrapper}-without-sandbox`, `#!/bin/sh\nexec "${process.execPath}" "${freshBinPath()}" "$@"\n`);
    chmodSync(`${wrapper}-without-sandbox`, 0o755);
    env = { ...isolatedEnv(), PATH: `${bin}:${process.env.PATH}`, OVH_ORDER_POLL_INTERVAL_MS: '200' };
    env.HOME = home;
    env.OVH_ORDER_CONFIG_DIR = join(home, 'config');
    mkdirSync(join(home, '.config/fish/completions'), { recursive: true });
    const base = ['order', '--sandbox', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--json'];
    const ordered = await runCli([...base, '--yes'], { env });
    expect(ordered.code, ordered.stderr).toBe(0);
    const dry = await runCli([...base, '--dry-run', '--keep-cart'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    const dryReport = JSON.parse(dry.stdout) as { cartId: string; spec: unknown };
    const spare = await runCli([...base, '--dry-run', '--keep-cart'], { env });
    expect(spare.code, spare.stderr).toBe(0);
    made = {
      work,
      cartToDelete: (JSON.parse(spare.stdout) as { cartId: string }).cartId,
      cartId: dryReport.cartId,
      orderId: String((JSON.parse(ordered.stdout) as { order: { orderId: number } }).order.orderId),
    };
    for (const spec of ['rise1.json', 'server.json']) writeFileSync(join(work, spec), JSON.stringify(dryReport.spec, null, 2));
    writeFileSync(join(work, 'stock.json'), JSON.stringify({ steps: [{ fromRequest: 1, stock: { '24rise01': { gra: '1H-low' } } }] }));
    examples = [...(await helpExamples()), ...readmeExamples()];
  }, 120_000);

  it('finds the examples (every command has some, README has its shell lines)', () => {
    expect(examples.filter((e) => e.source.endsWith('--help')).length).toBeGreaterThan(30);
    expect(examples.filter((e) => e.source.startsWith('README')).length).toBeGreaterThan(20);
  });

  it('runs each one: exit 0, or the documented exit with its reason', async () => {
    const failures: string[] = [];
    const skipped: string[] = [];
    for (const example of examples) {
      const plan = planFor(example, made);
      if ('skip' in plan) {
        skipped.push(`${example.source}: ${example.text} (${plan.skip})`);
        continue;
      }
      const started = Date.now();
      const run = await runScript(plan, env, work);
      if (process.env.EXAMPLES_TIMING) process.stderr.write(`${Date.now() - started} ms ${run.code} ${example.text}\n`);
      const documented = plan.codes.includes(run.code ?? -1) && (run.code === 0 || !plan.because || plan.because.test(run.output));
      if (!documented)
        failures.push(
          `${example.source}: ${example.text}\n  ran: ${plan.script}\n  exit ${run.code}\n${run.output
            .trim()
            .split('\n')
            .slice(-6)
            .map((l) => `    ${l}`)
            .join('\n')}`,
        );
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(skipped.length, skipped.join('\n')).toBeLessThanOrEqual(8);
  }, 600_000);
});
