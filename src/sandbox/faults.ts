// Faults a test schedules on a route: answer a status, drop the connection before or after the call
// takes effect, send the body slowly, never answer, or answer malformed JSON. Each fault affects its
// next `times` matching requests (default 1), then disappears.
import type { SandboxFault } from './types.js';

interface ArmedFault {
  fault: SandboxFault;
  remaining: number;
}

export class FaultList {
  private armed: ArmedFault[] = [];

  add(fault: SandboxFault): void {
    const times = fault.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
      throw new RangeError(`Sandbox fault: times must be a whole number above 0 or Infinity, got ${String(fault.times)}`);
    }
    if (!fault.route.startsWith('/')) throw new RangeError(`Sandbox fault: route must be a pattern such as '/order/cart/{cartId}', got "${fault.route}"`);
    if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new RangeError(`Sandbox fault: status must be an HTTP status, got ${fault.status}`);
    }
    this.armed.push({ fault, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first fault matching this call (consumed), if any. */
  take(method: string, route: string): SandboxFault | undefined {
    const found = this.armed.find((a) => a.fault.route === route && (a.fault.method === undefined || a.fault.method.toUpperCase() === method));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.armed = this.armed.filter((a) => a !== found);
    return found.fault;
  }
}
