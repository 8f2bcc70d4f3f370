// One sandbox per test file, started before its tests and closed after them. `useSandbox()` returns
// a stand-in that forwards to the running sandbox, so tests write `sandbox.log`, `sandbox.url`… as
// with the real object, without repeating the beforeAll/afterAll pair in every file.
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type SandboxOptions, type SandboxServer } from '../../src/sandbox/index.js';

export interface SandboxFixtureOptions {
  /** Runs after the sandbox started (e.g. trust its CA in-process); its return value runs after close. */
  setup?: (sandbox: SandboxServer) => void | (() => void);
}

export function useSandbox(options: SandboxOptions = {}, fixture: SandboxFixtureOptions = {}): SandboxServer {
  let running: SandboxServer | undefined;
  let teardown: void | (() => void);
  beforeAll(async () => {
    running = await startSandbox(options);
    teardown = fixture.setup?.(running);
  });
  afterAll(async () => {
    if (typeof teardown === 'function') teardown();
    await running?.close();
  });
  return new Proxy({} as SandboxServer, {
    get(_, property) {
      if (!running) throw new Error(`The sandbox is not started yet (read of "${String(property)}" outside a test).`);
      const value = Reflect.get(running, property, running) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}
