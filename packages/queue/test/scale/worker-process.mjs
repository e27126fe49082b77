// One worker process of the scale test. Each handler run is counted (`runs`, one increment
// per run), and the handler's effect is written keyed by the event id (`effects`), the way
// the guide asks effects to be written so that a crash between effect and completion
// cannot apply it twice.

import { startWebhookWorker } from '@wawp/queue';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { Redis } from 'ioredis';

const queue = process.env.QUEUE;
const redis = new Redis(process.env.REDIS_URL);
const router = createWebhookRouter().onAny(async (event) => {
  await redis.hincrby(`${queue}:runs`, event.id, 1);
  await redis.hsetnx(`${queue}:effects`, event.id, `${process.pid}`);
});
const worker = await startWebhookWorker({
  url: process.env.REDIS_URL,
  router,
  queue,
  concurrency: 8,
  // Short, so the test sees a killed worker's jobs taken over within seconds.
  lockDurationMs: 2_000,
  dedupe: { inFlightTtlMs: 3_000 },
});
console.log('READY');

process.on('SIGTERM', async () => {
  await worker.close();
  redis.disconnect();
  process.exit(0);
});
