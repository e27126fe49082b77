#!/usr/bin/env node
// Throughput of the Redis paths, in one run, medians of rounds in a rotating order:
//   receiving  events/s through the durable receiver's core (verify + parse + enqueue), the
//              in-process receiver's core (verify + parse + dispatch), and a bare BullMQ
//              `add` of the same parsed payload (the floor of anything that stores a job);
//              each path's ratio to the bare add is taken within a round, then the median.
//              Deliveries are built before the clock starts (body, signature, headers, and
//              the Request a Fetch server would hand over): that is the HTTP server's work.
//              For reference, both receivers behind their Fetch handler (which adds reading
//              the Request's body stream and building a Response: on Node 20 that costs about
//              as much as verifying and parsing the delivery), and the same bare `add` on an
//              auto-pipelined connection (why the durable receiver's connection is not one).
//   sending    sends/s through the send queue (enqueue, a worker, the outcome) against
//              direct client calls, both to the mock, the queue's limit set out of reach
// Uses REDIS_URL, else starts a private redis-server. Never fails on a slow machine.
// Needs a build: `npm run build -w @wawp/queue` (turbo's bench task builds first).
import { createWawp } from '@wawp/client/operations';
import { buildEnvelope, deliveryHeaders, startMockServer } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler, createReceiver } from '@wawp/webhooks-types/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createQueueReceiver, createSendQueue } from '../dist/index.js';
import { useRedis } from '../test/support/redis-server.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const SENDS = Number(process.env.BENCH_SENDS ?? 600);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const KEY = 'bench-hmac-key';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (count, ms) => Math.round((count / ms) * 1000);

/**
 * Runs `work(i)` for i < count with `IN_FLIGHT` at a time; resolves the elapsed ms and this
 * process's CPU ms (Redis is another process: its work is the same for every path here).
 */
async function timed(count, work) {
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await work(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Signed deliveries, each as the receiver core takes it (method, lower-case headers as Node
 * gives them, the body's bytes) and, for the Fetch paths, as the Request a Fetch server would
 * hand over. Built before the clock starts: making them is the HTTP server's work, not the
 * receiver's.
 */
function deliveries(count, withRequest) {
  return Array.from({ length: count }, () => {
    const envelope = buildEnvelope({ event: 'message' });
    const body = JSON.stringify(envelope);
    const headers = deliveryHeaders(body, KEY);
    const bytes = new TextEncoder().encode(body);
    const delivery = {
      method: 'POST',
      url: '/hook',
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      readBody: () => Promise.resolve(bytes),
    };
    const request = withRequest
      ? new Request('http://receiver.bench/hook', { method: 'POST', headers, body })
      : undefined;
    return { envelope, delivery, request };
  });
}

const redis = await useRedis();
const mock = await startMockServer({ port: 0 });
try {
  const tag = Date.now().toString(36);
  const receiver = await createQueueReceiver({ url: redis.url, hmacKey: KEY, queue: `bench-durable-${tag}` });
  const inProcessOptions = { router: createWebhookRouter().onAny(() => {}), hmacKey: KEY, dedupe: false };
  const inProcess = createReceiver(inProcessOptions);
  const inProcessFetch = createFetchHandler(inProcessOptions);
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

  // Each round runs every path on fresh deliveries, in a rotating order: later paths meet a
  // Redis holding more jobs, and no path should always be the one that pays for that.
  const paths = {
    durable: (d) => receiver.receive(d.delivery),
    inProcess: (d) => inProcess.receive(d.delivery),
    bare: (d) => bareAdd(bare, d),
    durableFetch: (d) => receiver.fetch(d.request),
    inProcessFetch: (d) => inProcessFetch(d.request),
    barePipelined: (d) => bareAdd(barePipelined, d),
  };
  // Two rates per path and round: events per second of wall time, and events per second of
  // this process's CPU time. The receiving paths are bound by this process's one core, so on a
  // quiet machine the two agree; on a shared one, other processes' load lands in wall time
  // only, which is why both are printed.
  const receiving = Object.fromEntries(Object.keys(paths).map((name) => [name, { wall: [], cpu: [] }]));
  // Each path's ratio to the bare add of the same round: the machine's load drifts between
  // rounds far more than within one, so the per-round ratios are what the medians compare.
  const ratios = Object.fromEntries(Object.keys(paths).map((name) => [name, { wall: [], cpu: [] }]));
  const names = Object.keys(paths);
  for (let round = 0; round < ROUNDS; round++) {
    const thisRound = {};
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const batch = deliveries(EVENTS, name.endsWith('Fetch'));
      // The garbage of the last path and of building this batch is collected now, not on this
      // path's clock (`npm run bench` runs node with --expose-gc).
      globalThis.gc?.();
      const { ms, cpuMs } = await timed(EVENTS, (i) => paths[name](batch[i]));
      thisRound[name] = { wall: perSecond(EVENTS, ms), cpu: perSecond(EVENTS, cpuMs) };
      receiving[name].wall.push(thisRound[name].wall);
      receiving[name].cpu.push(thisRound[name].cpu);
    }
    for (const name of names) {
      ratios[name].wall.push(thisRound[name].wall / thisRound.bare.wall);
      ratios[name].cpu.push(thisRound[name].cpu / thisRound.bare.cpu);
    }
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
    sending.direct.push(perSecond(SENDS, (await timed(SENDS, (i) => client.messages.sendText(message(i)))).ms));
    sending.queue.push(perSecond(SENDS, (await timed(SENDS, (i) => sends.send('sendText', message(i)))).ms));
  }
  await sends.close();
  await receiver.close();
  for (const queue of [bare, barePipelined]) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  pipelinedConnection.disconnect();

  const of = (table, kind) =>
    Object.fromEntries(Object.entries(table).map(([name, values]) => [name, median(values[kind])]));
  const r = { wall: of(receiving, 'wall'), cpu: of(receiving, 'cpu') };
  const ratio = { wall: of(ratios, 'wall'), cpu: of(ratios, 'cpu') };
  const s = { queue: median(sending.queue), direct: median(sending.direct) };
  console.log(
    `\nbench: medians of ${ROUNDS} rounds, ${IN_FLIGHT} in flight, Redis ${redis.process ? 'private' : 'REDIS_URL'}`,
  );
  const row = (name) => ({
    'events/s': r.wall[name],
    'vs bare add': ratio.wall[name].toFixed(2),
    'events/CPU-s': r.cpu[name],
    'vs bare add (CPU)': ratio.cpu[name].toFixed(2),
  });
  console.table({
    'durable receiver (verify + parse + enqueue)': row('durable'),
    'in-process receiver (verify + parse + dispatch)': row('inProcess'),
    'bare BullMQ add (same payload)': row('bare'),
    'durable receiver, Fetch handler (+ Response)': row('durableFetch'),
    'in-process receiver, Fetch handler (+ Response)': row('inProcessFetch'),
    'bare add, auto-pipelined connection (reference)': row('barePipelined'),
  });
  console.table({
    'send queue (enqueue + worker + outcome)': { 'sends/s': s.queue, 'vs direct': (s.queue / s.direct).toFixed(2) },
    'direct client calls': { 'sends/s': s.direct, 'vs direct': '1.00' },
  });
  // The spread says how far one run can be trusted on this machine.
  const spread = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
    return `quartiles ${at(0.25)}–${at(0.75)}`;
  };
  const verdict = (x) => (x >= 0.7 ? 'met' : 'not met');
  console.log(
    `goal: durable receiver ≥ 0.7x bare add (median of the per-round ratios): wall time ${ratio.wall.durable.toFixed(2)}x, ` +
      `${verdict(ratio.wall.durable)} (${spread(ratios.durable.wall)}); CPU time ${ratio.cpu.durable.toFixed(2)}x, ` +
      `${verdict(ratio.cpu.durable)} (${spread(ratios.durable.cpu)})`,
  );
} finally {
  await mock.close();
  await redis.stop();
}
