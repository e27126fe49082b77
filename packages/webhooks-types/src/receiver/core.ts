// The receiving logic shared by the Fetch and Node adapters: every check in the order the
// answers are documented (405, 415, 413, 401, 400, then dispatch: 200 or 500).
import type { HmacSha512 } from '../crypto/hmac.js';
import { createMemoryDuplicateStore, type DuplicateStore } from '../dedupe.js';
import { type HeadersLike, readHeader } from '../headers.js';
import { parseWebhook, WebhookParseError } from '../parse.js';
import { type SharedSecretOptions, verifySharedSecret } from '../shared-secret.js';
import { verifySignatureWith } from '../signature-core.js';
import { DEFAULT_MAX_BODY_BYTES, type WebhookReceiverOptions } from './options.js';

/** A request as the core needs it, whatever server it came from. */
export interface IncomingDelivery {
  method: string;
  /** Path and query (Node) or the full URL (Fetch); only the query is read. */
  url: string;
  headers: HeadersLike;
  /** The body's bytes, or `tooLarge` as soon as it passes `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array | typeof TOO_LARGE>;
}

export const TOO_LARGE = Symbol('tooLarge');

export interface ReceiverAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const answer = (status: number, body: object, extra?: Record<string, string>): ReceiverAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { ...JSON_HEADERS, ...extra },
});
const ACCEPTED = answer(200, { ok: true });
const DUPLICATE = answer(200, { ok: true, duplicate: true });
const UNAUTHORIZED = answer(401, { ok: false, error: 'signature or secret missing or invalid' });

/** `application/json`, optionally with parameters, or any `+json` type. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export interface Receiver {
  receive(delivery: IncomingDelivery): Promise<ReceiverAnswer>;
}

/** Checks the options once and returns the request handler the adapters wrap. */
export function createReceiver(options: WebhookReceiverOptions, hmac: HmacSha512): Receiver {
  const { router, hmacKey } = options;
  if (!router || typeof router.dispatch !== 'function') throw new TypeError('a webhook receiver needs a router');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1)
    throw new RangeError('maxBodyBytes must be a positive integer');
  const secret: SharedSecretOptions | undefined =
    options.sharedSecret === undefined
      ? undefined
      : typeof options.sharedSecret === 'string' || Array.isArray(options.sharedSecret)
        ? { secret: options.sharedSecret as string | readonly string[] }
        : (options.sharedSecret as SharedSecretOptions);
  const store: DuplicateStore | undefined =
    options.dedupe === false
      ? undefined
      : options.dedupe === undefined || options.dedupe === true
        ? createMemoryDuplicateStore()
        : options.dedupe;
  const signature = hmacKey === undefined ? undefined : { hmacKey };
  // An empty key would fail every delivery later; say so now, while the server starts.
  const nonEmpty = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : v).some((k) => k.length > 0);
  if (signature && !nonEmpty(signature.hmacKey)) throw new TypeError('hmacKey must contain a non-empty key');
  if (secret && !nonEmpty(secret.secret)) throw new TypeError('sharedSecret must contain a non-empty secret');
  const tooLarge = answer(413, { ok: false, error: `the body is larger than ${maxBodyBytes} bytes` });

  async function receive(delivery: IncomingDelivery): Promise<ReceiverAnswer> {
    if (delivery.method.toUpperCase() !== 'POST') {
      return answer(405, { ok: false, error: 'webhooks are delivered with POST' }, { allow: 'POST' });
    }
    if (!isJson(readHeader(delivery.headers, 'content-type'))) {
      return answer(415, { ok: false, error: 'the body must be application/json' });
    }
    const declared = Number(readHeader(delivery.headers, 'content-length'));
    if (declared > maxBodyBytes) return tooLarge;
    const body = await delivery.readBody(maxBodyBytes);
    if (body === TOO_LARGE) return tooLarge;

    if (secret && !verifySharedSecret(delivery, secret)) return UNAUTHORIZED;
    if (signature && !(await verifySignatureWith(hmac, body, delivery.headers, signature))) return UNAUTHORIZED;

    let event: ReturnType<typeof parseWebhook>;
    try {
      event = parseWebhook(body);
    } catch (error) {
      if (!(error instanceof WebhookParseError)) throw error;
      return answer(400, { ok: false, error: error.message, path: error.path });
    }

    const id = typeof event.id === 'string' ? event.id : undefined;
    if (store && id !== undefined && !(await store.claim(id))) return DUPLICATE;
    try {
      await router.dispatch(event);
    } catch {
      // The router has already told its onError handlers; let the sender retry this event.
      if (store && id !== undefined) await store.release(id);
      return answer(500, { ok: false, error: 'a webhook handler failed' });
    }
    return ACCEPTED;
  }

  return {
    async receive(delivery) {
      try {
        return await receive(delivery);
      } catch {
        // Reading the body, the duplicate store or a bug: never let it escape the adapter.
        return answer(500, { ok: false, error: 'the webhook could not be processed' });
      }
    },
  };
}
