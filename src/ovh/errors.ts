// Every way an OVH call can fail, as one error type with a kind, a message and a hint for a person.
// How a failure becomes one (what node-ovh rejects with, plus what the client saw on the wire) is
// in failures.ts.
import { CliError, ExitCode, type ExitCodeValue } from '../domain/errors.js';

export type OvhErrorKind =
  | 'network'
  | 'tls'
  | 'timeout'
  | 'unauthenticated'
  | 'invalid-signature'
  | 'invalid-app-key'
  | 'invalid-credential'
  | 'pending-validation'
  | 'not-granted'
  | 'not-allowed'
  | 'not-found'
  | 'expired'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'bad-request'
  | 'malformed';

/** Kinds that mean "your credentials do not let you do this": exit code 3. */
export const CREDENTIAL_KINDS: ReadonlySet<OvhErrorKind> = new Set<OvhErrorKind>([
  'unauthenticated',
  'invalid-signature',
  'invalid-app-key',
  'invalid-credential',
  'pending-validation',
  'not-granted',
]);

function exitCodeForKind(kind: OvhErrorKind): ExitCodeValue {
  return CREDENTIAL_KINDS.has(kind) ? ExitCode.credentials : ExitCode.failure;
}

export interface OvhApiErrorInit {
  kind: OvhErrorKind;
  /** `METHOD /route/{pattern}`, e.g. `POST /order/cart/{cartId}/checkout`. */
  call: string;
  message: string;
  hint?: string;
  status?: number;
  ovhMessage?: string;
  queryId?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class OvhApiError extends CliError {
  readonly kind: OvhErrorKind;
  readonly status: number | undefined;
  readonly ovhMessage: string | undefined;
  readonly call: string;
  readonly queryId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: OvhApiErrorInit) {
    super(init.message, {
      code: `ovh_${init.kind.replace(/-/g, '_')}`,
      hint: init.hint,
      exitCode: exitCodeForKind(init.kind),
      cause: init.cause,
    });
    this.kind = init.kind;
    this.status = init.status;
    this.ovhMessage = init.ovhMessage;
    this.call = init.call;
    this.queryId = init.queryId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** The same error with some fields changed (a redacted text, an added hint). */
export function changedError(error: OvhApiError, changes: Partial<Pick<OvhApiErrorInit, 'message' | 'hint' | 'ovhMessage'>>): OvhApiError {
  return new OvhApiError({
    kind: error.kind,
    call: error.call,
    message: error.message,
    hint: error.hint,
    status: error.status,
    ovhMessage: error.ovhMessage,
    queryId: error.queryId,
    retryAfterSeconds: error.retryAfterSeconds,
    cause: error.cause,
    ...changes,
  });
}
