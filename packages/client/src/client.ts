import createClient, { type Client } from 'openapi-fetch';
import { assertCredentials, type Credentials, credentialQuerySerializer } from './credentials.js';
import { WawpApiError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { redact, safePath } from './redact.js';
import { normalizeRetry, type RetryOptions } from './retry.js';
import { createTransport, type FetchLike } from './transport.js';

export const DEFAULT_BASE_URL = 'https://wawp.net/wp-json/awp/v1';
/**
 * No timeout unless asked for, like `fetch` itself: a per-attempt timer needs an
 * AbortController per request, which costs about a tenth of a call's time on Node.
 */
export const DEFAULT_TIMEOUT_MS = 0;

export interface WawpClientOptions extends Credentials {
  /** API root; defaults to the production v1 URL. Use the mock's URL in tests. */
  baseUrl?: string;
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation). It gets the
   * `Request` and, when a timeout or signal applies, an init holding only the `signal` to honour.
   */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Time allowed per attempt until the response headers arrive, in ms. Off (0) by default;
   * 10 000 to 30 000 suits most calls. Each retry gets a fresh timer.
   */
  timeoutMs?: number;
  /** Retry settings, or `false` to never retry. See {@link RetryOptions} for the defaults. */
  retry?: false | RetryOptions;
}

/** The path-based face: openapi-fetch's `GET`/`POST`/… typed by the Wawp description. */
export type WawpPathClient = Client<paths, 'application/json'>;

interface ClientContext {
  baseUrl: string;
  secrets: readonly string[];
}

// What the operation face needs to build redacted errors, kept off the client object so the
// path face stays exactly openapi-fetch's.
const contexts = new WeakMap<object, ClientContext>();

export function createWawpClient(options: WawpClientOptions): WawpPathClient {
  assertCredentials(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) {
    throw new TypeError('createWawpClient: `timeoutMs` must be a number >= 0');
  }
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  // Checked here, because a URL that fails to parse later would be reported by `new Request`
  // with the whole query string, token included.
  if (!isHttpUrl(baseUrl)) throw new TypeError('createWawpClient: `baseUrl` must be an absolute http(s) URL');
  const secrets = [options.accessToken];
  const fetch = options.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));

  const client = createClient<paths, 'application/json'>({
    baseUrl,
    fetch: createTransport({ fetch, baseUrl, secrets, timeoutMs, retry: normalizeRetry(options.retry) }),
    headers: options.headers,
    querySerializer: credentialQuerySerializer(options),
  });
  contexts.set(client, { baseUrl, secrets });
  return client;
}

/**
 * The typed error for an answer with an error status. The vendor's message and body pass
 * through redaction, in case the server echoes the request URL back.
 */
export function apiError(
  client: object,
  method: string,
  path: string,
  response: Response,
  body: unknown,
): WawpApiError {
  const context = contexts.get(client);
  const secrets = context?.secrets ?? [];
  const clean = (text: string) => redact(text, secrets);
  const safeBody = body === undefined || secrets.length === 0 ? body : redactDeep(body, clean);
  const where = response.url && context ? safePath(response.url, context.baseUrl) : path;
  return new WawpApiError(response.status, safeBody, { method, path: where });
}

function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

function redactDeep(value: unknown, clean: (text: string) => string): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, clean));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, clean)]));
  }
  return value;
}
