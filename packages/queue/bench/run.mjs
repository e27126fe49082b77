#!/usr/bin/env node
// Throughput of the Redis paths, in one run, medians of interleaved rounds:
//   receiving  events/s through the durable receiver (verify + parse + enqueue), the
//              in-process receiver (verify + parse + dispatch), and a bare BullMQ `add` of
//              the same parsed payload (the floor of anything that stores a job)
//   sending    sends/s through the send queue (enqueue, a worker, the outcome) against
//              direct client calls, both to the mock, the queue's limit set out of reach
// Uses REDIS_URL, else starts a private redis-server. Never fails on a slow machine.
// Needs a build: `npm run build -w @wawp/queue` (turbo's bench task builds first).
import { createWawp } from '@wawp/client/operations';
import { buildEnvelope, deliveryHeaders, startMockServer } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler } from '@wawp/webhooks-types/node';
import { Queue } from 'bullmq';
import { createQueueReceiver, createSendQueue } from '../dist/index.js';
import { useRedis } from '../test/support/redis-server.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000);
const SENDS = Number(process.env.BENCH_SENDS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const KEY = 'bench-hmac-key';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (count, ms) => Math.round((count / ms) * 1000);

/** Runs `work(i)` for i < count with `IN_FLIGHT` at a time; resolves the elapsed ms. */
async function timed(count, work) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return performance.now() - start;
}

function deliveries(count) {
  return Array.from({ length: count }, () => {
    const envelope = buildEnvelope({ event: 'message' });
    const body = JSON.stringify(envelope);
    return { envelope, body, headers: deliveryHeaders(body, KEY) };
  });
}
const request = (d) => new Request('http://receiver.bench/hook', { method: 'POST', headers: d.headers, body: d.body });

const redis = await useRedis();
const mock = await startMockServer({ port: 0 });
try {
  const tag = Date.now().toString(36);
  const receiver = await createQueueReceiver({ url: redis.url, hmacKey: KEY, queue: `bench-durable-${tag}` });
  const inProcess = createFetchHandler({ router: createWebhookRouter().onAny(() => {}), hmacKey: KEY, dedupe: false });
  const bare = new Queue(`bench-bare-${tag}`, { connection: { url: redis.url } });

  const receiving = { durable: [], inProcess: [], bare: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const forDurable = deliveries(EVENTS);
    const forInProcess = deliveries(EVENTS);
    const forBare = deliveries(EVENTS);
    const jobOptions = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600 } };
    receiving.bare.push(
      perSecond(
        EVENTS,
        await timed(EVENTS, (i) => {
          const { envelope } = forBare[i];
          return bare.add(
            'message',
            { id: envelope.id, event: envelope, receivedAt: Date.now() },
            { ...jobOptions, jobId: envelope.id },
          );
        }),
      ),
    );
    receiving.durable.push(perSecond(EVENTS, await timed(EVENTS, (i) => receiver.fetch(request(forDurable[i])))));
    receiving.inProcess.push(perSecond(EVENTS, await timed(EVENTS, (i) => inProcess(request(forInProcess[i])))));
  }

  const client = createWawp({ baseUrl: mock.url, instanceId: '123456789', accessToken: 'bench' });
  const sends = await createSendQueue({
    url: redis.url,
    client,
    instanceId: `bench-${tag}`,
    perSecond: 1_000_000,
    concurrency: 16,
  });
  const sending = { queue: [], direct: [] };
  const message = (i) => ({ chatId: '447700900123@c.us', message: `bench ${i}` });
  for (let round = 0; round < ROUNDS; round++) {
    sending.direct.push(perSecond(SENDS, await timed(SENDS, (i) => client.messages.sendText(message(i)))));
    sending.queue.push(perSecond(SENDS, await timed(SENDS, (i) => sends.send('sendText', message(i)))));
  }
  await sends.close();
  await receiver.close();
  await bare.obliterate({ force: true });
  await bare.close();

  const r = {
    durable: median(receiving.durable),
    inProcess: median(receiving.inProcess),
    bare: median(receiving.bare),
  };
  const s = { queue: median(sending.queue), direct: median(sending.direct) };
  console.log(
    `\nbench: medians of ${ROUNDS} rounds, ${IN_FLIGHT} in flight, Redis ${redis.process ? 'private' : 'REDIS_URL'}`,
  );
  console.table({
    'durable receiver (verify + parse + enqueue)': {
      'events/s': r.durable,
      'vs bare add': (r.durable / r.bare).toFixed(2),
    },
    'in-process receiver (verify + parse + dispatch)': {
      'events/s': r.inProcess,
      'vs bare add': (r.inProcess / r.bare).toFixed(2),
    },
    'bare BullMQ add (same payload)': { 'events/s': r.bare, 'vs bare add': '1.00' },
  });
  console.table({
    'send queue (enqueue + worker + outcome)': { 'sends/s': s.queue, 'vs direct': (s.queue / s.direct).toFixed(2) },
    'direct client calls': { 'sends/s': s.direct, 'vs direct': '1.00' },
  });
  console.log(
    `goal: durable receiver ≥ 0.7x bare add — ${r.durable / r.bare >= 0.7 ? 'met' : 'not met'} (${(r.durable / r.bare).toFixed(2)}x)`,
  );
} finally {
  await mock.close();
  await redis.stop();
}
