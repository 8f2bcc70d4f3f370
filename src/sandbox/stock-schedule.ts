// Scripted stock (sandbox extra): a schedule of steps that override the authored delivery delays,
// so that stock can appear and vanish while a `watch` runs. A step applies from a moment on, given
// either as a count of availability requests (`fromRequest`: deterministic, for tests) or as seconds
// on the sandbox clock since the sandbox started (`afterSeconds`: for people trying `watch`). The last
// step whose moment has come is in force; before the first one, the authored stock is.
//
//   { "steps": [
//       { "fromRequest": 1, "stock": { "24rise01": "unavailable" } },
//       { "fromRequest": 3, "stock": { "24rise01": { "gra": "1H-low", "rbx": "unavailable" } } },
//       { "afterSeconds": 120, "stock": {} } ] }
//
// A key of `stock` is a plan code (every hardware of the plan) or an fqn (`<plan>.<memory>.<storage>`,
// which wins over its plan); its value is one delay code for every datacenter, or one per datacenter
// (datacenters left out keep the authored delay). The same delays govern the checkout's stock check.
import { readFileSync } from 'node:fs';
import { DELAY_CODES } from './data/availability.js';

type StockOverride = string | Record<string, string>;

export interface StockScheduleStep {
  /** In force from this availability request on (1 = the first one this sandbox answers). */
  fromRequest?: number;
  /** In force from this many seconds (sandbox clock) after the sandbox started. */
  afterSeconds?: number;
  /** Plan code or fqn → delay code, or datacenter → delay code. */
  stock: Record<string, StockOverride>;
}

export interface StockScheduleDocument {
  steps: StockScheduleStep[];
}

const CODES = new Set<string>(DELAY_CODES);

function fail(where: string, what: string): never {
  throw new Error(`Stock schedule ${where}: ${what}`);
}

/** Checks a schedule document (parsed JSON); the error names the step and the field. */
export function parseStockSchedule(document: unknown, where = 'document'): StockScheduleDocument {
  if (document === null || typeof document !== 'object' || !Array.isArray((document as { steps?: unknown }).steps)) {
    fail(where, 'must be a JSON object with a "steps" array, e.g. {"steps":[{"fromRequest":1,"stock":{"24rise01":"unavailable"}}]}');
  }
  const steps = (document as { steps: unknown[] }).steps.map((raw, i): StockScheduleStep => {
    const at = `${where}, step ${i + 1}`;
    if (raw === null || typeof raw !== 'object') fail(at, 'must be an object');
    const step = raw as Record<string, unknown>;
    const hasRequest = step.fromRequest !== undefined;
    const hasSeconds = step.afterSeconds !== undefined;
    if (hasRequest === hasSeconds) fail(at, 'needs exactly one of "fromRequest" (a request number from 1) or "afterSeconds" (seconds from 0)');
    if (hasRequest && !(Number.isInteger(step.fromRequest) && (step.fromRequest as number) >= 1))
      fail(at, `"fromRequest" must be a whole number from 1, got ${JSON.stringify(step.fromRequest)}`);
    if (hasSeconds && !(typeof step.afterSeconds === 'number' && Number.isFinite(step.afterSeconds) && step.afterSeconds >= 0)) {
      fail(at, `"afterSeconds" must be a number from 0, got ${JSON.stringify(step.afterSeconds)}`);
    }
    const stock = step.stock;
    if (stock === null || typeof stock !== 'object' || Array.isArray(stock))
      fail(at, '"stock" must be an object of plan code or fqn → delay code (or datacenter → delay code)');
    const checkCode = (code: unknown, key: string): string => {
      if (typeof code !== 'string' || !CODES.has(code)) fail(at, `"${key}": ${JSON.stringify(code)} is not a delay code (allowed: ${DELAY_CODES.join(', ')})`);
      return code;
    };
    const checked: Record<string, StockOverride> = {};
    for (const [key, value] of Object.entries(stock as Record<string, unknown>)) {
      if (typeof value === 'string') checked[key] = checkCode(value, key);
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        checked[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([dc, code]) => [dc, checkCode(code, `${key}.${dc}`)]));
      } else fail(at, `"${key}" must be a delay code or an object of datacenter → delay code`);
    }
    return { ...(hasRequest ? { fromRequest: step.fromRequest as number } : { afterSeconds: step.afterSeconds as number }), stock: checked };
  });
  return { steps };
}

/** Reads and checks a schedule file (JSON). */
export function readStockSchedule(file: string): StockScheduleDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the stock schedule ${file}: ${(error as Error).message}`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`The stock schedule ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseStockSchedule(document, file);
}

/** The schedule as the sandbox runs it: counts availability requests and answers the delay in force. */
export class StockControl {
  private schedule: StockScheduleDocument = { steps: [] };
  private requests = 0;
  private startedMs: number;

  constructor(private readonly nowMs: () => number) {
    this.startedMs = nowMs();
  }

  /** Replaces the schedule; request numbers and seconds count again from now. */
  set(document: StockScheduleDocument): void {
    this.schedule = parseStockSchedule(document);
    this.requests = 0;
    this.startedMs = this.nowMs();
  }

  /** How many availability requests were answered since the schedule was set. */
  requestCount(): number {
    return this.requests;
  }

  /** Called once per availability request, before it is answered. */
  countRequest(): void {
    this.requests += 1;
  }

  private stepInForce(): StockScheduleStep | undefined {
    const elapsedSeconds = (this.nowMs() - this.startedMs) / 1000;
    let current: StockScheduleStep | undefined;
    for (const step of this.schedule.steps) {
      const reached = step.fromRequest !== undefined ? this.requests >= step.fromRequest : elapsedSeconds >= step.afterSeconds!;
      if (reached) current = step;
    }
    return current;
  }

  /** The delay in force for one hardware in one datacenter (`authored` when the schedule says nothing). */
  delay(fqn: string, planCode: string, datacenter: string, authored: string): string {
    const step = this.stepInForce();
    if (!step) return authored;
    for (const key of [fqn, planCode]) {
      const override = step.stock[key];
      if (override === undefined) continue;
      if (typeof override === 'string') return override;
      if (override[datacenter] !== undefined) return override[datacenter];
    }
    return authored;
  }

  /** Records with the delays in force (copies; the authored ones are shared). */
  apply<R extends { fqn: string; planCode: string; datacenters: Array<{ datacenter: string; availability: string }> }>(records: R[]): R[] {
    if (!this.stepInForce()) return records;
    return records.map((r) => ({
      ...r,
      datacenters: r.datacenters.map((d) => ({ ...d, availability: this.delay(r.fqn, r.planCode, d.datacenter, d.availability) })),
    }));
  }
}
