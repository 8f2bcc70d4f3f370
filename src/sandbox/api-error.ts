// OVH-shaped errors: `{"class":"Client::…","message":"…"}` with the matching HTTP status.
// Handlers throw these; the server turns them into answers.

const CLASS_BY_STATUS: Record<number, string> = {
  400: 'Client::BadRequest',
  401: 'Client::Unauthorized',
  403: 'Client::Forbidden',
  404: 'Client::NotFound',
  405: 'Client::MethodNotAllowed',
  409: 'Client::Conflict',
  429: 'Client::TooManyRequests',
  460: 'Client::Expired',
  500: 'Server::InternalServerError',
  502: 'Server::BadGateway',
  503: 'Server::ServiceUnavailable',
  504: 'Server::GatewayTimeout',
};

const DEFAULT_MESSAGE: Record<number, string> = {
  400: 'Bad request',
  401: 'You must login first',
  403: 'You are not allowed',
  404: 'The requested object does not exist',
  409: 'Conflict',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service is temporarily unavailable',
  504: 'Gateway timeout',
};

export function errorClassFor(status: number): string {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? 'Server::InternalServerError' : 'Client::BadRequest');
}

export function defaultMessageFor(status: number): string {
  return DEFAULT_MESSAGE[status] ?? `HTTP ${status}`;
}

export class ApiError extends Error {
  readonly status: number;
  /** Legacy auth error code (INVALID_SIGNATURE, NOT_GRANTED_CALL…), sent as `errorCode` when set. */
  readonly errorCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: { errorCode?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.errorCode = options.errorCode;
    this.headers = options.headers ?? {};
  }

  body(): Record<string, string> {
    const body: Record<string, string> = { class: errorClassFor(this.status), message: this.message };
    if (this.errorCode) body.errorCode = this.errorCode;
    return body;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
/** OVH's wording for a missing object, e.g. `The requested object (cartId = …) does not exist`. */
export const notFound = (param: string, value: string | number): ApiError => new ApiError(404, `The requested object (${param} = ${value}) does not exist`);
