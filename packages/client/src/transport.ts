import { WawpAbortError, WawpNetworkError, WawpTimeoutError } from './errors.js';
import { redact, safePath } from './redact.js';
import {
  backoffDelay,
  RETRY_STATUSES,
  type RetryOption,
  type RetryPolicy,
  retryAfterMs,
  retryPolicy,
} from './retry.js';

/** The `fetch` the client calls: a `Request`, and an init that only ever carries a `signal`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Per-request settings. openapi-fetch copies unknown init keys onto the `Request` it builds,
 * so `client.GET(path, { timeoutMs: 500, retry: false })` reaches the transport as is.
 */
export interface TransportRequestOptions {
  /** Time allowed per attempt, until the response headers arrive. 0 turns the timer off. */
  timeoutMs?: number;
  retry?: RetryOption;
}

interface TransportSettings {
  fetch: FetchLike;
  baseUrl: string;
  secrets: readonly string[];
  timeoutMs: number;
  retry: RetryPolicy | false;
}

/**
 * Wraps `fetch` with the per-attempt timeout, the retries and error mapping: whatever goes
 * wrong leaves as a `WawpTimeoutError`, `WawpAbortError` or `WawpNetworkError` that names
 * method and path only, so no credential can leak through a message, stack or cause.
 */
export function createTransport(settings: TransportSettings): (request: Request) => Promise<Response> {
  const info = (request: Request) => ({ method: request.method, path: safePath(request.url, settings.baseUrl) });

  const failure = (error: unknown, request: Request): Error => {
    if (error instanceof WawpAbortError || error instanceof WawpTimeoutError) return error;
    const where = info(request);
    if (request.signal.aborted) return new WawpAbortError(`${where.method} ${where.path} was aborted`, where);
    const reason = error instanceof Error ? redact(describe(error), settings.secrets) : 'unknown error';
    return new WawpNetworkError(`${where.method} ${where.path} could not reach the API: ${reason}`, where);
  };

  const attempt = (request: Request, timeoutMs: number, input: Request): Promise<Response> => {
    const signal = request.signal;
    if (signal.aborted) return Promise.reject(failure(undefined, request));
    const timed = timeoutMs > 0 && timeoutMs < Number.POSITIVE_INFINITY;
    // Racing the caller's signal (and the timer) means a fetch that ignores its signal still
    // ends on time instead of hanging. Without a timeout, fetch keeps the request's own
    // signal; with one, a fresh controller and timer per attempt carry both.
    return new Promise<Response>((resolve, reject) => {
      const controller = timed ? new AbortController() : undefined;
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (error) {
          controller?.abort();
          reject(error);
        }
      };
      const onAbort = () => finish(failure(undefined, request));
      const timer = timed
        ? setTimeout(() => finish(new WawpTimeoutError(timeoutMs, info(request))), timeoutMs)
        : undefined;
      signal.addEventListener('abort', onAbort);
      let pending: Promise<Response>;
      try {
        pending = controller ? settings.fetch(input, { signal: controller.signal }) : settings.fetch(input);
      } catch (error) {
        // A fetch that throws instead of rejecting gets the same mapping and redaction.
        pending = Promise.reject(error);
      }
      pending.then(
        (response) => {
          finish();
          resolve(response);
        },
        (error: unknown) => finish(failure(error, request)),
      );
    });
  };

  const sleep = (ms: number, request: Request) =>
    new Promise<void>((resolve, reject) => {
      const signal = request.signal;
      const onAbort = () => {
        clearTimeout(timer);
        reject(failure(undefined, request));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });

  const withRetries = async (request: Request, policy: RetryPolicy, timeoutMs: number): Promise<Response> => {
    const started = Date.now();
    for (let n = 1; ; n++) {
      const last = n >= policy.attempts;
      // A body can be read once: every attempt but the last sends a clone, never a rebuild.
      const input = request.body !== null && !last ? request.clone() : request;
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await attempt(request, timeoutMs, input);
        if (!RETRY_STATUSES.has(response.status)) return response;
      } catch (caught) {
        if (!(caught instanceof WawpNetworkError || caught instanceof WawpTimeoutError)) throw caught;
        error = caught;
      }
      const delay = (response && retryAfterMs(response.headers.get('retry-after'))) ?? backoffDelay(n, policy);
      if (last || Date.now() - started + delay > policy.maxElapsedMs) {
        if (response) return response;
        throw error;
      }
      await response?.body?.cancel().catch(() => {});
      await sleep(delay, request);
    }
  };

  return (request) => {
    const extra = request as Request & TransportRequestOptions;
    const timeoutMs = extra.timeoutMs ?? settings.timeoutMs;
    const policy = retryPolicy(settings.retry, extra.retry, request.method);
    return policy ? withRetries(request, policy, timeoutMs) : attempt(request, timeoutMs, request);
  };
}

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
