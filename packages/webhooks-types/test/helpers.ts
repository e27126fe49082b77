import { createHmac } from 'node:crypto';
import { webhookExamples } from '../src/generated/examples.js';

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
