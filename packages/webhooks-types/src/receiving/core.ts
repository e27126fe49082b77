// The receiving logic shared by the Fetch and Node adapters (and by `@wawp/queue`): every
// check, in the order the answers are documented, then the dispatch step.
//   405 not POST · 415 not JSON · 413 too large · 408 body too slow · 401 secret, signature,
//   then timestamp · 400 not UTF-8, not JSON or not the schema · 409 in flight elsewhere ·
//   200 duplicate · dispatch → 200, 503 (not stored) or 500 (failed)
import { deliveryKey } from '../dedupe/key.js';
import { parseWebhookText, WebhookParseError } from '../parsing/parse.js';
import { decodeUtf8 } from '../parsing/utf8.js';
import type { AnyWebhookEvent } from '../routing/router.js';
import { type HeadersLike, readHeader } from '../verification/headers.js';
import type { HmacSha512 } from '../verification/hmac.js';
import { verifySharedSecret } from '../verification/shared-secret.js';
import { checkSignature } from '../verification/signature.js';
import { checkTimestamp } from '../verification/timestamp.js';
import { documented, documentedWith, type ReceiverAnswer } from './answers.js';
import { type ReceiverSteps, resolveOptions, type WebhookReceiverOptions } from './options.js';

export type { ReceiverAnswer } from './answers.js';

export const TOO_LARGE = Symbol('tooLarge');
export const TIMED_OUT = Symbol('timedOut');

/** A request as the core needs it, whatever server it came from. */
export interface IncomingDelivery {
  method: string;
  /** Path and query (Node) or the full URL (Fetch); only the query is read. */
  url: string;
  headers: HeadersLike;
  /**
   * The body's bytes; `TOO_LARGE` as soon as it passes `limit` bytes, `TIMED_OUT` when it
   * has not all arrived `timeoutMs` after the call.
   */
  readBody(limit: number, timeoutMs: number): Promise<Uint8Array | typeof TOO_LARGE | typeof TIMED_OUT>;
}

/**
 * Thrown by a dispatch step that could not take the delivery (a queue that could not store
 * it): the receiver answers 503 with `Retry-After`, and the event is released for the retry.
 */
export class WebhookUnavailableError extends Error {
  override readonly name = 'WebhookUnavailableError';
}

export interface Receiver {
  /** Answers one delivery. Never rejects: a failure of its own is a documented 500. */
  receive(delivery: IncomingDelivery): Promise<ReceiverAnswer>;
}

/** `application/json`, optionally with parameters, or any `application/…+json` type. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const end = contentType.indexOf(';');
  const type = (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Checks the options once and returns the receiver the adapters wrap. */
export function createReceiverWith(hmac: HmacSha512, options: WebhookReceiverOptions, steps?: ReceiverSteps): Receiver {
  const { dispatch, hmacKeys, sharedSecret, maxBodyBytes, bodyTimeoutMs, toleranceMs, store, now } = resolveOptions(
    options,
    steps,
  );
  const tooLarge = documentedWith('tooLarge', `the body is larger than ${maxBodyBytes} bytes`);
  const bodyTimeout = documentedWith('bodyTimeout', `the body did not arrive within ${bodyTimeoutMs} ms`);
  const stale =
    toleranceMs === undefined
      ? undefined
      : documentedWith(
          'staleTimestamp',
          `X-Webhook-Timestamp is outside the accepted window of ${
            toleranceMs % 1000 === 0 ? `${toleranceMs / 1000} seconds` : `${toleranceMs} ms`
          }`,
        );

  /** The checks that run before the body is parsed: a refusal, or the body's bytes and text. */
  async function authenticate(delivery: IncomingDelivery): Promise<ReceiverAnswer | [Uint8Array, string]> {
    if (delivery.method !== 'POST' && delivery.method.toUpperCase() !== 'POST') return documented('notPost');
    if (!isJson(readHeader(delivery.headers, 'content-type'))) return documented('notJson');
    const declared = readHeader(delivery.headers, 'content-length');
    if (declared !== undefined && Number(declared) > maxBodyBytes) return tooLarge;
    const body = await delivery.readBody(maxBodyBytes, bodyTimeoutMs);
    if (body === TOO_LARGE) return tooLarge;
    if (body === TIMED_OUT) return bodyTimeout;

    if (sharedSecret && !verifySharedSecret(delivery, sharedSecret)) return documented('badSecret');
    if (hmacKeys) {
      const check = await checkSignature(hmac, body, delivery.headers, hmacKeys);
      if (check !== 'ok') return documented(check);
    }
    // After the signature, as the spec says: an unauthenticated sender learns nothing from it.
    if (toleranceMs !== undefined) {
      const check = checkTimestamp(delivery.headers, toleranceMs, now());
      if (check === 'staleTimestamp') return stale as ReceiverAnswer;
      if (check === 'badTimestamp') return documented('badTimestamp');
    }
    const text = decodeUtf8(body);
    return text === undefined ? documented('notUtf8') : [body, text];
  }

  async function handle(delivery: IncomingDelivery): Promise<ReceiverAnswer> {
    const checked = await authenticate(delivery);
    if (!Array.isArray(checked)) return checked;
    const [rawBody, text] = checked;
    let event: AnyWebhookEvent;
    try {
      event = parseWebhookText(text);
    } catch (error) {
      if (!(error instanceof WebhookParseError)) throw error;
      return documentedWith('schemaMismatch', error.message, { path: error.path });
    }
    const id = await deliveryKey(event, delivery.headers, rawBody);
    if (store) {
      const state = await store.claim(id);
      if (state === 'in-flight') return documented('inFlight');
      if (state === 'done') return documented('duplicate');
    }
    try {
      await dispatch(event, { id, headers: delivery.headers, rawBody, receivedAt: now() });
    } catch (error) {
      // The router has told its onError handlers already; release the id so the retry runs.
      if (store) await store.release(id);
      return error instanceof WebhookUnavailableError ? documented('notStored') : documented('handlerFailed');
    }
    if (store) {
      try {
        await store.complete(id);
      } catch {
        // The handlers ran: a 500 would make the sender run them again. The id stays in
        // flight until the store forgets it, so a retry meanwhile is told to come back later.
      }
    }
    return documented('accepted');
  }

  return {
    async receive(delivery) {
      try {
        return await handle(delivery);
      } catch {
        // Reading the body, the duplicate store or a bug: never let it escape the adapter.
        return documented('internal');
      }
    },
  };
}
