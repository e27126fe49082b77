// Workers: take webhook jobs, run the typed router once per event id (the shared duplicate
// store decides), retry failures with backoff and move jobs that failed every attempt to the
// dead-letter queue.
import type { DuplicateStore, WebhookRouter } from '@wawp/webhooks-types';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import {
  checkQueueName,
  DEFAULT_WEBHOOK_QUEUE,
  deadLetterQueueName,
  type WebhookJobData,
} from '../receiver/webhook-job.js';
import { closeRedis, connectRedis } from '../redis/connect.js';
import { type RedisDuplicateStoreOptions, redisDuplicateStoreOn } from '../store/redis-duplicate-store.js';

export interface WebhookWorkerOptions {
  /** The Redis that holds the queue (the receivers' `url`). */
  url: string;
  /** The typed router from `@wawp/webhooks-types`, the same one an in-process receiver takes. */
  router: WebhookRouter;
  /** The queue's name, as given to the receivers. Default `wawp-webhooks`. */
  queue?: string;
  /** Jobs handled at the same time by this process. Default 8. */
  concurrency?: number;
  /**
   * Decides that an event's handlers run once however often it is delivered or retried.
   * Default: a Redis duplicate store on `url` (prefix `wawp:dedupe:<queue>:`), whose TTLs
   * you may set here; or pass your own store, or `false` to turn it off.
   */
  dedupe?: DuplicateStore | false | Pick<RedisDuplicateStoreOptions, 'prefix' | 'ttlMs' | 'inFlightTtlMs'>;
  /**
   * How long a job may stay locked without news from its worker before another worker
   * takes it over (a worker that was killed). Default 30 s.
   */
  lockDurationMs?: number;
  /** How long `close()` waits for jobs in progress before it gives them back. Default 10 s. */
  closeTimeoutMs?: number;
  /** Told about each job that failed its last attempt, after it was copied to the dead-letter queue. */
  onDeadLetter?(job: DeadLetter): void;
  /** First connection timeout. Default 5 s. */
  connectTimeoutMs?: number;
}

/** A job in the dead-letter queue `<queue>-dead`. */
export interface DeadLetter extends WebhookJobData {
  /** The last error's message. */
  error: string;
  attempts: number;
  failedAt: number;
}

export interface WebhookWorker {
  /** Stops taking jobs, waits for those in progress (up to `closeTimeoutMs`), then closes. */
  close(): Promise<void>;
}

/** Retry soon when another worker holds the event: it is not a failure, so it costs no attempt. */
const IN_FLIGHT_RETRY_MS = 1_000;

export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<WebhookWorker> {
  const { router } = options;
  if (!router || typeof router.dispatch !== 'function') throw new TypeError('a webhook worker needs a router');
  const name = checkQueueName(options.queue ?? DEFAULT_WEBHOOK_QUEUE);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;

  const redis = await connectRedis(options.url, {
    mode: 'patient',
    name: `wawp-worker:${name}`,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const store = storeFor(options.dedupe, redis, name);
  const dead = new Queue<DeadLetter>(deadLetterQueueName(name), { connection: redis });
  dead.on('error', () => {});

  async function handle(job: Job<WebhookJobData>, token?: string): Promise<{ duplicate: boolean }> {
    const { id, event } = job.data;
    const state = store ? await store.claim(id) : 'claimed';
    if (state === 'done') return { duplicate: true };
    if (state === 'in-flight') {
      await job.moveToDelayed(Date.now() + IN_FLIGHT_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      await router.dispatch(event);
    } catch (error) {
      if (store) await store.release(id);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await deadLetter(job, error);
      throw error;
    }
    if (store) await store.complete(id);
    return { duplicate: false };
  }

  async function deadLetter(job: Job<WebhookJobData>, error: unknown): Promise<void> {
    const letter: DeadLetter = {
      ...job.data,
      error: error instanceof Error ? error.message : String(error),
      attempts: job.attemptsMade + 1,
      failedAt: Date.now(),
    };
    // Same id as the job: a crash between this and the failure cannot file the event twice.
    await dead.add(job.name, letter, { jobId: job.id, removeOnComplete: false, removeOnFail: false });
    options.onDeadLetter?.(letter);
  }

  const worker = new Worker<WebhookJobData>(name, handle, {
    connection: redis,
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: Math.max(1_000, Math.floor((options.lockDurationMs ?? 30_000) / 2)),
    // Counted in Redis: a job whose worker died this many times is failed, not retried forever.
    maxStalledCount: 3,
  });
  worker.on('error', () => {});
  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        const graceful = worker.close();
        const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, closeTimeoutMs, 'timeout').unref());
        // Jobs still running after the grace period are given back: their lock lapses and
        // another worker takes them over, where the duplicate store keeps effects single.
        if ((await Promise.race([graceful, timer])) === 'timeout') await worker.close(true);
        await dead.close().catch(() => {});
        await closeRedis(redis);
      })();
      return closing;
    },
  };
}

function storeFor(
  dedupe: WebhookWorkerOptions['dedupe'],
  redis: Parameters<typeof redisDuplicateStoreOn>[0],
  queue: string,
): DuplicateStore | undefined {
  if (dedupe === false) return undefined;
  if (dedupe && typeof (dedupe as DuplicateStore).claim === 'function') return dedupe as DuplicateStore;
  return redisDuplicateStoreOn(redis, { prefix: `wawp:dedupe:${queue}:`, ...(dedupe as object | undefined) });
}
