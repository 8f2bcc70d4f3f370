// Loads the state from `statePath` (or makes a fresh one) and writes it back atomically after each
// change. A file changed by another sandbox process (another `--sandbox` run) is re-read before the
// next request, so successive runs see each other's carts and orders.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxRegion } from './types.js';
import { assertState, freshState, type SandboxState } from './state.js';

export class StateStore {
  state: SandboxState;
  /** Called when another process's file replaced the state (the clock follows its offset). */
  onReload: ((state: SandboxState) => void) | undefined;
  private readonly path: string | undefined;
  private seenMtimeMs = 0;

  private constructor(path: string | undefined, state: SandboxState) {
    this.path = path;
    this.state = state;
  }

  static open(path: string | undefined, region: SandboxRegion, now: Date): StateStore {
    if (!path) return new StateStore(undefined, freshState(region, now));
    const loaded = readState(path);
    if (loaded && loaded.region !== region) {
      throw new Error(`Sandbox state file ${path} belongs to the "${loaded.region}" API, not "${region}". Use another statePath or delete the file.`);
    }
    const store = new StateStore(path, loaded ?? freshState(region, now));
    if (loaded) store.seenMtimeMs = mtimeOf(path);
    else store.save();
    return store;
  }

  /** Re-reads the file when another process wrote it since we last did. */
  refresh(): void {
    if (!this.path) return;
    const mtime = mtimeOf(this.path);
    if (mtime === 0 || mtime === this.seenMtimeMs) return;
    const loaded = readState(this.path);
    this.seenMtimeMs = mtime;
    if (loaded && loaded.region === this.state.region) {
      this.state = loaded;
      this.onReload?.(loaded);
    }
  }

  save(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 }); // private: it holds the sandbox keys
    const temp = `${this.path}.${process.pid}.tmp`;
    // The file holds the sandbox's own test keys: keep it private anyway.
    writeFileSync(temp, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.path);
    this.seenMtimeMs = mtimeOf(this.path);
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readState(path: string): SandboxState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Sandbox state file ${path} is not valid JSON. Delete it to start afresh.`);
  }
  assertState(parsed, path);
  return parsed;
}
