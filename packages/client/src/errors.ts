/** Error body of the Wawp API (WordPress REST shape). */
export interface WawpErrorBody {
  code: string;
  message: string;
  data?: { status?: number; [key: string]: unknown };
}

interface RequestInfo {
  /** HTTP method, upper case. */
  method: string;
  /** The request path without its query string, so no credential can leak through it. */
  path: string;
}

/** Base class of every error the client throws. */
export class WawpError extends Error {
  override name = 'WawpError';
  readonly method: string;
  readonly path: string;
  constructor(message: string, request: RequestInfo, options?: { cause?: unknown }) {
    super(message, options);
    this.method = request.method;
    this.path = request.path;
  }
  /** Name, message and every field of the error (status, code, body, …); never a stack or cause. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** The API answered with an error status. */
export class WawpApiError extends WawpError {
  override name = 'WawpApiError';
  readonly status: number;
  /** The vendor's machine-readable code, e.g. `invalid_access_token`; `unknown_error` when the body had none. */
  readonly code: string;
  readonly body: unknown;
  constructor(status: number, body: unknown, request: RequestInfo) {
    const parsed = isWawpErrorBody(body) ? body : undefined;
    const code = parsed?.code ?? 'unknown_error';
    const text = parsed?.message ?? `HTTP ${status}`;
    super(`${request.method} ${request.path} failed with ${status} ${code}: ${text}`, request);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** The request could not reach the API (DNS, connection refused, TLS, reset). */
export class WawpNetworkError extends WawpError {
  override name = 'WawpNetworkError';
}

/** The request took longer than `timeoutMs`. */
export class WawpTimeoutError extends WawpError {
  override name = 'WawpTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, request: RequestInfo) {
    super(`${request.method} ${request.path} timed out after ${timeoutMs} ms`, request);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request through its `signal`. */
export class WawpAbortError extends WawpError {
  override name = 'WawpAbortError';
}

export function isWawpErrorBody(body: unknown): body is WawpErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as WawpErrorBody).code === 'string' &&
    typeof (body as WawpErrorBody).message === 'string'
  );
}
