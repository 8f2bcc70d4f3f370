// Runs the BUILT binary in a real pseudo-terminal (@lydell/node-pty ships prebuilt binaries), as a
// person would: wait for a prompt's text, then type. stdout and stderr arrive merged, as on a screen.
import { createRequire } from 'node:module';
import { freshBinPath, repoRoot } from './run-cli.js';

// Types only: the module itself is required lazily, once ptyAvailable() said it loads.
import type * as NodePty from '@lydell/node-pty';
import type * as XtermHeadless from '@xterm/headless';

type IPty = NodePty.IPty;

const require = createRequire(import.meta.url);

/** True when this platform has a prebuilt pty binary (tests skip with a message otherwise). */
export function ptyAvailable(): boolean {
  try {
    require('@lydell/node-pty');
    return true;
  } catch {
    return false;
  }
}

export const keys = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  escape: '\u001b',
  ctrlC: '\u0003',
  backspace: '\u007f',
} as const;

export interface PtySession {
  /** Everything printed so far, ANSI escapes removed. */
  screen(): string;
  /**
   * What the terminal shows now (scrollback included), as a terminal emulator (xterm.js) draws it:
   * erased lines are gone, overwritten ones show their last text. Lines are right-trimmed.
   */
  display(): Promise<string>;
  /** Resolves once `text` (or a match of the pattern) appears after the current mark; rejects after timeoutMs with the tail of the screen. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Forget what was printed so far for the purpose of the next waitFor. */
  mark(): void;
  write(data: string): void;
  /** Waits for the process to end. */
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(): void;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-Za-z]|\u001b[=>78DEHMNOZc]/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function spawnPty(args: string[], env: NodeJS.ProcessEnv, options: { cols?: number; rows?: number } = {}): PtySession {
  const pty = require('@lydell/node-pty') as typeof NodePty;
  const cleanEnv: Record<string, string> = { TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) cleanEnv[k] = v;
  const child: IPty = pty.spawn(process.execPath, [freshBinPath(), ...args], {
    name: 'xterm-256color',
    cols: options.cols ?? 100,
    rows: options.rows ?? 40,
    cwd: repoRoot,
    env: cleanEnv,
  });
  const { Terminal } = require('@xterm/headless') as typeof XtermHeadless;
  const terminal = new Terminal({ cols: options.cols ?? 100, rows: options.rows ?? 40, scrollback: 5000, allowProposedApi: true });
  let raw = '';
  let markAt = 0;
  const listeners = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    terminal.write(data);
    for (const l of listeners) l();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));

  return {
    screen: () => stripAnsi(raw),
    async display() {
      // write() is asynchronous: an empty write's callback runs once everything before it is drawn.
      await new Promise<void>((resolve) => terminal.write('', resolve));
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n').trimEnd();
    },
    mark() {
      markAt = raw.length;
    },
    write: (data) => child.write(data),
    kill: () => child.kill(),
    exited,
    waitFor(text, timeoutMs = 15_000) {
      const found = () => {
        const tail = stripAnsi(raw.slice(markAt));
        return typeof text === 'string' ? tail.includes(text) : text.test(tail);
      };
      return new Promise<void>((resolve, reject) => {
        if (found()) return resolve();
        const check = () => {
          if (found()) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Timed out waiting for ${String(text)}. Screen tail:\n${stripAnsi(raw).slice(-1500)}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (!found()) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`Process exited while waiting for ${String(text)}. Screen tail:\n${stripAnsi(raw).slice(-1500)}`));
          }
        });
      });
    },
  };
}
