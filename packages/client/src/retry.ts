/** How the client retries a request that failed in a way worth trying again. */
export interface RetryOptions {
  /** Most attempts in total, the first one included. Default 3. */
  attempts?: number;
  /** Upper bound of the first backoff delay; it doubles per attempt (full jitter: a random delay up to it). Default 250 ms. */
  baseDelayMs?: number;
  /**
   * Cap of any single backoff delay. Default 5 000 ms. A usable `Retry-After` from the server
   * is honoured as given, within `maxElapsedMs`.
   */
  maxDelayMs?: number;
  /** No retry starts later than this after the first attempt; the last answer or error is surfaced. Default 30 000 ms. */
  maxElapsedMs?: number;
  /**
   * HTTP methods retried without asking. Default GET, HEAD, OPTIONS, PUT, DELETE: sends (POST)
   * are not retried unless listed here or opted in per request, because a duplicate WhatsApp
   * message is worse than an error. Reads that the API takes as POST (the chat list, a message
   * by id, …) are marked safe in the spec and retried like GETs.
   */
  methods?: readonly string[];
}

/** Per request: `false` never retries, `true` or options opt this request in (also a POST). */
export type RetryOption = boolean | RetryOptions;

export type RetryPolicy = Required<RetryOptions>;

/** Statuses worth another attempt: rate limited, or a gateway in front of the API failed. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxElapsedMs: 30_000,
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
};

/** The longest wait a timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_WAIT_MS = 2_147_483_647;

/**
 * Merges the client's setting with the request's; undefined means "do not retry".
 * `routeSafe` is the spec's word on this route (`x-wawp-retry-safe`) when it overrides the
 * method's default.
 */
export function retryPolicy(
  client: RetryPolicy | false,
  request: RetryOption | undefined,
  method: string,
  routeSafe?: boolean,
): RetryPolicy | undefined {
  if (request === false) return undefined;
  if (request === undefined) {
    return client !== false && (routeSafe ?? client.methods.includes(method)) ? client : undefined;
  }
  const base = client || DEFAULT_RETRY;
  return request === true ? base : { ...base, ...request };
}

export function normalizeRetry(
  option: false | RetryOptions | undefined,
  factory = 'createWawpClient',
): RetryPolicy | false {
  if (option === false) return false;
  const policy = { ...DEFAULT_RETRY, ...option };
  for (const key of ['attempts', 'baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    if (typeof policy[key] !== 'number' || !(policy[key] >= 0)) {
      throw new TypeError(`${factory}: \`retry.${key}\` must be a number >= 0`);
    }
  }
  return { ...policy, methods: policy.methods.map((m) => m.toUpperCase()) };
}

/** Full jitter: a random delay between 0 and the exponential bound of this attempt, never past a timer's range. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1), MAX_WAIT_MS);
}

/**
 * `Retry-After` in milliseconds: whole seconds, or an HTTP date in the future. Anything
 * else (negative, fractional, a date now or past, more than a timer can hold, unreadable)
 * is undefined, so the caller falls back to its backoff instead of hammering the server.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/^[A-Za-z]/.test(text)) ms = Date.parse(text) - now;
  else return undefined;
  return ms > 0 && ms <= MAX_WAIT_MS ? ms : undefined;
}
