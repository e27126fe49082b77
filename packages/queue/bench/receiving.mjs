#!/usr/bin/env node
// One group of receiving paths, each beside a bare BullMQ `add` of the same payload, in a
// process of its own (bench/run.mjs starts one per group and prints the table). Why apart: a
// receiver runs one adapter in production, but paths sharing one process share V8's feedback
// for the receiver core, so a Fetch path (Headers objects) beside a Node path (header records)
// slowed the durable receiver by a fifth of its CPU time per event in one run.
// Prints one JSON line: per path, events/s of wall and of CPU time per round, and each round's
// ratio to the bare add of the same round. Needs REDIS_URL (run.mjs passes its Redis).
import { buildEnvelope, deliveryHeaders } from '@wawp/mock-server';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { createFetchHandler, createReceiver } from '@wawp/webhooks-types/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createQueueReceiver } from '../dist/index.js';
import { perSecond, timed } from './timing.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
// 15 rounds: one round's ratio moves by a tenth either way on this machine, and the median
// of 9 still moved by a few hundredths between runs.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const KEY = 'bench-hmac-key';
const url = process.env.REDIS_URL;
const group = process.argv[2];
if (!url || !group) throw new Error('usage: REDIS_URL=… node bench/receiving.mjs <group>');

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

const tag = `${group}-${Date.now().toString(36)}`;
const queues = [];
const closers = [];
const queueOn = (name, connection = { url }) => {
  const queue = new Queue(name, { connection });
  queues.push(queue);
  return queue;
};
const jobOptions = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600 } };
const bare = queueOn(`bench-bare-${tag}`);
const bareAdd = (queue, { envelope }) =>
  queue.add(
    'message',
    { id: envelope.id, event: envelope, receivedAt: Date.now() },
    { ...jobOptions, jobId: envelope.id },
  );

/** A durable receiver on its own queue, closed at the end; its queue is emptied between rounds. */
async function durableReceiver() {
  const receiver = await createQueueReceiver({ url, hmacKey: KEY, queue: `bench-durable-${tag}` });
  closers.push(() => receiver.close());
  // The receiver's queue seen from outside, only to empty it between rounds.
  queueOn(`bench-durable-${tag}`);
  return receiver;
}

/** The contenders of each group; every group also runs `bare`. */
const groups = {
  async durable() {
    const receiver = await durableReceiver();
    return { durable: (d) => receiver.receive(d.delivery) };
  },
  async inProcess() {
    const inProcess = createReceiver({ router: createWebhookRouter().onAny(() => {}), hmacKey: KEY, dedupe: false });
    return { inProcess: (d) => inProcess.receive(d.delivery) };
  },
  async durableFetch() {
    const receiver = await durableReceiver();
    return { durableFetch: (d) => receiver.fetch(d.request) };
  },
  async inProcessFetch() {
    const handler = createFetchHandler({ router: createWebhookRouter().onAny(() => {}), hmacKey: KEY, dedupe: false });
    return { inProcessFetch: (d) => handler(d.request) };
  },
  async barePipelined() {
    const connection = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: null });
    closers.push(() => connection.disconnect());
    const pipelined = queueOn(`bench-bare-pipelined-${tag}`, connection);
    return { barePipelined: (d) => bareAdd(pipelined, d) };
  },
};
if (!(group in groups)) throw new Error(`unknown group ${group}; one of ${Object.keys(groups).join(', ')}`);
const paths = { ...(await groups[group]()), bare: (d) => bareAdd(bare, d) };
const names = Object.keys(paths);
const withRequest = group.endsWith('Fetch');

const rates = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
// Each path's ratio to the bare add of the same round: the machine's load drifts between
// rounds far more than within one, so the per-round ratios are what the medians compare.
const ratios = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
// Round -1 warms up (the JIT, Redis's scripts and memory) and is not counted.
for (let round = -1; round < ROUNDS; round++) {
  const thisRound = {};
  for (let k = 0; k < names.length; k++) {
    // A rotating order, and empty queues for every path: a Redis holding more jobs answers
    // each add a little later, and no path should always be the one that pays for that.
    const name = names[(round + 1 + k) % names.length];
    for (const queue of queues) await queue.obliterate({ force: true });
    const batch = deliveries(EVENTS, withRequest);
    // The garbage of the last path and of building this batch is collected now, not on this
    // path's clock (run.mjs starts this process with --expose-gc).
    globalThis.gc?.();
    const { ms, cpuMs } = await timed(EVENTS, (i) => paths[name](batch[i]), IN_FLIGHT);
    thisRound[name] = { wall: perSecond(EVENTS, ms), cpu: perSecond(EVENTS, cpuMs) };
  }
  if (round < 0) continue;
  for (const name of names) {
    rates[name].wall.push(thisRound[name].wall);
    rates[name].cpu.push(thisRound[name].cpu);
    ratios[name].wall.push(thisRound[name].wall / thisRound.bare.wall);
    ratios[name].cpu.push(thisRound[name].cpu / thisRound.bare.cpu);
  }
}
for (const queue of queues) {
  await queue.obliterate({ force: true });
  await queue.close();
}
for (const close of closers) await close();
process.stdout.write(`${JSON.stringify({ group, rates, ratios })}\n`);
