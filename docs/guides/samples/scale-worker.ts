// A worker process: the handlers. Run as many as the work needs.

import { startWebhookWorker } from '@wawp/queue';
import { createWebhookRouter } from '@wawp/webhooks-types';
import { Redis } from 'ioredis';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const db = new Redis(url); // stands in for your own database

// #region worker
const router = createWebhookRouter()
  .on('message', async (event) => {
    // Written under the event id: if this worker dies after this line but before the job is
    // marked done, the event runs again elsewhere and this write changes nothing.
    await db.hsetnx('inbox', String(event.id), JSON.stringify({ from: event.payload.from, body: event.payload.body }));
  })
  .on('session.status', (event) => {
    console.log(`session ${event.session} is ${event.payload.status}`);
  })
  .onError((error, event) => {
    console.error(`event ${event.id} failed; it will be retried`, error.errors);
  });

const worker = await startWebhookWorker({
  url,
  router,
  concurrency: 16,
  onDeadLetter: (letter) => console.error(`event ${letter.id} gave up after ${letter.attempts} attempts`),
});

process.once('SIGTERM', async () => {
  await worker.close(); // finishes the jobs in progress, or hands them back after 10 s
  db.disconnect();
});
// #endregion
