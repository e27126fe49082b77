// The durable receiver: every check and answer of the in-process receivers, then the event
// is stored as a BullMQ job (job id = event id) and the engine gets its answer at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyWebhookEvent } from '@wawp/webhooks-types';
import { type JobsOptions, Queue } from 'bullmq';
import { closeRedis, connectRedis } from '../redis/connect.js';
import { createReceiverCore, type ReceiverChecks } from './core-bridge.js';
import { eventIdOf } from './event-id.js';
import { jobIdFor } from './job-id.js';
import { checkQueueName, DEFAULT_WEBHOOK_QUEUE, type WebhookJobData } from './webhook-job.js';

export interface QueueReceiverOptions extends ReceiverChecks {
  /** The Redis that holds the queue, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** The queue's name; workers must use the same. Default `wawp-webhooks`. */
  queue?: string;
  /** How many times a worker tries each event. Default 8. */
  attempts?: number;
  /** First retry delay in ms, doubled on each retry. Default 1 s. */
  backoffMs?: number;
  /**
   * How long a handled job (and so its id) is kept: a redelivery within this window is the
   * same job. Later ones are caught by the workers' duplicate store. Default 1 hour.
   */
  keepCompletedMs?: number;
  /** First connection timeout. Default 5 s. */
  connectTimeoutMs?: number;
}

export interface QueueReceiver {
  /** A Fetch handler: `(request) => Promise<Response>`. */
  fetch(request: Request): Promise<Response>;
  /** A `node:http` listener (also an Express/Fastify route handler). */
  node(req: IncomingMessage, res: ServerResponse): void;
  /** Stops accepting work and closes the Redis connection. */
  close(): Promise<void>;
}

/**
 * Starts a durable webhook receiver. Answers like `createNodeHandler` (405, 415, 413, 401,
 * 400, 200), and 503 when the event could not be stored, so the engine retries it.
 * Rejects with `RedisUnavailableError` when Redis cannot be reached at start.
 */
export async function createQueueReceiver(options: QueueReceiverOptions): Promise<QueueReceiver> {
  const name = checkQueueName(options.queue ?? DEFAULT_WEBHOOK_QUEUE);
  const jobOptions = jobOptionsFrom(options);
  if (options.hmacKey === undefined && options.sharedSecret === undefined) {
    // Without either, anyone who finds the URL could fill the queue.
    throw new TypeError('a queue receiver needs hmacKey (or sharedSecret) to check deliveries');
  }
  let queue: Queue<WebhookJobData> | undefined;

  async function store(event: AnyWebhookEvent): Promise<void> {
    const id = eventIdOf(event);
    const data: WebhookJobData = { id, event, receivedAt: Date.now() };
    // Adding a job whose id exists is a no-op in BullMQ: a duplicate delivery stays one job.
    await queue!.add(String(event.event), data, { ...jobOptions, jobId: jobIdFor(id) });
  }

  const core = createReceiverCore(
    { hmacKey: options.hmacKey, sharedSecret: options.sharedSecret, maxBodyBytes: options.maxBodyBytes },
    store,
  );
  const redis = await connectRedis(options.url, {
    mode: 'fail-fast',
    name: `wawp-receiver:${name}`,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  queue = new Queue<WebhookJobData>(name, { connection: redis, skipWaitingForReady: true });
  // BullMQ re-emits connection errors on the queue; they surface as 503 answers, not crashes.
  queue.on('error', () => {});
  let closed = false;
  return {
    fetch: core.fetch,
    node: core.node,
    async close() {
      if (closed) return;
      closed = true;
      await queue!.close().catch(() => {});
      await closeRedis(redis);
    },
  };
}

function jobOptionsFrom(options: QueueReceiverOptions): JobsOptions {
  const attempts = options.attempts ?? 8;
  const backoffMs = options.backoffMs ?? 1_000;
  const keepCompletedMs = options.keepCompletedMs ?? 60 * 60 * 1000;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be a positive integer');
  if (!Number.isInteger(backoffMs) || backoffMs < 0) throw new RangeError('backoffMs must be an integer ≥ 0');
  if (!Number.isInteger(keepCompletedMs) || keepCompletedMs < 1000) {
    throw new RangeError('keepCompletedMs must be an integer ≥ 1000');
  }
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: Math.ceil(keepCompletedMs / 1000) },
    // Failed jobs are copied to the dead-letter queue; the originals are kept a week for inspection.
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
