// What route handlers see: the state (through the store), the clock, the region's offer and the
// server's public address. One runtime per running sandbox.
import type { SandboxClock } from './clock.js';
import type { DataPack } from './data/data-pack.js';
import type { OfferIndex } from './data/offer-index.js';
import { SUBSIDIARIES, type RegionInfo, type Subsidiary } from './data/regions.js';
import type { StateStore } from './state-store.js';
import type { StockControl } from './stock-schedule.js';
import type { SandboxState } from './state.js';
import type { SandboxRegion } from './types.js';

export interface SandboxRuntime {
  readonly region: SandboxRegion;
  readonly regionInfo: RegionInfo;
  readonly store: StateStore;
  readonly clock: SandboxClock;
  /** https://127.0.0.1:PORT (no trailing slash). */
  readonly origin: string;
  readonly autoValidateCredentials: boolean;
  /** Recorded answers served instead of the authored catalogs (`--data-pack`). */
  readonly pack: DataPack | undefined;
  /** The offer in use (the scaled one while a catalog scale is set). */
  offers(): OfferIndex;
  /** Serialised catalogs, cached by key (`eco:FR`), dropped when the scale changes. */
  readonly catalogCache: Map<string, string>;
  /** Scripted stock (sandbox extra, stock-schedule.ts): overrides the authored delays. */
  readonly stock: StockControl;
}

export function stateOf(sb: SandboxRuntime): SandboxState {
  return sb.store.state;
}

export function subsidiary(code: string): Subsidiary {
  const sub = SUBSIDIARIES[code];
  if (!sub) throw new Error(`Sandbox: no authored subsidiary ${code}`);
  return sub;
}
