// The receiver core as a seam (interface 6): the same checks and answers, with the dispatch
// step replaced, as `@wawp/queue` uses it.
import { describe, expect, it } from 'vitest';
import { createReceiver, type DeliveryContext, WebhookUnavailableError } from '../src/index.js';
import { createReceiver as createNodeReceiver } from '../src/node.js';
import { coreDelivery, deliveryHeaders, messageDelivery } from './support/deliveries.js';

const KEY = 'seam-hmac-key';
const body = messageDelivery(512);

describe.each([
  ['WebCrypto', createReceiver],
  ['node:crypto', createNodeReceiver],
])('createReceiver with a dispatch step (%s)', (_, create) => {
  it('hands the checked event and its context to the step instead of a router', async () => {
    const calls: [string, DeliveryContext][] = [];
    const receiver = create(
      { hmacKey: KEY },
      { dispatch: async (event, context) => void calls.push([event.event, context]) },
    );
    const answer = await receiver.receive(coreDelivery(body, deliveryHeaders(body, KEY)));
    expect(answer.status).toBe(200);
    expect(calls).toHaveLength(1);
    const [name, context] = calls[0]!;
    expect(name).toBe('message');
    expect(context.id).toBe(JSON.parse(body).id);
    expect(new TextDecoder().decode(context.rawBody)).toBe(body);
    expect(typeof context.receivedAt).toBe('number');
    // Checks still come first: a forged delivery never reaches the step.
    expect((await receiver.receive(coreDelivery(body, deliveryHeaders(body, 'wrong')))).status).toBe(401);
    expect(calls).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the step could not store the event, and takes the retry', async () => {
    let full = true;
    const stored: string[] = [];
    const receiver = create(
      { hmacKey: KEY },
      {
        dispatch: async (_event, { id }) => {
          if (full) throw new WebhookUnavailableError('the queue is full');
          stored.push(id);
        },
      },
    );
    const first = await receiver.receive(coreDelivery(body, deliveryHeaders(body, KEY)));
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('5');
    full = false;
    expect((await receiver.receive(coreDelivery(body, deliveryHeaders(body, KEY)))).status).toBe(200);
    expect((await receiver.receive(coreDelivery(body, deliveryHeaders(body, KEY)))).body).toContain('duplicate');
    expect(stored).toEqual([JSON.parse(body).id]);
  });

  it('keys an event without id on the request id header, else on the body digest', async () => {
    const ids: string[] = [];
    const receiver = create({ hmacKey: KEY, dedupe: false }, { dispatch: async (_e, { id }) => void ids.push(id) });
    const event = JSON.parse(body);
    delete event.id;
    const noId = JSON.stringify(event);
    await receiver.receive(coreDelivery(noId, { ...deliveryHeaders(noId, KEY), 'x-webhook-request-id': 'req-1' }));
    await receiver.receive(coreDelivery(noId, deliveryHeaders(noId, KEY)));
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(noId))).toString('hex');
    expect(ids).toEqual(['request:req-1', `sha256:${digest}`]);
  });
});
