// The durable receiver: the receiver core of `@wawp/webhooks-types` with its dispatch step
// replaced. Every check and every answer is the core's own (405, 415, 413, 408, 401, 400, and
// 503 with Retry-After when the step throws `WebhookUnavailableError`); the step only stores the
// event as a BullMQ job (job id = the core's dedupe key) so the engine gets its answer at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AnyWebhookEvent,
  type DeliveryContext,
  type IncomingDelivery,
  type ReceiverAnswer,
  toFetchHandler,
  WebhookUnavailableError,
} from '@wawp/webhooks-types';
import { createReceiver, toNodeHandler, type WebhookReceiverOptions } from '@wawp/webhooks-types/node';
import { type JobsOptions, Queue } from 'bullmq';
import { closeRedis, connectRedis } from '../redis/connect.js';
import { jobIdFor } from './job-id.js';
import { checkQueueName, DEFAULT_WEBHOOK_QUEUE, type WebhookJobData } from './webhook-job.js';

/** The in-process receiver's checks that a queue receiver takes as they are. */
export type ReceiverChecks = Pick<
  WebhookReceiverOptions,
  'hmacKey' | 'sharedSecret' | 'maxBodyBytes' | 'bodyTimeoutMs' | 'timestampToleranceMs'
>;

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
  /**
   * The same receiver without an HTTP server, as `createReceiver` of `@wawp/webhooks-types`:
   * every check and answer, for a server the adapters do not fit (or a test).
   */
  receive(delivery: IncomingDelivery): Promise<ReceiverAnswer>;
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

  async function dispatch(event: AnyWebhookEvent, { id, receivedAt }: DeliveryContext): Promise<void> {
    const data: WebhookJobData = { id, event, receivedAt };
    try {
      // Adding a job whose id exists is a no-op in BullMQ: a duplicate delivery stays one job.
      await queue!.add(String(event.event), data, { ...jobOptions, jobId: jobIdFor(id) });
    } catch (error) {
      // Not stored: the core answers 503 with Retry-After, so the engine keeps it and retries.
      throw new WebhookUnavailableError('the event could not be stored; retry later', { cause: error });
    }
  }

  const checks: WebhookReceiverOptions = {
    hmacKey: options.hmacKey,
    sharedSecret: options.sharedSecret,
    maxBodyBytes: options.maxBodyBytes,
    bodyTimeoutMs: options.bodyTimeoutMs,
    timestampToleranceMs: options.timestampToleranceMs,
    // Duplicates collapse on the job id and, in the workers, on the shared store: an in-memory
    // store here would only see the deliveries that reached this one process.
    dedupe: false,
  };
  // Built before connecting, so a bad option is refused before any connection is made. One
  // core serves all three ways in.
  const core = createReceiver(checks, { dispatch });
  const redis = await connectRedis(options.url, {
    mode: 'fail-fast',
    name: `wawp-receiver:${name}`,
    connectTimeoutMs: options.connectTimeoutMs,
    // No auto-pipelining: on an idle two-core machine it cut the durable receiver from 0.69x to
    // 0.46x of a bare add (side by side, one bench run), although it saved socket writes when
    // the machine was overloaded. A receiver usually has its core to itself.
  });
  queue = new Queue<WebhookJobData>(name, { connection: redis, skipWaitingForReady: true });
  // BullMQ re-emits connection errors on the queue; they surface as 503 answers, not crashes.
  queue.on('error', () => {});
  let closed = false;
  return {
    fetch: toFetchHandler(core),
    node: toNodeHandler(core),
    receive: core.receive,
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
