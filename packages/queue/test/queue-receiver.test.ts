import { once } from 'node:events';
import { createServer } from 'node:http';
import { deliveryHeaders } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler } from '@wawp/webhooks-types/node';
import { Queue } from 'bullmq';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createQueueReceiver, type QueueReceiver, type WebhookJobData } from '../src/index.js';
import { asRequest, type Delivery, HMAC_KEY, redelivery, signedDelivery } from './support/deliveries.js';
import { redisUrl, uniqueQueue } from './support/names.js';

let receiver: QueueReceiver;
let queue: Queue<WebhookJobData>;
const name = uniqueQueue('receiver');

beforeAll(async () => {
  receiver = await createQueueReceiver({ url: redisUrl(), hmacKey: HMAC_KEY, queue: name, maxBodyBytes: 64 * 1024 });
  queue = new Queue(name, { connection: { url: redisUrl() } });
});
afterAll(async () => {
  await receiver.close();
  await queue.obliterate({ force: true });
  await queue.close();
});

describe('createQueueReceiver', () => {
  test('stores a signed delivery as one job whose id is the event id, with the parsed event', async () => {
    const delivery = signedDelivery('message');
    const answer = await receiver.fetch(asRequest(delivery));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    const job = await queue.getJob(delivery.id);
    expect(job?.name).toBe('message');
    expect(job?.data.id).toBe(delivery.id);
    expect(job?.data.event).toEqual(JSON.parse(delivery.body));
    expect(job?.opts.attempts).toBe(8);
  });

  test('receive(): the same checks and the same job without an HTTP server', async () => {
    const delivery = signedDelivery('message');
    const bytes = new TextEncoder().encode(delivery.body);
    const asCore = (headers: Record<string, string>) => ({
      method: 'POST',
      url: '/hook',
      headers,
      readBody: async () => bytes,
    });
    const forged = await receiver.receive(asCore({ ...delivery.headers, 'x-webhook-hmac': 'ab'.repeat(64) }));
    expect(forged.status).toBe(401);
    expect(await queue.getJob(delivery.id)).toBeUndefined();
    const answer = await receiver.receive(asCore(delivery.headers));
    expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({ status: 200, body: { ok: true } });
    expect((await queue.getJob(delivery.id))?.data.event).toEqual(JSON.parse(delivery.body));
  });

  test('redeliveries of one event are one job, however many and however concurrent', async () => {
    const before = await queue.count();
    const delivery = signedDelivery('session.status');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => receiver.fetch(asRequest(redelivery(delivery)))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await queue.count()) - before).toBe(1);
  });

  test('answers every bad request exactly as the in-process receiver does, and stores none of them', async () => {
    const inProcess = createFetchHandler({
      router: createWebhookRouter(),
      hmacKey: HMAC_KEY,
      maxBodyBytes: 64 * 1024,
      dedupe: false,
    });
    const good = signedDelivery();
    const mutation = fc.oneof(
      fc.constant((d: Delivery) => ({ ...d, method: 'GET' as const })),
      fc.constant((d: Delivery) => ({ ...d, method: 'PUT' as const })),
      fc.constant((d: Delivery) => ({ ...d, headers: { ...d.headers, 'content-type': 'text/plain' } })),
      fc.constant((d: Delivery) => ({ ...d, headers: { ...d.headers, 'x-webhook-hmac': 'ab'.repeat(64) } })),
      fc.constant((d: Delivery) => {
        const { 'x-webhook-hmac': _, ...headers } = d.headers;
        return { ...d, headers };
      }),
      fc.constant((d: Delivery) => ({ ...d, body: 'x'.repeat(70 * 1024) })),
      // Signed but not an event: the receiver must name the problem (400), not store it.
      fc.jsonValue().map((value) => (d: Delivery) => {
        const body = JSON.stringify(value);
        return { ...d, body, headers: { ...signedDelivery().headers, ...resign(body) } };
      }),
      fc.string().map((junk) => (d: Delivery) => ({ ...d, body: junk, headers: { ...d.headers, ...resign(junk) } })),
    );
    const before = await queue.count();
    await fc.assert(
      fc.asyncProperty(mutation, async (mutate) => {
        const bad = mutate(good) as Delivery & { method?: string };
        const method = bad.method ?? 'POST';
        const make = () =>
          new Request('http://receiver.test/hook', {
            method,
            headers: bad.headers,
            body: method === 'GET' ? undefined : bad.body,
          });
        const [ours, theirs] = await Promise.all([receiver.fetch(make()), inProcess(make())]);
        expect(ours.status).toBe(theirs.status);
        expect(await ours.text()).toBe(await theirs.text());
        expect(ours.status).not.toBe(200);
      }),
      { numRuns: 80 },
    );
    expect(await queue.count()).toBe(before);
  });

  test('the node listener answers like fetch, on a real node:http server', async () => {
    const server = createServer(receiver.node);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const delivery = signedDelivery();
      const url = `http://127.0.0.1:${port}/hook`;
      const ok = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
      expect(ok.status).toBe(200);
      expect(await queue.getJob(delivery.id)).toBeDefined();
      const big = await fetch(url, { method: 'POST', headers: delivery.headers, body: 'x'.repeat(200 * 1024) });
      expect(big.status).toBe(413);
      const forged = await fetch(url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body.replace('}', ' }'),
      });
      expect(forged.status).toBe(401);
      const wrong = await fetch(url, { method: 'GET' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('POST');
    } finally {
      server.close();
    }
  });

  test('refuses to start without a way to check deliveries, or with a bad queue name', async () => {
    await expect(createQueueReceiver({ url: redisUrl() })).rejects.toThrow(/hmacKey/);
    await expect(createQueueReceiver({ url: redisUrl(), hmacKey: 'k', queue: 'a:b' })).rejects.toThrow(/queue/);
    await expect(createQueueReceiver({ url: redisUrl(), hmacKey: 'k', attempts: 0 })).rejects.toThrow(/attempts/);
  });
});

function resign(body: string): Record<string, string> {
  return deliveryHeaders(body, HMAC_KEY);
}
