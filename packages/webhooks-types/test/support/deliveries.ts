import { createHmac } from 'node:crypto';
import type { IncomingDelivery, WebhookReceiverOptions } from '../../src/fetch.js';
import { webhookExamples } from '../../src/generated/examples.js';
import { createWebhookRouter } from '../../src/index.js';
import { createReceiver } from '../../src/node.js';

/** An independent signer (node:crypto directly), so the tests do not trust the code under test. */
export const sign = (body: string | Uint8Array, key: string): string =>
  createHmac('sha512', key).update(body).digest('hex');

/** A realistic `message` delivery of about `size` bytes, padded through the message text. */
export function messageDelivery(size = 2048): string {
  const base = webhookExamples.find((e) => e.event === 'message' && e.name === 'incomingText')!.value;
  const event = structuredClone(base) as { payload: { body: string } };
  const bare = JSON.stringify(event).length;
  event.payload.body += ' lorem ipsum dolor sit amet'.repeat(Math.max(0, Math.ceil((size - bare) / 27)));
  return JSON.stringify(event);
}

export const jsonHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  ...extra,
});

/** The headers the engine sends with a delivery of `body`: JSON, a fresh timestamp and, given a key, the signature. */
export const deliveryHeaders = (
  body: string | Uint8Array,
  key?: string,
  now: number = Date.now(),
): Record<string, string> =>
  jsonHeaders({
    'x-webhook-timestamp': String(now),
    ...(key === undefined ? {} : { 'x-webhook-hmac': sign(body, key), 'x-webhook-hmac-algorithm': 'sha512' }),
  });

/** A delivery as the receiver core takes it, without an HTTP server (fast enough for many thousands of cases). */
export const coreDelivery = (
  body: Uint8Array | string,
  headers: Record<string, string | string[]>,
  method = 'POST',
  url = '/',
): IncomingDelivery => ({
  method,
  url,
  headers,
  readBody: async () => (typeof body === 'string' ? new TextEncoder().encode(body) : body),
});

/**
 * A receiver (node:crypto core, no dedupe) whose every handled event is counted, for the
 * generated-case tests that must show nothing reached a handler.
 */
export function countingReceiver(options: Omit<WebhookReceiverOptions, 'router' | 'dedupe'>) {
  const counter = { handled: 0 };
  const router = createWebhookRouter().onAny(() => {
    counter.handled++;
  });
  return { receiver: createReceiver({ ...options, router, dedupe: false }), counter };
}
