// A Context for in-process tests: captured stdout/stderr, a private env and config dir, no TTY.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { createContext, type Context } from '../../src/runtime/context.js';

export interface CapturedStream extends Writable {
  isTTY?: boolean;
  columns?: number;
  text(): string;
}

function captureStream(isTTY = false): CapturedStream {
  let buffer = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      buffer += chunk.toString();
      callback();
    },
  }) as CapturedStream;
  stream.isTTY = isTTY;
  stream.columns = 80;
  // What a TTY stream offers and spinners call; the captured text keeps only what was written.
  Object.assign(stream, {
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
    getWindowSize: () => [80, 24],
    hasColors: () => false,
  });
  stream.text = () => buffer;
  return stream;
}

export interface TestContext extends Context {
  stdout: CapturedStream;
  stderr: CapturedStream;
  configDir: string;
}

export function createTestContext(options: { env?: NodeJS.ProcessEnv; tty?: boolean; cwd?: string; now?: () => Date } = {}): TestContext {
  const home = mkdtempSync(join(tmpdir(), 'ovh-order-test-'));
  const configDir = join(home, 'config');
  const env: NodeJS.ProcessEnv = { HOME: home, OVH_ORDER_CONFIG_DIR: configDir, OVH_ORDER_NO_BROWSER: '1', NO_COLOR: '1', ...options.env };
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.tty ?? false;
  const stdout = captureStream(options.tty ?? false);
  const stderr = captureStream(options.tty ?? false);
  const context = createContext({ stdin, stdout, stderr, env, cwd: options.cwd ?? home, now: options.now });
  return Object.assign(context, { stdout, stderr, configDir });
}
