// Waiting without ignoring Ctrl-C: every flow races its API waits and pauses against the
// command's interrupt signal (ctx.interrupt), so an interruption surfaces as one InterruptedError.
import { setTimeout as delay } from 'node:timers/promises';
import { InterruptedError } from '../domain/errors.js';

/** Rejects with InterruptedError as soon as `signal` aborts (the work itself keeps running). */
export function raceInterrupt<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined); // its outcome no longer matters
    return Promise.reject(asInterrupted(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(asInterrupted(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with InterruptedError when `signal` aborts first. */
export async function sleepInterruptibly(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    throw asInterrupted(signal.reason);
  }
}

function asInterrupted(reason: unknown): InterruptedError {
  return reason instanceof InterruptedError ? reason : new InterruptedError();
}
