// One sending process of the scale test: a send queue for the shared instance, a client
// whose fetch notes the time of every request it makes (until the sandbox's journal is on
// main), and, in the planting process, one /send answered 429 with a Retry-After.
import { createWawp } from '@wawp/client/operations';
import { createSendQueue } from '@wawp/queue';

const { REDIS_URL, MOCK_URL, INSTANCE, PER_SECOND, COUNT, PLANT_429_AT, RETRY_AFTER_S } = process.env;
const journal = [];
let sendsSeen = 0;
async function noting(input) {
  const path = new URL(input.url).pathname;
  const at = Date.now();
  if (path === '/send' && ++sendsSeen === Number(PLANT_429_AT)) {
    journal.push({ at, answeredAt: Date.now(), path, status: 429, pid: process.pid });
    return new Response(JSON.stringify({ code: 'rate_limited', message: 'Too many requests' }), {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': RETRY_AFTER_S },
    });
  }
  const response = await fetch(input);
  journal.push({ at, path, status: response.status, pid: process.pid });
  return response;
}

const client = createWawp({ baseUrl: MOCK_URL, instanceId: INSTANCE, accessToken: 'scale-token', fetch: noting });
const sends = await createSendQueue({
  url: REDIS_URL,
  client,
  instanceId: INSTANCE,
  perSecond: Number(PER_SECOND),
  concurrency: 4,
});
console.log('READY');
// Start together: the driver says go once every process is ready.
await new Promise((resolve) => process.stdin.once('data', resolve));
const outcomes = await Promise.all(
  Array.from({ length: Number(COUNT) }, (_, i) =>
    sends.send('sendText', { chatId: `4477009${String(i).padStart(5, '0')}@c.us`, message: `scale ${i}` }),
  ),
);
await sends.close();
const failed = outcomes.filter((o) => !o.ok).map((o) => o.error.message);
console.log(`RESULT ${JSON.stringify({ journal, ok: outcomes.length - failed.length, failed })}`);
process.exit(0);
