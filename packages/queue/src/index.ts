// @wawp/queue: the scale path on Redis. Every export needs Node (BullMQ and ioredis do);
// the client and the webhook helpers stay portable and free of Redis.

// The store interface is the receiver package's own: a Redis store plugs into any receiver.
export type { ClaimResult, DuplicateStore } from '@wawp/webhooks-types';
export { createQueueReceiver, type QueueReceiver, type QueueReceiverOptions } from './receiver/queue-receiver.js';
export { DEFAULT_WEBHOOK_QUEUE, deadLetterQueueName, type WebhookJobData } from './receiver/webhook-job.js';
export { RedisUnavailableError } from './redis/errors.js';
export { redactRedisUrl } from './redis/url.js';
export type { SendOutcome } from './send/outcome.js';
export {
  createSendQueue,
  type SendArgs,
  type SendMethod,
  type SendQueue,
  type SendQueueOptions,
} from './send/send-queue.js';
export {
  createRedisDuplicateStore,
  type RedisDuplicateStore,
  type RedisDuplicateStoreOptions,
} from './store/redis-duplicate-store.js';
export {
  type DeadLetter,
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './worker/webhook-worker.js';
