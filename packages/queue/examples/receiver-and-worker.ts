// examples/receiver-and-worker.ts — one receiver and one worker; run as many of each as you need.
import { createServer } from 'node:http';
import { emitWebhook } from '@wawp/mock-server';
import { createQueueReceiver, startWebhookWorker } from '@wawp/queue';
import { createWebhookRouter } from '@wawp/webhooks-types';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Your Wawp webhook's key. This demo signs its own delivery, so without one it makes a random
// key for the run: never a fixed fallback, which anyone could sign forgeries with.
const hmacKey = process.env.WAWP_WEBHOOK_HMAC_KEY ?? crypto.randomUUID();

// Receiver processes: check, parse, store as a job, answer the engine at once.
const receiver = await createQueueReceiver({ url, hmacKey });
const server = createServer(receiver.node).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };

// Worker processes: the same typed router an in-process receiver takes.
let handled!: (text: string) => void;
const firstMessage = new Promise<string>((resolve) => {
  handled = resolve;
});
const router = createWebhookRouter().on('message', (event) => handled(String(event.payload.body)));
const worker = await startWebhookWorker({ url, router, concurrency: 8 });

// A signed delivery from the mock's emitter, as an instance would send it.
const delivery = await emitWebhook({ event: 'message', to: `http://127.0.0.1:${port}/hook`, hmacKey });
console.log('receiver answered', delivery.status, '— worker handled:', await firstMessage);

await worker.close(); // finishes the jobs in progress first
await receiver.close();
server.close();
