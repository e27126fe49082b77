import type { Call } from './call.js';
import { WawpAbortError, WawpError, WawpNetworkError, WawpTimeoutError } from './errors.js';
import { tell, type WawpHookInfo, type WawpHooks } from './hooks.js';
import { redact } from './redact.js';
import {
  backoffDelay,
  MAX_WAIT_MS,
  RETRY_STATUSES,
  type RetryOption,
  type RetryPolicy,
  retryAfterMs,
} from './retry.js';

export type { FetchLike } from './call.js';

/**
 * Per-request settings. openapi-fetch copies unknown init keys onto the `Request` it builds,
 * so `client.GET(path, { timeoutMs: 500, retry: false })` reaches the core as is.
 */
export interface TransportRequestOptions {
  /** Time allowed per attempt, until its answer is read. 0 turns the timer off. */
  timeoutMs?: number;
  retry?: RetryOption;
}

export interface TransportSettings {
  baseUrl: string;
  /** Every spelling of the secrets, for {@link redact}. */
  spellings: readonly string[];
  hooks: WawpHooks | undefined;
}

/**
 * The `fetch` openapi-fetch calls for one call: the attempts with their timeouts, the
 * retries and the error mapping. Whatever goes wrong leaves as a `WawpTimeoutError`,
 * `WawpAbortError` or `WawpNetworkError` that names method and path only, so no credential
 * can leak through a message, stack or cause.
 */
export function sendAttempts(settings: TransportSettings, call: Call, request: Request): Promise<Response> {
  call.request = request;
  if (call.signal?.aborted) return Promise.reject(abortError(call));
  const policy = call.policy;
  if (!policy) return attempt(settings, call, request, request);
  call.started = Date.now();
  // The first attempt runs outside the retry loop, which it enters only when it failed in a
  // way worth another try: most calls end there, without the loop's async frame.
  const input = policy.attempts > 1 && request.body !== null ? request.clone() : request;
  return attempt(settings, call, request, input, (response, error) =>
    retryAfter(settings, call, request, policy, response, error),
  );
}

type Retry = (response: Response | undefined, error?: WawpError) => Promise<Response>;
const retryable = (error: WawpError) => error instanceof WawpNetworkError || error instanceof WawpTimeoutError;

export function abortError(call: Call): WawpAbortError {
  return new WawpAbortError(`${call.method} ${call.path} was aborted`, call);
}

function failure(settings: TransportSettings, call: Call, error: unknown): WawpError {
  if (call.timedOut) return new WawpTimeoutError(call.timeoutMs, call);
  if (call.signal?.aborted) return abortError(call);
  const reason = error instanceof Error ? redact(describe(error), settings.spellings) : 'unknown error';
  return new WawpNetworkError(`${call.method} ${call.path} could not reach the API: ${reason}`, call);
}

function hookInfo(settings: TransportSettings, call: Call, request: Request): WawpHookInfo {
  // Every attempt of a call sends the same URL: it is serialised and redacted once.
  call.hookUrl ??= redact(request.url, settings.spellings);
  return {
    method: call.method,
    url: call.hookUrl,
    operationId: call.operationId,
    attempt: call.attempt,
  };
}

function attempt(
  settings: TransportSettings,
  call: Call,
  request: Request,
  input: Request,
  retry?: Retry,
): Promise<Response> {
  call.attempt++;
  const hooks = settings.hooks;
  const started = hooks ? Date.now() : 0;
  if (hooks) tell(hooks.onRequest, hookInfo(settings, call, request));
  // Racing the fetch against the deadline and the caller's signal means a fetch that
  // ignores its signal still ends on time instead of hanging.
  return new Promise<Response>((resolve, reject) => {
    const previous = call.fail;
    let done = false;
    const end = () => {
      done = true;
      call.fail = previous;
    };
    const fail = (error: WawpError) => {
      if (done) return;
      end();
      if (hooks)
        tell(hooks.onResponse, { ...hookInfo(settings, call, request), error, durationMs: Date.now() - started });
      call.disarm();
      call.controller?.abort();
      if (retry && retryable(error)) resolve(retry(undefined, error));
      else reject(error);
    };
    call.fail = fail;
    const init = call.arm();
    let pending: Promise<Response>;
    try {
      pending = init ? call.baseFetch(input, init) : call.baseFetch(input);
    } catch (error) {
      // A fetch that throws instead of rejecting gets the same mapping and redaction.
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => {
        if (done) return;
        end();
        call.status = response.status;
        if (hooks) {
          const info = hookInfo(settings, call, request);
          tell(hooks.onResponse, { ...info, status: response.status, durationMs: Date.now() - started });
        }
        resolve(retry && RETRY_STATUSES.has(response.status) ? retry(response) : response);
      },
      (error: unknown) => fail(failure(settings, call, error)),
    );
  });
}

function sleep(call: Call, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const previous = call.fail;
    const timer = setTimeout(() => {
      call.fail = previous;
      resolve();
    }, ms);
    call.fail = (error) => {
      clearTimeout(timer);
      call.fail = previous;
      reject(error);
    };
  });
}

/** After a failed attempt: wait and try again while the policy allows, else surface the failure. */
async function retryAfter(
  settings: TransportSettings,
  call: Call,
  request: Request,
  policy: RetryPolicy,
  response: Response | undefined,
  error?: unknown,
): Promise<Response> {
  const started = call.started;
  for (;;) {
    if (!response && !(error instanceof WawpError && retryable(error))) throw error;
    const delay = Math.min(
      (response && retryAfterMs(response.headers.get('retry-after'))) ?? backoffDelay(call.attempt, policy),
      MAX_WAIT_MS,
    );
    if (call.attempt >= policy.attempts || Date.now() - started + delay > policy.maxElapsedMs) {
      if (response) return response;
      throw error;
    }
    call.disarm();
    if (settings.hooks) {
      const failed = error as WawpError | undefined;
      tell(settings.hooks.onRetry, {
        ...hookInfo(settings, call, request),
        status: response?.status,
        error: failed,
        delayMs: delay,
      });
    }
    await response?.body?.cancel().catch(() => {});
    await sleep(call, delay);
    // A body can be read once: every attempt but the last sends a clone, never a rebuild.
    const last = call.attempt + 1 >= policy.attempts;
    const input = request.body !== null && !last ? request.clone() : request;
    response = undefined;
    error = undefined;
    try {
      response = await attempt(settings, call, request, input);
      if (!RETRY_STATUSES.has(response.status)) return response;
    } catch (caught) {
      error = caught;
    }
  }
}

export function describe(error: Error): string {
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
