import { createWebhookRouter, type WawpWebhookEvent } from '@wawp/webhooks-types';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, expectTypeOf, test } from 'vitest';
import {
  createQueueReceiver,
  createRedisDuplicateStore,
  type DeadLetter,
  deadLetterQueueName,
  startWebhookWorker,
  type WebhookWorker,
} from '../src/index.js';
import { asRequest, HMAC_KEY, redelivery, signedDelivery } from './support/deliveries.js';
import { redisUrl, uniqueQueue } from './support/names.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function pipeline(label: string, options: { attempts?: number; backoffMs?: number } = {}) {
  const queue = uniqueQueue(label);
  const receiver = await createQueueReceiver({ url: redisUrl(), hmacKey: HMAC_KEY, queue, ...options });
  cleanup.push(() => receiver.close());
  const deliver = async (delivery = signedDelivery()) => {
    expect((await receiver.fetch(asRequest(delivery))).status).toBe(200);
    return delivery;
  };
  return { queue, deliver };
}

async function worker(options: Parameters<typeof startWebhookWorker>[0]): Promise<WebhookWorker> {
  const started = await startWebhookWorker(options);
  cleanup.push(() => started.close());
  return started;
}

describe('startWebhookWorker', () => {
  test('dispatches each job to the typed router', async () => {
    const { queue, deliver } = await pipeline('typed');
    const bodies: string[] = [];
    const router = createWebhookRouter().on('message', (event) => {
      expectTypeOf(event).toEqualTypeOf<Extract<WawpWebhookEvent, { event: 'message' }>>();
      bodies.push(String(event.payload.body));
    });
    await worker({ url: redisUrl(), router, queue });
    const delivery = await deliver(signedDelivery('message'));
    await expect.poll(() => bodies, { timeout: 5_000 }).toEqual([JSON.parse(delivery.body).payload.body]);
  });

  test('an event delivered again after its job was handled runs no handler twice (the shared store)', async () => {
    const { queue, deliver } = await pipeline('again');
    const runs = new Map<string, number>();
    const router = createWebhookRouter().onAny((event) => {
      runs.set(String(event.id), (runs.get(String(event.id)) ?? 0) + 1);
    });
    await worker({ url: redisUrl(), router, queue });
    const delivery = await deliver();
    await expect.poll(() => runs.get(delivery.id), { timeout: 5_000 }).toBe(1);
    // The job is gone (as after keepCompletedMs); the engine redelivers: a new job, no new effect.
    const jobs = new Queue(queue, { connection: { url: redisUrl() } });
    cleanup.push(() => jobs.close());
    await (await jobs.getJob(delivery.id))!.remove();
    await deliver(redelivery(delivery));
    await expect.poll(async () => (await jobs.getJobCounts('completed')).completed, { timeout: 5_000 }).toBe(1);
    expect(runs.get(delivery.id)).toBe(1);
  });

  test('a failing handler is retried with backoff, then the job goes to the dead-letter queue', async () => {
    const { queue, deliver } = await pipeline('dead', { attempts: 3, backoffMs: 50 });
    const times: number[] = [];
    const router = createWebhookRouter().onAny(() => {
      times.push(Date.now());
      throw new Error('the database is down');
    });
    const letters: DeadLetter[] = [];
    await worker({ url: redisUrl(), router, queue, onDeadLetter: (l) => letters.push(l) });
    const delivery = await deliver();
    await expect.poll(() => letters.length, { timeout: 10_000 }).toBe(1);
    expect(times).toHaveLength(3);
    // Exponential: 50 ms, then 100 ms.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(45);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(95);
    expect(letters[0]).toMatchObject({ id: delivery.id, attempts: 3 });
    expect(letters[0]!.error).toMatch(/1 of 1 webhook handler\(s\) failed/);
    const dead = new Queue<DeadLetter>(deadLetterQueueName(queue), { connection: { url: redisUrl() } });
    cleanup.push(() => dead.close());
    const filed = await dead.getJob(delivery.id);
    expect(filed?.data.event).toEqual(JSON.parse(delivery.body));
    // Released after each failure: a later redelivery would be handled again.
    const store = await createRedisDuplicateStore({ url: redisUrl(), prefix: `wawp:dedupe:${queue}:` });
    cleanup.push(() => store.close());
    expect(await store.state(delivery.id)).toBe('released');
  });

  test('an event another worker holds waits for it, without spending an attempt', async () => {
    const { queue, deliver } = await pipeline('held', { attempts: 1 });
    const store = await createRedisDuplicateStore({ url: redisUrl(), prefix: `wawp:dedupe:${queue}:` });
    cleanup.push(() => store.close());
    const delivery = signedDelivery();
    expect(await store.claim(delivery.id)).toBe('claimed'); // "another worker"
    const runs: string[] = [];
    await worker({ url: redisUrl(), router: createWebhookRouter().onAny((e) => runs.push(String(e.id))), queue });
    await deliver(delivery);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual([]);
    await store.release(delivery.id); // the other worker failed: ours takes it on its next look
    await expect.poll(() => runs, { timeout: 5_000 }).toEqual([delivery.id]);
  });

  test('close() lets the job in progress finish before it resolves', async () => {
    const { queue, deliver } = await pipeline('close');
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const router = createWebhookRouter().onAny(async () => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    const w = await startWebhookWorker({ url: redisUrl(), router, queue });
    await deliver();
    await running;
    await w.close();
    expect(finished).toBe(true);
  });

  test('options are checked before anything connects', async () => {
    await expect(startWebhookWorker({ url: redisUrl(), router: {} as never })).rejects.toThrow(/router/);
    await expect(
      startWebhookWorker({ url: redisUrl(), router: createWebhookRouter(), concurrency: 0 }),
    ).rejects.toThrow(/concurrency/);
  });
});
