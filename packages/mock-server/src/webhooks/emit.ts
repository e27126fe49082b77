// Sends one webhook delivery the way a Wawp instance does: the documented example of the
// event in its envelope, with a fresh `id` and `timestamp`, the delivery headers and, when a
// key is given, the signature of the exact raw body. The signing scheme and the header names
// are @wawp/webhooks-types' (its one implementation, named as the spec names them).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { deliveryHeaderNames } from '@wawp/webhooks-types/verify';
import { loadWebhookCatalog } from './events.js';
import { eventId } from './ulid.js';

// The synchronous (node:crypto) signer is loaded on the first signed delivery: its entry point
// also carries the receiver's validators, a tenth of the mock's start-up.
const require = createRequire(import.meta.url);
let nodeSigner: typeof import('@wawp/webhooks-types/node') | undefined;

export interface EmitWebhookOptions {
  /** Event name as in the AsyncAPI description, e.g. `session.status` or `message`. */
  event: string;
  /** The receiver's URL (http or https). */
  to: string | URL;
  /** The webhook's HMAC key; when set, the delivery is signed. */
  hmacKey?: string;
  /** Replaces the envelope's `payload` (the event's data) instead of the documented example's. */
  payload?: unknown;
  /** Replaces the envelope's `session` (the instance's session name). */
  session?: string;
  /** Milliseconds to wait for the receiver's answer. Default 10 000. */
  timeoutMs?: number;
  /** Another AsyncAPI document (path or parsed) to take the events from; defaults to @wawp/spec's. */
  asyncapi?: string | object;
  /** Cancels the delivery (the mock's shutdown uses it); the error's code is then `aborted`. */
  signal?: AbortSignal;
}

export interface WebhookDelivery {
  event: string;
  /** The envelope's `id`. */
  id: string;
  /** The `X-Webhook-Request-Id` header. */
  requestId: string;
  /** The receiver's HTTP status. */
  status: number;
  /** True for a 2xx answer. */
  ok: boolean;
  /** The exact bytes that were sent (and signed). */
  body: string;
  /** The headers that were sent. */
  headers: Record<string, string>;
}

export type WebhookEmitErrorCode =
  | 'unknown_event'
  | 'no_example'
  | 'invalid_url'
  | 'unreachable'
  | 'timeout'
  | 'aborted';

/** Why a delivery could not be made. The receiver's URL appears without its query string. */
export class WebhookEmitError extends Error {
  override readonly name = 'WebhookEmitError';
  constructor(
    readonly code: WebhookEmitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Lower case, as they are sent and as `WebhookDelivery.headers` lists them.
const REQUEST_ID_HEADER = deliveryHeaderNames.requestId.toLowerCase();
const TIMESTAMP_HEADER = deliveryHeaderNames.timestamp.toLowerCase();

/** Builds the envelope of one delivery of `event` (exported for tests and the control endpoint). */
export function buildEnvelope(options: Pick<EmitWebhookOptions, 'event' | 'payload' | 'session' | 'asyncapi'>) {
  const catalog = loadWebhookCatalog(options.asyncapi);
  const message = catalog.message(options.event);
  if (!message) {
    throw new WebhookEmitError(
      'unknown_event',
      `Unknown webhook event "${options.event}". Known events: ${catalog.events.join(', ') || '(none)'}.`,
    );
  }
  const example = message.examples?.find((e) => e.payload && typeof e.payload === 'object')?.payload;
  if (!example && options.payload === undefined) {
    throw new WebhookEmitError('no_example', `The event "${options.event}" has no example; pass a payload.`);
  }
  const now = Date.now();
  const envelope: Record<string, unknown> = {
    ...(example ? structuredClone(example as Record<string, unknown>) : { session: 'default', event: options.event }),
  };
  // Fresh per delivery, as the engine does; receivers deduplicate on `id`.
  envelope.id = eventId(now);
  envelope.timestamp = now;
  envelope.event = options.event;
  if (options.session !== undefined) envelope.session = options.session;
  if (options.payload !== undefined) envelope.payload = options.payload;
  return envelope;
}

/** The headers of a delivery of `body` (lower-case names), signed when `hmacKey` is given. */
export function deliveryHeaders(body: string, hmacKey?: string, now: number = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'wawp-mock',
    [REQUEST_ID_HEADER]: randomUUID(),
    [TIMESTAMP_HEADER]: String(now),
  };
  if (hmacKey !== undefined) {
    nodeSigner ??= require('@wawp/webhooks-types/node') as typeof import('@wawp/webhooks-types/node');
    for (const [name, value] of Object.entries(nodeSigner.signatureHeadersSync(body, hmacKey))) {
      headers[name.toLowerCase()] = value;
    }
  }
  return headers;
}

/** Sends one delivery and reports how the receiver answered; a non-2xx answer is not an error. */
export async function emitWebhook(options: EmitWebhookOptions): Promise<WebhookDelivery> {
  const target = parseTarget(options.to);
  const envelope = buildEnvelope(options);
  const body = JSON.stringify(envelope);
  const headers = deliveryHeaders(body, options.hmacKey, envelope.timestamp as number);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: options.signal
        ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs),
    });
    // Drain the answer so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    const where = describeUrl(target);
    if (options.signal?.aborted) throw new WebhookEmitError('aborted', `The delivery to ${where} was cancelled.`);
    if ((error as Error).name === 'TimeoutError') {
      throw new WebhookEmitError('timeout', `The receiver at ${where} did not answer within ${timeoutMs} ms.`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new WebhookEmitError('unreachable', `Could not deliver to ${where}: ${reason}.`);
  }
  return {
    event: options.event,
    id: envelope.id as string,
    requestId: headers[REQUEST_ID_HEADER] as string,
    status: response.status,
    ok: response.ok,
    body,
    headers,
  };
}

function parseTarget(to: string | URL): URL {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new WebhookEmitError('invalid_url', 'The receiver URL is not a valid absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookEmitError('invalid_url', `The receiver URL must use http or https, not ${url.protocol}`);
  }
  return url;
}

/** The URL without query, fragment or credentials: a secret in the webhook URL stays out of messages. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
