#!/usr/bin/env node
// Throughput of the Redis paths, in one run, medians of interleaved rounds:
//   receiving  events/s through the durable receiver (verify + parse + enqueue), the
//              in-process receiver (verify + parse + dispatch), and a bare BullMQ `add` of
//              the same parsed payload (the floor of anything that stores a job). Each
//              delivery's Request is built before the clock starts, like its body and
//              signature: what is timed is the receiver, not undici's Request constructor
//              (on Node 20 that costs about as much as verifying and parsing the delivery).
//              For reference, the same bare `add` on an auto-pipelined connection, as the
//              durable receiver's own connection is.
//   sending    sends/s through the send queue (enqueue, a worker, the outcome) against
//              direct client calls, both to the mock, the queue's limit set out of reach
// Uses REDIS_URL, else starts a private redis-server. Never fails on a slow machine.
// Needs a build: `npm run build -w @wawp/queue` (turbo's bench task builds first).
import { createWawp } from '@wawp/client/operations';
import { buildEnvelope, deliveryHeaders, startMockServer } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler } from '@wawp/webhooks-types/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
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

/** Signed deliveries, each with the Request a server would hand the receiver. */
function deliveries(count) {
  return Array.from({ length: count }, () => {
    const envelope = buildEnvelope({ event: 'message' });
    const body = JSON.stringify(envelope);
    const headers = deliveryHeaders(body, KEY);
    return { envelope, request: new Request('http://receiver.bench/hook', { method: 'POST', headers, body }) };
  });
}

const redis = await useRedis();
const mock = await startMockServer({ port: 0 });
try {
  const tag = Date.now().toString(36);
  const receiver = await createQueueReceiver({ url: redis.url, hmacKey: KEY, queue: `bench-durable-${tag}` });
  const inProcess = createFetchHandler({ router: createWebhookRouter().onAny(() => {}), hmacKey: KEY, dedupe: false });
  const bare = new Queue(`bench-bare-${tag}`, { connection: { url: redis.url } });
  const pipelinedConnection = new Redis(redis.url, { enableAutoPipelining: true, maxRetriesPerRequest: null });
  const barePipelined = new Queue(`bench-bare-pipelined-${tag}`, { connection: pipelinedConnection });
  const jobOptions = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600 } };
  const bareAdd = (queue, { envelope }) =>
    queue.add(
      'message',
      { id: envelope.id, event: envelope, receivedAt: Date.now() },
      { ...jobOptions, jobId: envelope.id },
    );

  const receiving = { durable: [], inProcess: [], bare: [], barePipelined: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const forDurable = deliveries(EVENTS);
    const forInProcess = deliveries(EVENTS);
    const forBare = deliveries(EVENTS);
    const forBarePipelined = deliveries(EVENTS);
    receiving.bare.push(perSecond(EVENTS, await timed(EVENTS, (i) => bareAdd(bare, forBare[i]))));
    receiving.durable.push(perSecond(EVENTS, await timed(EVENTS, (i) => receiver.fetch(forDurable[i].request))));
    receiving.inProcess.push(perSecond(EVENTS, await timed(EVENTS, (i) => inProcess(forInProcess[i].request))));
    receiving.barePipelined.push(
      perSecond(EVENTS, await timed(EVENTS, (i) => bareAdd(barePipelined, forBarePipelined[i]))),
    );
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
  for (const queue of [bare, barePipelined]) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  pipelinedConnection.disconnect();

  const r = {
    durable: median(receiving.durable),
    inProcess: median(receiving.inProcess),
    bare: median(receiving.bare),
    barePipelined: median(receiving.barePipelined),
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
    'bare add, auto-pipelined connection (reference)': {
      'events/s': r.barePipelined,
      'vs bare add': (r.barePipelined / r.bare).toFixed(2),
    },
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
