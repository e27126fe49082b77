// Redis as a component that fails: down at start, and lost in the middle of a run.

import { createWebhookRouter, documentedAnswers } from '@wawp/webhooks-types';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { describe, expect, test } from 'vitest';
import {
  createQueueReceiver,
  createRedisDuplicateStore,
  RedisUnavailableError,
  redactRedisUrl,
  startWebhookWorker,
} from '../src/index.js';
import { asRequest, HMAC_KEY, signedDelivery } from './support/deliveries.js';
import { uniqueQueue } from './support/names.js';
import { freePort, startRedisServer } from './support/redis-server.mjs';

describe('Redis down at start', () => {
  test('every component rejects with RedisUnavailableError naming the URL without its password', async () => {
    const port = await freePort();
    const url = `redis://worker:hunter2-secret@127.0.0.1:${port}/0`;
    const router = createWebhookRouter();
    const starts = [
      () => createRedisDuplicateStore({ url, connectTimeoutMs: 500 }),
      () => createQueueReceiver({ url, hmacKey: HMAC_KEY, connectTimeoutMs: 500 }),
      () => startWebhookWorker({ url, router, connectTimeoutMs: 500 }),
    ];
    for (const start of starts) {
      const error = await start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisUnavailableError);
      const message = (error as Error).message;
      expect(message).toContain(`127.0.0.1:${port}`);
      expect(message).toMatch(/ECONNREFUSED|no answer/);
      expect(message).not.toContain('hunter2-secret');
      expect(JSON.stringify(error)).not.toContain('hunter2-secret');
    }
  });

  test('redactRedisUrl never shows a password, whatever it contains', () => {
    const secret = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(secret, fc.constantFrom('', 'user'), (password, user) => {
        const url = `redis://${user}:${encodeURIComponent(password)}@cache.internal:6380/2`;
        const shown = redactRedisUrl(url);
        expect(shown).toContain('cache.internal:6380');
        expect(shown).not.toContain(`:${encodeURIComponent(password)}@`);
        expect(shown).toContain(':***@');
      }),
      { numRuns: 200 },
    );
    expect(redactRedisUrl('redis://onlytoken@host:6379')).toBe('redis://***@host:6379');
    expect(redactRedisUrl('not a url :secret@')).toBe('(an invalid Redis URL)');
  });
});

/** Clients whose commands wait (here: on a `CLIENT PAUSE`). */
async function blockedClients(admin: Redis): Promise<number> {
  return Number(/blocked_clients:(\d+)/.exec(await admin.info('clients'))?.[1] ?? 0);
}

describe('Redis lost mid-run', () => {
  test('the receiver answers 503 while Redis is gone, never 200, and 200 again once it is back', async () => {
    const redis = await startRedisServer();
    const port = Number(new URL(redis.url).port);
    const receiver = await createQueueReceiver({ url: redis.url, hmacKey: HMAC_KEY, queue: uniqueQueue('lost') });
    try {
      expect((await receiver.fetch(asRequest(signedDelivery()))).status).toBe(200);
      await redis.stop();
      for (let i = 0; i < 5; i++) {
        const answer = await receiver.fetch(asRequest(signedDelivery()));
        expect(answer.status).toBe(503);
        // The receiver core's own documented answer, from the spec's answers table.
        const { headers, body } = documentedAnswers.notStored;
        expect(answer.headers.get('retry-after')).toBe(headers['retry-after']);
        expect(await answer.json()).toEqual(body);
      }
      // Checks that do not need Redis still answer as before.
      const unsigned = signedDelivery();
      delete unsigned.headers['x-webhook-hmac'];
      expect((await receiver.fetch(asRequest(unsigned))).status).toBe(401);

      const back = await startRedisServer(port);
      try {
        await expect
          .poll(async () => (await receiver.fetch(asRequest(signedDelivery()))).status, { timeout: 10_000 })
          .toBe(200);
      } finally {
        await receiver.close();
        await back.stop();
      }
    } finally {
      await receiver.close();
      await redis.stop();
    }
  });

  test('a burst cut off while it waits on Redis: every delivery is answered 503, none 200', async () => {
    // The receiver sends the adds of one tick as one pipelined write. Redis holds the writes
    // (CLIENT PAUSE WRITE runs none of them), so the whole burst is on the wire, unanswered
    // and unstored, when Redis goes away: not one of them may be acknowledged.
    const redis = await startRedisServer();
    const receiver = await createQueueReceiver({ url: redis.url, hmacKey: HMAC_KEY, queue: uniqueQueue('cut') });
    const admin = new Redis(redis.url);
    try {
      await admin.client('PAUSE', 10_000, 'WRITE');
      const deliveries = Array.from({ length: 200 }, () => signedDelivery());
      const answering = Promise.all(deliveries.map(async (d) => (await receiver.fetch(asRequest(d))).status));
      await expect.poll(async () => blockedClients(admin), { timeout: 5_000 }).toBeGreaterThan(0);
      admin.disconnect();
      await redis.stop();
      const answers = await answering;
      expect(answers.filter((status) => status !== 503)).toEqual([]);
    } finally {
      admin.disconnect();
      await receiver.close();
      await redis.stop();
    }
  });
});
