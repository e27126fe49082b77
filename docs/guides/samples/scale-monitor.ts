// What to watch: the queues' counts, read straight from BullMQ.
import { DEFAULT_WEBHOOK_QUEUE, deadLetterQueueName } from '@wawp/queue';
import { Queue } from 'bullmq';

const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };

// #region monitor
const webhooks = new Queue(DEFAULT_WEBHOOK_QUEUE, { connection });
const dead = new Queue(deadLetterQueueName(DEFAULT_WEBHOOK_QUEUE), { connection });

const counts = await webhooks.getJobCounts('waiting', 'active', 'delayed', 'failed');
const deadLetters = await dead.count();
const [oldest] = await webhooks.getWaiting(0, 0);
const lagMs = oldest ? Date.now() - oldest.timestamp : 0;

console.log({ ...counts, deadLetters, lagMs });
// Alert when lagMs grows (add workers), when deadLetters is not 0 (a handler keeps failing:
// fix it, then move the letters back), and when failed grows.
// #endregion

await Promise.all([webhooks.close(), dead.close()]);
