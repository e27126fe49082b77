#!/usr/bin/env node
// Throughput of the receiver's full path for a ~2 kB `message` delivery, on one core:
//   receiver   createReceiver (node:crypto) .receive(): method, content type, size, signature,
//              algorithm, timestamp window, strict UTF-8, parse with the build-time validators,
//              dedupe (in-memory store) and router.dispatch: everything but the socket
//   floor      what no receiver can avoid: HMAC-SHA512 of the body's bytes, decoding them, JSON.parse
//   webcrypto  the same receiver on the portable WebCrypto verifier, for comparison
// Deliveries come from a pool of distinct signed bodies (distinct event ids) larger than the
// duplicate store's memory, so every delivery takes the full path. Samples of the three are
// interleaved in one run, so the ratio compares like with like. Prints medians; never fails
// on a slow machine. Needs a build: `npm run build -w @wawp/webhooks-types`.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('node.js', dist))) {
  console.error('bench: dist/ is missing; run `npm run build -w @wawp/webhooks-types` first');
  process.exit(1);
}
const {
  createMemoryDuplicateStore,
  createReceiver: createWebCryptoReceiver,
  createWebhookRouter,
} = await import(new URL('index.js', dist));
const { createReceiver } = await import(new URL('node.js', dist));

const KEY = 'bench-hmac-key-0123456789abcdef';
const POOL = 4096;
// Many short samples, the contenders alternating, so both see the same machine.
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 4_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);

const now = Date.now();
const deliveries = Array.from({ length: POOL }, (_, i) => {
  const body = Buffer.from(buildMessage(2048, i));
  return {
    method: 'POST',
    url: '/',
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.length),
      'x-webhook-request-id': `req-${i}`,
      'x-webhook-timestamp': String(now),
      'x-webhook-hmac': createHmac('sha512', KEY).update(body).digest('hex'),
      'x-webhook-hmac-algorithm': 'sha512',
    },
    body,
    readBody() {
      return Promise.resolve(this.body);
    },
  };
});

let handled = 0;
const router = createWebhookRouter().on('message', (event) => {
  handled += event.payload.body.length > 0 ? 1 : 0;
});
// A store that remembers fewer ids than the pool holds: each delivery is new to it when it comes round again.
const options = () => ({
  router,
  hmacKey: KEY,
  dedupe: createMemoryDuplicateStore({ maxEntries: POOL / 4 }),
  // The pool is signed once; an hour's window keeps the check in the path for a long run.
  timestampToleranceMs: 3_600_000,
});
const nodeReceiver = createReceiver(options());
const webReceiver = createWebCryptoReceiver(options());

// Each contender walks the pool with its own cursor, so each receiver sees every id again only
// after POOL deliveries, long after its store forgot it.
const cursor = { receiver: 0, webcrypto: 0, floor: 0 };
// Every delivery must be handled in full: a duplicate would skip the dispatch. The receivers
// hand their answer to `sample`, which checks it: each contestant is one call that `sample`
// awaits, so none pays for a wrapper frame of its own.
const HANDLED = JSON.stringify({ ok: true });
const receiver = () => nodeReceiver.receive(deliveries[cursor.receiver++ % POOL]);
const webcrypto = () => webReceiver.receive(deliveries[cursor.webcrypto++ % POOL]);
let sink = 0;
function floor() {
  const { body } = deliveries[cursor.floor++ % POOL];
  sink += createHmac('sha512', KEY).update(body).digest().length;
  sink += JSON.parse(body.toString('utf8')).session.length;
}

// Events per second of CPU time (the process's, all threads: WebCrypto's pool included). On a
// machine shared with other work, wall time also counts the time spent waiting for a core.
async function sample(fn, iterations) {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const answer = await fn();
    if (answer !== undefined && answer.body !== HANDLED) {
      throw new Error(`receiver answered ${answer.status}: ${answer.body}`);
    }
  }
  const used = process.cpuUsage(start);
  return iterations / ((used.user + used.system) / 1e6);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(
  `bench: ${deliveries[0].body.length}-byte message delivery, ${SAMPLES} samples x ${ITERATIONS} events, node ${process.version}`,
);
for (const fn of [receiver, floor, webcrypto]) await sample(fn, 4_000); // warm-up (JIT, key cache)

const results = { receiver: [], floor: [], webcrypto: [], ratio: [] };
for (let s = 0; s < SAMPLES; s++) {
  // Alternating who goes first: the one that runs second pays for the garbage of the first.
  const first = s % 2 === 0 ? receiver : floor;
  const a = await sample(first, ITERATIONS);
  const b = await sample(first === receiver ? floor : receiver, ITERATIONS);
  const [r, f] = first === receiver ? [a, b] : [b, a];
  results.receiver.push(r);
  results.floor.push(f);
  results.ratio.push(r / f);
  results.webcrypto.push(await sample(webcrypto, Math.max(1, Math.floor(ITERATIONS / 4))));
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
console.log(`  receiver, full path (node:crypto)      ${fmt(m.receiver)} events/s (median)`);
console.log(`  floor: HMAC-SHA512 + decode + JSON.parse ${fmt(m.floor)} events/s (median)`);
console.log(`  receiver, full path (WebCrypto)        ${fmt(m.webcrypto)} events/s (median, for comparison)`);
console.log(
  `  ratio receiver / floor: ${m.ratio.toFixed(2)} (median of the per-sample ratios; ` +
    `${(m.receiver / m.floor).toFixed(2)} as the ratio of the medians)  (goal >= 0.85)`,
);
if (handled === 0 || sink === 0) console.log('  (warning: the handler never ran)');

function buildMessage(size, i) {
  const event = {
    id: `evt_${`01jdx7bench${i.toString(36).padStart(6, '0')}`.padEnd(26, '0')}`,
    timestamp: 1732528800123,
    event: 'message',
    session: 'default',
    metadata: { 'user.id': '123' },
    engine: 'GOWS',
    me: { id: '11111111111@c.us', pushName: 'Wawp Instance' },
    environment: { version: '2024.11.3', engine: 'GOWS', tier: 'PLUS', browser: null },
    payload: {
      id: 'false_447700900123@c.us_3EB0A1B2C3D4E5F60718',
      timestamp: 1732528799,
      from: '447700900123@c.us',
      fromMe: false,
      to: '11111111111@c.us',
      participant: null,
      body: '',
      hasMedia: false,
      media: null,
      ack: 2,
      ackName: 'DEVICE',
      replyTo: null,
      _data: { notifyName: 'Customer', type: 'chat' },
    },
  };
  const bare = JSON.stringify(event).length;
  event.payload.body = 'Hello! '.repeat(Math.ceil((size - bare) / 7));
  return JSON.stringify(event);
}
