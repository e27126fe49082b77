import type { KnownErrorCode } from './generated/client-facts.js';

/**
 * The vendor's machine-readable error code: one of the codes the spec lists, or any other
 * string (WordPress plugins and the engine add codes), so a `switch` gets completion for the
 * known ones and still compiles for new ones.
 */
export type ErrorCode = KnownErrorCode | (string & {});

/** Error body of the Wawp API (WordPress REST shape). */
export interface WawpErrorBody {
  code: ErrorCode;
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
  // No `cause` is ever set: a foreign error's message or stack can hold the request URL,
  // token included. What it said is in the message, redacted.
  constructor(message: string, request: RequestInfo) {
    super(message);
    this.method = request.method;
    this.path = request.path;
  }
  /** Name, message and every field of the error (status, code, body, …); never a stack. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** What the answer of an error status carried besides its body. */
export interface ApiErrorDetails {
  /** The answer's headers, names in lower case, values redacted. */
  headers?: Readonly<Record<string, string>>;
  /** The server's `Retry-After` in ms, when it sent a usable one. */
  retryAfterMs?: number | undefined;
  /** The request id the server or its gateway sent (`x-request-id`, `request-id`, `cf-ray`, …). */
  requestId?: string | undefined;
}

/** The API answered with an error status. */
export class WawpApiError extends WawpError {
  override name = 'WawpApiError';
  readonly status: number;
  /** The vendor's machine-readable code, e.g. `invalid_access_token`; `unknown_error` when the body had none. */
  readonly code: ErrorCode;
  readonly body: unknown;
  /** The answer's headers, names in lower case, values redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms; undefined when it did not say or said nonsense. */
  readonly retryAfterMs: number | undefined;
  /** The id the server or its gateway gave this request, for support tickets; undefined when none was sent. */
  readonly requestId: string | undefined;
  constructor(status: number, body: unknown, request: RequestInfo, details: ApiErrorDetails = {}) {
    const parsed = isWawpErrorBody(body) ? body : undefined;
    const code = parsed?.code ?? 'unknown_error';
    const text = parsed?.message ?? `HTTP ${status}`;
    super(`${request.method} ${request.path} failed with ${status} ${code}: ${text}`, request);
    this.status = status;
    this.code = code;
    this.body = body;
    this.headers = details.headers ?? {};
    this.retryAfterMs = details.retryAfterMs;
    this.requestId = details.requestId;
  }
}

/** The request could not reach the API (DNS, connection refused, TLS, reset), or the answer broke off. */
export class WawpNetworkError extends WawpError {
  override name = 'WawpNetworkError';
}

/** An attempt took longer than `timeoutMs`, until its answer was read. */
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

/** A success answer whose body could not be read as promised (JSON that does not parse). */
export class WawpParseError extends WawpError {
  override name = 'WawpParseError';
  readonly status: number;
  constructor(message: string, status: number, request: RequestInfo) {
    super(message, request);
    this.status = status;
  }
}

/**
 * The call was refused before anything was sent: a path parameter that would send it to
 * another endpoint, a base URL that does not parse, a body that cannot be serialised.
 */
export class WawpArgumentError extends WawpError {
  override name = 'WawpArgumentError';
  /** The argument at fault, when one is (`messageId`, `baseUrl`). */
  readonly argument: string | undefined;
  constructor(message: string, request: RequestInfo, argument?: string) {
    super(message, request);
    this.argument = argument;
  }
}

export function isWawpErrorBody(body: unknown): body is WawpErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as WawpErrorBody).code === 'string' &&
    typeof (body as WawpErrorBody).message === 'string'
  );
}
