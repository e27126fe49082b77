import type { DuplicateStore } from '../dedupe/store.js';
import { createMemoryDuplicateStore } from '../dedupe/store.js';
import { describeValue, positiveInteger, secretList, WebhookOptionError } from '../option-error.js';
import type { AnyWebhookEvent, WebhookRouter } from '../routing/router.js';
import type { HeadersLike } from '../verification/headers.js';
import type { SharedSecretOptions } from '../verification/shared-secret.js';
import { DEFAULT_TIMESTAMP_TOLERANCE_MS } from '../verification/timestamp.js';

export interface WebhookReceiverOptions {
  /** Where parsed deliveries go (not needed when a `dispatch` step replaces it). */
  router?: WebhookRouter;
  /**
   * The webhook's HMAC key (several while rotating). Deliveries without a valid signature
   * are refused with 401. Given but empty, `undefined` or not a string: creating the
   * receiver throws `WebhookOptionError`.
   */
  hmacKey?: string | readonly string[];
  /**
   * The secret in your webhook URL (`?secret=...` by default), or the full options to name
   * another query parameter or a header. Deliveries without it are refused with 401.
   */
  sharedSecret?: string | readonly string[] | SharedSecretOptions;
  /**
   * Accept deliveries with no signature or secret at all. Only for a receiver behind
   * something else that authenticates them; without `hmacKey`, `sharedSecret` or this,
   * creating the receiver throws.
   */
  allowUnsigned?: boolean;
  /** Largest body accepted, in bytes; bigger ones get 413. Default 1 MiB (1,048,576). */
  maxBodyBytes?: number;
  /** How long the body may take to arrive, in milliseconds; slower ones get 408. Default 10,000. */
  bodyTimeoutMs?: number;
  /**
   * How far `X-Webhook-Timestamp` may be from the receiver's clock, each way, in
   * milliseconds; further ones, and missing or malformed timestamps, get 401. Default
   * 300,000 (5 minutes). `false` turns the check off, for senders that send no timestamp.
   */
  timestampToleranceMs?: number | false;
  /**
   * Runs the handlers once per event (answering 200 `duplicate` to a repeat, and 409 to a
   * retry that arrives while an earlier attempt still runs). `true` (the default) keeps the
   * last 10,000 handled ids in memory; pass a store to share them between processes, or
   * `false` to turn it off.
   */
  dedupe?: boolean | DuplicateStore;
  /** The receiver's clock, in Unix milliseconds (for tests). Default `Date.now`. */
  now?: () => number;
}

/** What the dispatch step learns about the delivery beside the parsed event. */
export interface DeliveryContext {
  /** The key the delivery was deduplicated on: the event id, else `request:<id>`, else `sha256:<hex>`. */
  id: string;
  /** The request headers as the server gave them. */
  headers: HeadersLike;
  /** The exact bytes that were verified and parsed. */
  rawBody: Uint8Array;
  /** When the receiver accepted the delivery, in Unix milliseconds. */
  receivedAt: number;
}

/**
 * The steps a receiver built on the core can replace. `dispatch` runs instead of the router:
 * resolve to answer 200 (the event is then done), reject to answer 500 (released, so the
 * retry runs), or reject with `WebhookUnavailableError` to answer 503 (e.g. a queue that could
 * not store the event).
 */
export interface ReceiverSteps {
  dispatch?(event: AnyWebhookEvent, context: DeliveryContext): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** The options once checked: every value usable, every default applied. */
export interface ResolvedOptions {
  /** The router, when it is the dispatch step (then `dispatch` is not used). */
  router: WebhookRouter | undefined;
  dispatch: (event: AnyWebhookEvent, context: DeliveryContext) => Promise<void>;
  hmacKeys: readonly string[] | undefined;
  sharedSecret: SharedSecretOptions | undefined;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  toleranceMs: number | undefined;
  store: DuplicateStore | undefined;
  now: () => number;
}

function resolveSharedSecret(value: unknown): SharedSecretOptions {
  if (typeof value === 'string' || Array.isArray(value)) return { secret: secretList('sharedSecret', value) };
  if (value === null || typeof value !== 'object') {
    throw new WebhookOptionError(
      'sharedSecret',
      `must be a secret, a list of secrets or { secret, param?, header? }, got ${describeValue(value)}`,
    );
  }
  const options = value as SharedSecretOptions;
  secretList('sharedSecret.secret', options.secret);
  for (const name of ['param', 'header'] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0)) {
      throw new WebhookOptionError(`sharedSecret.${name}`, `must be a non-empty string, got ${describeValue(v)}`);
    }
  }
  return options;
}

function resolveStore(value: unknown): DuplicateStore | undefined {
  if (value === false) return undefined;
  if (value === undefined || value === true) return createMemoryDuplicateStore();
  const store = value as Partial<DuplicateStore> | null;
  if (
    store &&
    typeof store.claim === 'function' &&
    typeof store.complete === 'function' &&
    typeof store.release === 'function'
  ) {
    return store as DuplicateStore;
  }
  throw new WebhookOptionError('dedupe', 'must be true, false or a store with claim, complete and release');
}

/** Checks every option once, when the receiver is created, so a mistake stops the server at start-up. */
export function resolveOptions(options: WebhookReceiverOptions, steps: ReceiverSteps = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new WebhookOptionError('options', `must be an object, got ${describeValue(options)}`);
  }
  const dispatch = steps.dispatch;
  if (dispatch !== undefined && typeof dispatch !== 'function') {
    throw new WebhookOptionError('dispatch', 'must be a function');
  }
  const router = dispatch ? undefined : options.router;
  if (!dispatch && (!router || typeof router.dispatch !== 'function')) {
    throw new WebhookOptionError('router', 'a webhook receiver needs a router (createWebhookRouter())');
  }
  // `{ hmacKey: process.env.UNSET }` is a mistake, not "no key": an option that is present must
  // be usable. An `undefined` beside a usable other check is the config-passing pattern
  // (`{ hmacKey: cfg.key, sharedSecret: cfg.secret }` with one of them set) and counts as absent.
  const hasKey = options.hmacKey !== undefined;
  const hasSecret = options.sharedSecret !== undefined;
  const hmacKeys = hasKey || ('hmacKey' in options && !hasSecret) ? secretList('hmacKey', options.hmacKey) : undefined;
  const sharedSecret =
    hasSecret || ('sharedSecret' in options && !hasKey) ? resolveSharedSecret(options.sharedSecret) : undefined;
  const allowUnsigned = options.allowUnsigned;
  if (allowUnsigned !== undefined && typeof allowUnsigned !== 'boolean') {
    throw new WebhookOptionError('allowUnsigned', `must be true or false, got ${describeValue(allowUnsigned)}`);
  }
  if (allowUnsigned && (hmacKeys || sharedSecret)) {
    throw new WebhookOptionError('allowUnsigned', 'cannot be combined with hmacKey or sharedSecret');
  }
  if (!hmacKeys && !sharedSecret && !allowUnsigned) {
    throw new WebhookOptionError(
      'hmacKey',
      'a webhook receiver needs hmacKey or sharedSecret; pass allowUnsigned: true to accept unauthenticated deliveries',
    );
  }
  const tolerance = options.timestampToleranceMs;
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new WebhookOptionError('now', 'must be a function returning Unix milliseconds');
  return {
    router,
    dispatch: dispatch ?? ((event) => (router as WebhookRouter).dispatch(event)),
    hmacKeys,
    sharedSecret,
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    bodyTimeoutMs: positiveInteger('bodyTimeoutMs', options.bodyTimeoutMs, DEFAULT_BODY_TIMEOUT_MS),
    toleranceMs:
      tolerance === false
        ? undefined
        : positiveInteger('timestampToleranceMs', tolerance, DEFAULT_TIMESTAMP_TOLERANCE_MS),
    store: resolveStore(options.dedupe),
    now,
  };
}
