#!/usr/bin/env node
// Throughput of the Redis paths, in one run, medians of rounds in a rotating order:
//   receiving  events/s through the durable receiver's core (verify + parse + enqueue), the
//              in-process receiver's core (verify + parse + dispatch), and a bare BullMQ
//              `add` of the same parsed payload (the floor of anything that stores a job);
//              each path's ratio to the bare add is taken within a round, then the median.
//              Each receiving path runs in a process of its own beside its own bare add
//              (bench/receiving.mjs), as a receiver runs in production: paths sharing one
//              process share V8's feedback for the receiver core and slow each other down.
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
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createWawp } from '@wawp/client/operations';
import { startMockServer } from '@wawp/mock-server';
import { createSendQueue } from '../dist/index.js';
import { useRedis } from '../test/support/redis-server.mjs';
import { median, perSecond, timed } from './timing.mjs';

const SENDS = Number(process.env.BENCH_SENDS ?? 600);
// 15 rounds: one round's ratio moves by a tenth either way on this machine, and the median
// of 9 still moved by a few hundredths between runs.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
/** The receiving groups, each a process of its own (bench/receiving.mjs). */
const GROUPS = ['durable', 'inProcess', 'durableFetch', 'inProcessFetch', 'barePipelined'];

const redis = await useRedis();
const mock = await startMockServer({ port: 0 });
try {
  const tag = Date.now().toString(36);
  // One process per group, one after another, each with this Redis; each prints one JSON line.
  const run = promisify(execFile);
  const receiving = {};
  const ratios = {};
  for (const group of GROUPS) {
    console.log(
      `receiving: ${group} beside a bare add, ${ROUNDS} rounds of ${process.env.BENCH_EVENTS ?? 2_000} events…`,
    );
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', new URL('receiving.mjs', import.meta.url).pathname, group],
      { env: { ...process.env, REDIS_URL: redis.url, BENCH_ROUNDS: String(ROUNDS) }, maxBuffer: 16 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1));
    // The bare add of each group is its own reference; the table shows the durable group's.
    const own = (name) => (name === 'bare' ? `bare@${group}` : name);
    for (const [name, values] of Object.entries(result.rates)) receiving[own(name)] = values;
    for (const [name, values] of Object.entries(result.ratios)) ratios[own(name)] = values;
  }
  receiving.bare = receiving['bare@durable'];
  ratios.bare = ratios['bare@durable'];

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
    sending.direct.push(
      perSecond(SENDS, (await timed(SENDS, (i) => client.messages.sendText(message(i)), IN_FLIGHT)).ms),
    );
    sending.queue.push(perSecond(SENDS, (await timed(SENDS, (i) => sends.send('sendText', message(i)), IN_FLIGHT)).ms));
  }
  await sends.close();

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
