// Every answer's zod schema, in one module that OvhApi loads (with zod) only when an answer has to be
// checked by one: a command whose answers all pass the hand checks of ./checks.ts never loads it.
import { z } from 'zod';

export * from './auth.js';
export * from './availability.js';
export * from './cart.js';
export * from './catalog.js';
export * from './me.js';
export * from './order.js';

/** OVH answers void calls with `200 null`; anything else there is ignored, not an error. */
export const VoidSchema = z.unknown().transform((): void => undefined);
