// The receiving logic shared by the Fetch and Node adapters (and by `@wawp/queue`): every
// check, in the order the answers are documented, then the dispatch step.
//   405 not POST · 415 not JSON · 413 too large · 408 body too slow · 401 secret, signature,
//   then timestamp · 400 not UTF-8, not JSON or not the schema · 409 in flight elsewhere ·
//   200 duplicate · dispatch → 200, 503 (not stored) or 500 (failed)
import { deliveryKey } from '../dedupe/key.js';
import { parseWebhookText, WebhookParseError } from '../parsing/parse.js';
import { decodeUtf8 } from '../parsing/utf8.js';
import { type AnyWebhookEvent, type DispatchNow, dispatchNow } from '../routing/router.js';
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
  if (contentType === 'application/json') return true;
  if (!contentType) return false;
  const end = contentType.indexOf(';');
  const type = (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Checks the options once and returns the receiver the adapters wrap. */
export function createReceiverWith(hmac: HmacSha512, options: WebhookReceiverOptions, steps?: ReceiverSteps): Receiver {
  const { router, dispatch, hmacKeys, sharedSecret, maxBodyBytes, bodyTimeoutMs, toleranceMs, store, now } =
    resolveOptions(options, steps);
  const runNow = (router as { [dispatchNow]?: DispatchNow } | undefined)?.[dispatchNow];
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

  // One async function with synchronous fast paths: on node:crypto with the memory store the
  // only awaits are the body and the dispatch, which keeps the full path near its floor.
  async function receive(delivery: IncomingDelivery): Promise<ReceiverAnswer> {
    try {
      const headers = delivery.headers;
      if (delivery.method !== 'POST' && delivery.method.toUpperCase() !== 'POST') return documented('notPost');
      if (!isJson(readHeader(headers, 'content-type'))) return documented('notJson');
      const declared = readHeader(headers, 'content-length');
      if (declared !== undefined && Number(declared) > maxBodyBytes) return tooLarge;
      const rawBody = await delivery.readBody(maxBodyBytes, bodyTimeoutMs);
      if (rawBody === TOO_LARGE) return tooLarge;
      if (rawBody === TIMED_OUT) return bodyTimeout;

      if (sharedSecret && !verifySharedSecret(delivery, sharedSecret)) return documented('badSecret');
      if (hmacKeys) {
        let check = checkSignature(hmac, rawBody, headers, hmacKeys);
        if (typeof check !== 'string') check = await check;
        if (check !== 'ok') return documented(check);
      }
      // After the signature, as the spec says: an unauthenticated sender learns nothing from it.
      if (toleranceMs !== undefined) {
        const check = checkTimestamp(headers, toleranceMs, now());
        if (check === 'staleTimestamp') return stale as ReceiverAnswer;
        if (check === 'badTimestamp') return documented('badTimestamp');
      }
      const text = decodeUtf8(rawBody);
      if (text === undefined) return documented('notUtf8');
      let event: AnyWebhookEvent;
      try {
        event = parseWebhookText(text);
      } catch (error) {
        if (!(error instanceof WebhookParseError)) throw error;
        return documentedWith('schemaMismatch', error.message, { path: error.path });
      }

      let id = deliveryKey(event, headers, rawBody);
      if (typeof id !== 'string') id = await id;
      if (store) {
        let state = store.claim(id);
        if (typeof state !== 'string') state = await state;
        if (state === 'in-flight') return documented('inFlight');
        if (state === 'done') return documented('duplicate');
      }
      try {
        // The router needs no context; build it only for a dispatch step that takes one. Our
        // own router answers synchronously when every handler was.
        const dispatched = runNow
          ? runNow(event)
          : router
            ? router.dispatch(event)
            : dispatch(event, { id, headers, rawBody, receivedAt: now() });
        if (dispatched) await dispatched;
      } catch (error) {
        // The router has told its onError handlers already; release the id so the retry runs.
        if (store) await store.release(id);
        return error instanceof WebhookUnavailableError ? documented('notStored') : documented('handlerFailed');
      }
      if (store) {
        try {
          const done = store.complete(id);
          if (done) await done;
        } catch {
          // The handlers ran: a 500 would make the sender run them again. The id stays in
          // flight until the store forgets it, so a retry meanwhile is told to come back later.
        }
      }
      return documented('accepted');
    } catch {
      // Reading the body, the duplicate store or a bug: never let it escape the adapter.
      return documented('internal');
    }
  }

  return { receive };
}
