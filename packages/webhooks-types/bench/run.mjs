#!/usr/bin/env node
// Throughput of the receiving path for a ~2 kB `message` delivery, on one core:
//   full   verifySignature (node:crypto) + parseWebhook (build-time validators) + router.dispatch
//   floor  what no receiver can avoid: HMAC-SHA512 of the body + JSON.parse
//   webcrypto  the full path with the portable WebCrypto verifier, for comparison
// Samples of the three are interleaved in one run, so the ratio compares like with like.
// Prints medians; never fails on a slow machine. Needs a build: `npm run build -w @wawp/webhooks-types`.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
if (!existsSync(new URL('node.js', dist))) {
  console.error('bench: dist/ is missing; run `npm run build -w @wawp/webhooks-types` first');
  process.exit(1);
}
const { createWebhookRouter, parseWebhook, verifySignature: verifyWebCrypto } = await import(new URL('index.js', dist));
const { verifySignature } = await import(new URL('node.js', dist));

const KEY = 'bench-hmac-key-0123456789abcdef';
const body = buildMessage(2048);
const headers = {
  'x-webhook-hmac': createHmac('sha512', KEY).update(body).digest('hex'),
  'x-webhook-hmac-algorithm': 'sha512',
};
const options = { hmacKey: KEY };
let handled = 0;
const router = createWebhookRouter().on('message', (event) => {
  handled += event.payload.body.length > 0 ? 1 : 0;
});

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7);

async function full() {
  if (!(await verifySignature(body, headers, options))) throw new Error('signature did not verify');
  await router.dispatch(parseWebhook(body));
}
async function webcrypto() {
  if (!(await verifyWebCrypto(body, headers, options))) throw new Error('signature did not verify');
  await router.dispatch(parseWebhook(body));
}
let sink = 0;
function floor() {
  sink += createHmac('sha512', KEY).update(body).digest('hex').length;
  sink += JSON.parse(body).session.length;
}

async function sample(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return iterations / seconds;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(
  `bench: ${Buffer.byteLength(body)}-byte message delivery, ${SAMPLES} samples x ${ITERATIONS} events, node ${process.version}`,
);
for (const fn of [full, floor, webcrypto]) await sample(fn, 2_000); // warm-up (JIT, key cache)

const results = { full: [], floor: [], webcrypto: [] };
for (let s = 0; s < SAMPLES; s++) {
  results.full.push(await sample(full, ITERATIONS));
  results.floor.push(await sample(floor, ITERATIONS));
  results.webcrypto.push(await sample(webcrypto, Math.max(1, Math.floor(ITERATIONS / 4))));
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
console.log(`  verify+parse+dispatch (node:crypto) ${fmt(m.full)} events/s (median)`);
console.log(`  floor: HMAC-SHA512 + JSON.parse     ${fmt(m.floor)} events/s (median)`);
console.log(`  verify+parse+dispatch (WebCrypto)   ${fmt(m.webcrypto)} events/s (median, for comparison)`);
console.log(`  ratio full / floor: ${(m.full / m.floor).toFixed(2)}  (goal >= 0.5, and >= 30,000 events/s)`);
if (handled === 0 || sink === 0) console.log('  (warning: the handler never ran)');

function buildMessage(size) {
  const event = {
    id: `evt_${'01jdx7bench'.padEnd(26, '0')}`,
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
