import createClient, { type Middleware } from 'openapi-fetch';
import { Call, type FetchLike } from './call.js';
import { assertCredentials, type Credentials, credentialQuerySerializer } from './credentials.js';
import {
  WawpApiError,
  WawpArgumentError,
  WawpError,
  WawpNetworkError,
  WawpParseError,
  WawpTimeoutError,
} from './errors.js';
import { retrySafeRoutes as v1RetrySafeRoutes } from './generated/client-facts.js';
import type { WawpHooks } from './hooks.js';
import { checkPathParams } from './path-params.js';
import { redact, redactDeep, safePath, secretSpellings } from './redact.js';
import { normalizeRetry, type RetryOptions, type RetryPolicy, retryAfterMs, retryPolicy } from './retry.js';
import { abortError, describe, sendAttempts, type TransportSettings } from './transport.js';
import { mentionsHeader, namingRequest, userAgentValue } from './user-agent.js';

export const DEFAULT_BASE_URL = 'https://wawp.net/wp-json/awp/v1';
/**
 * 30 s per attempt, as Stripe's and Octokit's clients do: a call that stalls (headers or
 * body) fails instead of hanging. The timers are shared between calls, so it costs next to
 * nothing; `timeoutMs: 0` turns it off.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface WawpClientOptions extends Credentials {
  /** API root; defaults to the production v1 URL. Use the mock's URL in tests. */
  baseUrl?: string;
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation). It gets the
   * `Request` (token included, in its URL) and, when a timeout applies, an init holding only
   * the `signal` to honour.
   */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Time allowed per attempt, from sending it until its answer is read, in ms. Default
   * 30 000; 0 turns it off. Each retry gets a fresh timer. It fires up to 1/32 of the time
   * (at most 1 s) late, because calls share timers.
   */
  timeoutMs?: number;
  /** Retry settings, or `false` to never retry. See {@link RetryOptions} for the defaults. */
  retry?: false | RetryOptions;
  /**
   * Your product, put before the client's own in the `user-agent` header
   * (`my-app/1.2 @wawp/client/0.1.0`); `false` sends none. Browsers send the browser's own.
   */
  userAgent?: string | false;
  /** Observers of every attempt, for logs and metrics. They see redacted URLs only. */
  hooks?: WawpHooks;
}

/** openapi-fetch's answer: data or the error body, and the `Response`. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One operation of the operation face, as the core needs to know it; made once per operation. */
export interface CoreOperation {
  id: string;
  /**
   * Turns the answer into the call's result, with the core's error for an error status;
   * runs while the call's timeout still applies.
   */
  settle(result: RawResult, apiError: WawpCore['apiError']): unknown;
}

type Init = Record<string, unknown> & TransportInit;
interface TransportInit {
  params?: { path?: Record<string, unknown>; header?: unknown };
  headers?: unknown;
  baseUrl?: unknown;
  timeoutMs?: unknown;
  retry?: RetryPolicy | boolean;
  signal?: AbortSignal | null;
  fetch?: FetchLike;
  middleware?: unknown;
}

/**
 * What both faces share: credentials, timeouts, retries, hooks and redaction over one
 * openapi-fetch client. `createWawpClient` and `createWawp` each put a face on it.
 */
export interface WawpCore {
  /** The API version this core speaks: its base URL and its operations are that version's. */
  readonly api: 'v1' | 'v2';
  readonly baseUrl: string;
  /** Sends one call: checks, attempts, retries; its answer read under the timeout. */
  send(method: string, path: string, init?: Record<string, unknown>, operation?: CoreOperation): Promise<unknown>;
  /** The typed error for an answer with an error status, redacted. */
  apiError(method: string, path: string, response: Response, body: unknown): WawpApiError;
  /** Text with every credential replaced by `[REDACTED]`. */
  redact(text: string): string;
  /** openapi-fetch's middleware: it sees the raw `Request`, token included. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

const USER_AGENT = 'user-agent';

/** True when the call's own headers set or unset `user-agent`. */
const namesAgent = (init: Init): boolean =>
  mentionsHeader(init.headers, USER_AGENT) || mentionsHeader(init.params?.header, USER_AGENT);

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id', 'cf-ray'];

/** What differs between the API versions a core can speak; the rest of the core is one. */
export interface ApiProfile {
  api: 'v1' | 'v2';
  /** The factory's name, for the messages of the errors it throws. */
  factory: string;
  /** The production root the version's description names. */
  defaultBaseUrl: string;
  /** Routes whose retry safety differs from the method's default (`x-wawp-retry-safe`). */
  retrySafeRoutes: Readonly<Record<string, boolean>>;
  /** The headers that carry the token instead of the query string (v2's `credentials` option). */
  credentialHeaders?: Record<string, string>;
}

const V1_PROFILE: ApiProfile = {
  api: 'v1',
  factory: 'createWawpClient',
  defaultBaseUrl: DEFAULT_BASE_URL,
  retrySafeRoutes: v1RetrySafeRoutes,
};

export function createCore(options: WawpClientOptions, profile: ApiProfile = V1_PROFILE): WawpCore {
  const { factory, retrySafeRoutes } = profile;
  assertCredentials(options, factory);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, `${factory}: \`timeoutMs\``);
  if (timeoutMs instanceof Error) throw timeoutMs;
  const baseUrl = (options.baseUrl ?? profile.defaultBaseUrl).replace(/\/+$/, '');
  // Checked here, because a URL that fails to parse later would be reported by `new Request`
  // with the whole query string, token included.
  if (!isHttpUrl(baseUrl)) throw new TypeError(`${factory}: \`baseUrl\` must be an absolute http(s) URL`);
  const { userAgent } = options;
  if (
    userAgent !== undefined &&
    userAgent !== false &&
    !(typeof userAgent === 'string' && /^[\x20-\x7e]+$/.test(userAgent))
  ) {
    throw new TypeError(`${factory}: \`userAgent\` must be printable ASCII text, or false`);
  }
  const hasRouteOverrides = Object.keys(retrySafeRoutes).length > 0;
  const secrets = [options.accessToken];
  const spellings = secretSpellings(options.accessToken);
  const fetch = options.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  const retry = normalizeRetry(options.retry, factory);
  const settings: TransportSettings = { baseUrl, spellings, hooks: options.hooks };
  const clean = (text: string) => redact(text, spellings);
  const locate = (url: string) => clean(safePath(url, baseUrl));

  let handoff: Call | undefined;
  // The caller's own `user-agent` (or `null` to send none) wins over the client's.
  const agent = mentionsHeader(options.headers, USER_AGENT) ? undefined : userAgentValue(userAgent);
  // The `user-agent` of the request openapi-fetch is building now: it builds it synchronously,
  // inside `request()`, so the call hands it over in a variable like the call itself.
  let naming: string | undefined;
  const registered = new Set<Middleware>();
  // The paths' types belong to the face; the core itself is the same for every version.
  const raw = createClient<Record<string, never>, 'application/json'>({
    baseUrl,
    fetch: (request: Request) => {
      const call = handoff;
      handoff = undefined;
      if (!call) throw new TypeError('@wawp/client: a request reached fetch without its call');
      return sendAttempts(settings, call, request);
    },
    ...(agent !== undefined && { Request: namingRequest(() => naming) }),
    // The caller's headers first, so a stray `authorization` of theirs cannot replace the credential.
    headers: { ...options.headers, ...profile.credentialHeaders },
    querySerializer: credentialQuerySerializer(options, !profile.credentialHeaders),
  });

  const fail = (call: Call, error: unknown): WawpError => {
    if (error instanceof WawpError) return error;
    if (call.timedOut) return new WawpTimeoutError(call.timeoutMs, call);
    if (call.signal?.aborted) return abortError(call);
    const where = `${call.method} ${call.path}`;
    if (error instanceof SyntaxError && call.attempt > 0) {
      // Never the parser's message: it quotes the body, which may hold the token, cut short.
      return new WawpParseError(
        `${where} answered ${call.status} with a body that is not valid JSON`,
        call.status,
        call,
      );
    }
    const reason = error instanceof Error ? clean(describe(error)) : 'unknown error';
    if (call.attempt === 0) return new WawpArgumentError(`${where}: the request could not be built: ${reason}`, call);
    return new WawpNetworkError(`${where}: the answer could not be read: ${reason}`, call);
  };

  const apiError: WawpCore['apiError'] = (method, path, response, body) => {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = clean(value);
    });
    return new WawpApiError(
      response.status,
      body === undefined ? body : redactDeep(body, spellings, secrets),
      {
        method,
        path: response.url ? locate(response.url) : clean(path),
      },
      {
        headers,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        requestId: REQUEST_ID_HEADERS.map((name) => headers[name]).find(Boolean),
      },
    );
  };

  const finish = (result: RawResult, operation: CoreOperation | undefined): unknown => {
    if (result.error !== undefined) result.error = redactDeep(result.error, spellings, secrets);
    // An operation hands out its data or a redacted error, never the Response: only the path
    // face's answer needs the token out of `response.url`.
    if (operation) return operation.settle(result, apiError);
    hideToken(result.response, clean);
    return result;
  };

  const send = (method: string, path: string, init: Init = {}, operation?: CoreOperation): Promise<unknown> => {
    let call: Call;
    try {
      const routeSafe = hasRouteOverrides ? retrySafeRoutes[`${method} ${path}`] : undefined;
      call = plan(method, path, init, operation, timeoutMs, retry, routeSafe, fetch, locate);
    } catch (error) {
      return Promise.reject(error);
    }
    if (call.signal?.aborted) return Promise.reject(abortError(call));
    return new Promise((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        call.controller?.abort();
        call.fail(abortError(call));
      };
      const end = () => {
        settled = true;
        call.disarm();
        call.signal?.removeEventListener('abort', onAbort);
      };
      // Until an attempt or a retry wait takes over, and again while the answer is read.
      call.fail = (error) => {
        if (settled) return;
        end();
        reject(error);
      };
      call.signal?.addEventListener('abort', onAbort);
      let sent: Promise<unknown>;
      naming = agent !== undefined && !namesAgent(init) ? agent : undefined;
      try {
        if (registered.size === 0 && init.middleware === undefined && init.fetch === undefined) {
          // Without middleware openapi-fetch calls `fetch` synchronously, inside `request()`:
          // the call is handed over in a variable, which spares a copy of `init` per call.
          handoff = call;
          sent = raw.request(method as 'get', path as never, init as never);
        } else {
          const fetch = (request: Request) => sendAttempts(settings, call, request);
          sent = raw.request(method as 'get', path as never, { ...init, fetch } as never);
        }
      } finally {
        handoff = undefined;
        naming = undefined;
      }
      const done = (value: unknown) => {
        if (settled) return;
        end();
        resolve(value);
      };
      const failed = (error: unknown) => call.fail(fail(call, error));
      sent.then((result) => {
        if (settled) return;
        let value: unknown;
        try {
          value = finish(result as RawResult, operation);
        } catch (error) {
          return failed(error);
        }
        // A settle step that reads the body (`auto` answers) stays under the timeout.
        if (value instanceof Promise) value.then(done, failed);
        else done(value);
      }, failed);
    });
  };

  return {
    api: profile.api,
    baseUrl,
    send: send as WawpCore['send'],
    redact: clean,
    use(...middleware) {
      raw.use(...middleware);
      for (const m of middleware) if (m) registered.add(m);
    },
    eject(...middleware) {
      raw.eject(...middleware);
      for (const m of middleware) registered.delete(m);
    },
    apiError,
  };
}

/** The call's settings from the client's and the request's, after the checks that refuse it early. */
function plan(
  method: string,
  path: string,
  init: Init,
  operation: CoreOperation | undefined,
  clientTimeout: number,
  retry: RetryPolicy | false,
  routeSafe: boolean | undefined,
  fetch: FetchLike,
  locate: (url: string) => string,
): Call {
  const where = { method, path };
  if (path.includes('{')) checkPathParams(method, path, init.params?.path);
  if (init.baseUrl !== undefined && !(typeof init.baseUrl === 'string' && isHttpUrl(init.baseUrl))) {
    throw new WawpArgumentError(
      `${method} ${path}: the per-request \`baseUrl\` must be an absolute http(s) URL`,
      where,
      'baseUrl',
    );
  }
  const timeoutMs =
    init.timeoutMs === undefined ? clientTimeout : checkTimeout(init.timeoutMs, `${method} ${path}: \`timeoutMs\``);
  if (timeoutMs instanceof Error) throw new WawpArgumentError(timeoutMs.message, where, 'timeoutMs');
  const policy = retryPolicy(retry, init.retry as never, method, routeSafe);
  return new Call(
    method,
    path,
    operation?.id,
    timeoutMs,
    policy,
    init.signal ?? undefined,
    init.fetch ?? fetch,
    locate,
  );
}

/** A usable timeout in ms (0 or Infinity: none), or the error that says why not. */
function checkTimeout(value: unknown, what: string): number | TypeError {
  if (typeof value !== 'number' || !(value >= 0)) return new TypeError(`${what} must be a number >= 0`);
  return value === Number.POSITIVE_INFINITY ? 0 : value;
}

/**
 * The path face hands out openapi-fetch's `response`, whose `url` holds the token: it gets
 * the redacted URL instead (an own property over the prototype's getter).
 */
function hideToken(response: Response, clean: (text: string) => string): void {
  if (!response.url) return;
  try {
    Object.defineProperty(response, 'url', { value: clean(response.url), configurable: true });
  } catch {
    // A frozen Response from a custom fetch keeps its URL; the README says so.
  }
}

function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}
