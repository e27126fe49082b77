// Durable, paced sending: sends are BullMQ jobs in one queue per instance, taken by every
// process that runs a send queue for it, and each request waits for a slot of the shared
// per-instance limit (see rate-limiter.ts).
import type { EventEmitter } from 'node:events';
import type { Wawp } from '@wawp/client/operations';
import { DelayedError, Job, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { checkQueueName } from '../receiver/webhook-job.js';
import { closeRedis, connectRedis } from '../redis/connect.js';
import { messageIdOf, reviveError, type SendOutcome, type SerializedError, serializeError } from './outcome.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { classifyFailure, retryAfterOf } from './retry-policy.js';

type Messages = Wawp['messages'];
/** The client's send operations: `sendText`, `sendImage`, `sendLocation`, … */
export type SendMethod = { [K in keyof Messages]: K extends `send${string}` ? K : never }[keyof Messages];
/** The flat arguments of one send operation, exactly as the client takes them. */
export type SendArgs<M extends SendMethod> = Parameters<Messages[M]>[0];

export interface SendQueueOptions {
  /** The Redis shared by every process that sends for this instance. */
  url: string;
  /** The operation face of `@wawp/client` (`createWawp({ instanceId, accessToken })`). */
  client: Wawp;
  /** The instance the client sends for: the limit and the queue are per instance. */
  instanceId: string;
  /** Requests per second for the instance, across all processes. */
  perSecond: number;
  /**
   * Slack added to the one-second window, so that network jitter between taking a slot and
   * the request arriving cannot put one request too many into a second. Default 150 ms.
   */
  windowMarginMs?: number;
  /** Least time between two sends to the same chat. Default none. */
  perChatIntervalMs?: number;
  /** Show "typing…" to the chat for this long before each send. Default none. */
  typingMs?: number;
  /** Sends in progress at once in this process. Default 4. */
  concurrency?: number;
  /** Tries for a send that failed in a way that is safe to retry. Default 5. */
  attempts?: number;
  /** Pause after a 429 whose answer had no Retry-After. Default 1 s. */
  defaultRetryAfterMs?: number;
  /** `false`: only enqueue here; other processes do the sending. Default true. */
  process?: boolean;
  /** Told about each send this process made: the message id, or the client's typed error. */
  onOutcome?(outcome: SendOutcome): void;
  /** The queue's name. Default `wawp-send-<instanceId>`. */
  queue?: string;
  connectTimeoutMs?: number;
}

export interface SendQueue {
  /** Queues a send and resolves with its outcome, whichever process makes it. */
  send<M extends SendMethod>(method: M, args: SendArgs<M>): Promise<SendOutcome>;
  /** Queues a send and resolves with its job id at once. */
  enqueue<M extends SendMethod>(method: M, args: SendArgs<M>): Promise<string>;
  /** Waits for the outcome of a queued send. */
  outcome(jobId: string): Promise<SendOutcome>;
  /** Stops taking sends (finishing those in progress) and closes the connections. */
  close(): Promise<void>;
}

interface SendJob {
  method: SendMethod;
  args: Record<string, unknown>;
  /** How many 429s this send met; a send that only ever meets 429s fails in the end. */
  rateLimited?: number;
  error?: SerializedError;
}

/** Waits longer than this are spent as a delayed job, not a busy slot. */
const SLEEP_AT_MOST_MS = 1_000;
const MAX_RATE_LIMITED = 20;

function check(options: SendQueueOptions) {
  if (!options.client?.messages || typeof options.client.messages.sendText !== 'function') {
    throw new TypeError('client must be the operation face of @wawp/client (createWawp(...))');
  }
  if (typeof options.instanceId !== 'string' || options.instanceId.length === 0) {
    throw new TypeError('instanceId must be a non-empty string');
  }
  const perSecond = options.perSecond;
  if (typeof perSecond !== 'number' || !Number.isInteger(perSecond) || perSecond < 1) {
    throw new RangeError('perSecond must be a positive integer');
  }
  const ms = (value: number | undefined, fallback: number, name: string) => {
    const chosen = value ?? fallback;
    if (!Number.isInteger(chosen) || chosen < 0) throw new RangeError(`${name} must be an integer ≥ 0 (ms)`);
    return chosen;
  };
  const count = (value: number | undefined, fallback: number, name: string) => {
    const chosen = value ?? fallback;
    if (!Number.isInteger(chosen) || chosen < 1) throw new RangeError(`${name} must be a positive integer`);
    return chosen;
  };
  return {
    perSecond,
    queue: checkQueueName(options.queue ?? `wawp-send-${options.instanceId.replace(/[^A-Za-z0-9_.-]/g, '_')}`),
    windowMs: 1_000 + ms(options.windowMarginMs, 150, 'windowMarginMs'),
    lateMs: Math.max(10, Math.floor(ms(options.windowMarginMs, 150, 'windowMarginMs') / 2)),
    perChatIntervalMs: ms(options.perChatIntervalMs, 0, 'perChatIntervalMs'),
    typingMs: ms(options.typingMs, 0, 'typingMs'),
    concurrency: count(options.concurrency, 4, 'concurrency'),
    attempts: count(options.attempts, 5, 'attempts'),
    defaultRetryAfterMs: ms(options.defaultRetryAfterMs, 1_000, 'defaultRetryAfterMs'),
  };
}

export async function createSendQueue(options: SendQueueOptions): Promise<SendQueue> {
  const settings = check(options);
  const { client } = options;
  const redis = await connectRedis(options.url, {
    mode: 'patient',
    name: `wawp-send:${settings.queue}`,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  const limiter = createRateLimiter(redis, {
    limit: settings.perSecond,
    windowMs: settings.windowMs,
    perChatIntervalMs: settings.perChatIntervalMs,
    prefix: `wawp:send:${settings.queue}:`,
  });
  const queue = new Queue<SendJob>(settings.queue, { connection: redis });
  queue.on('error', () => {});
  let events: QueueEvents | undefined;
  const worker = options.process === false ? undefined : startSender(redis, limiter, client, settings);

  const report = (outcome: SendOutcome) => {
    try {
      options.onOutcome?.(outcome);
    } catch {
      // A failing observer must not turn a sent message into a failed job (and a resend).
    }
  };
  worker?.on('completed', (job) => report(outcomeOf(job, true)));
  worker?.on('failed', (job) => {
    // Failed attempts that will be retried are not outcomes yet.
    if (job && (job.attemptsMade >= (job.opts.attempts ?? 1) || job.finishedOn)) report(outcomeOf(job, false));
  });

  async function enqueue<M extends SendMethod>(method: M, args: SendArgs<M>): Promise<string> {
    if (typeof client.messages[method] !== 'function' || !method.startsWith('send')) {
      throw new TypeError(`${String(method)} is not a send operation of the client`);
    }
    const data: SendJob = { method, args: args as Record<string, unknown> };
    const job = await queue.add(method, data, {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    });
    return job.id!;
  }

  async function outcome(jobId: string): Promise<SendOutcome> {
    if (!events) {
      events = new QueueEvents(settings.queue, { connection: redis.duplicate() });
      events.on('error', () => {});
      events.setMaxListeners(0);
      await events.waitUntilReady();
    }
    await finished(events, jobId);
    const job = await Job.fromId<SendJob>(queue, jobId);
    if (!job) return { ok: false, jobId, error: new Error(`send job ${jobId} is gone (removed after its retention?)`) };
    return outcomeOf(job, (await job.getState()) === 'completed');
  }

  /**
   * Resolves once the job is completed or failed. The event stream says so at once; the
   * state is also polled, because an event that fires while the stream's reader is still
   * starting is missed, and a waiter must never hang on it.
   */
  async function finished(stream: QueueEvents, jobId: string): Promise<void> {
    let wake = () => {};
    const onEvent = () => wake();
    // BullMQ emits `completed:<id>` per job; its types only list the generic events.
    const emitter = stream as unknown as EventEmitter;
    emitter.on(`completed:${jobId}`, onEvent);
    emitter.on(`failed:${jobId}`, onEvent);
    try {
      for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
        const state = await queue.getJobState(jobId);
        if (state === 'completed' || state === 'failed' || state === 'unknown') return;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      emitter.off(`completed:${jobId}`, onEvent);
      emitter.off(`failed:${jobId}`, onEvent);
    }
  }

  return {
    enqueue,
    outcome,
    async send(method, args) {
      return outcome(await enqueue(method, args));
    },
    async close() {
      await worker?.close();
      await events?.close().catch(() => {});
      await queue.close().catch(() => {});
      await closeRedis(redis);
    },
  };
}

function outcomeOf(job: Job<SendJob>, completed: boolean): SendOutcome {
  const jobId = job.id!;
  if (completed) {
    return { ok: true, jobId, messageId: (job.returnvalue as { messageId?: string } | null)?.messageId };
  }
  return { ok: false, jobId, error: reviveError(job.data.error, job.failedReason || 'the send failed') };
}

function startSender(
  redis: Redis,
  limiter: RateLimiter,
  client: Wawp,
  settings: ReturnType<typeof check>,
): Worker<SendJob> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * Waits for a slot of the instance's limit; long waits are spent as a delayed job. A slot is
   * only good if it is used at once: a process that stalled between asking and sending (a
   * busy event loop, a slow link to Redis) would send late, into the next window, so a slot
   * that took longer than half the window's margin to get is given back and asked for again.
   */
  async function slot(job: Job<SendJob>, token: string | undefined, chatId?: string): Promise<void> {
    for (;;) {
      const asked = Date.now();
      const got = await limiter.tryAcquire(chatId);
      if (got.wait === 0) {
        if (Date.now() - asked <= settings.lateMs) return;
        await limiter.cancel(got.slot!);
        continue;
      }
      if (got.wait > SLEEP_AT_MOST_MS) {
        await job.moveToDelayed(Date.now() + got.wait, token);
        throw new DelayedError();
      }
      await sleep(got.wait);
    }
  }

  async function process(job: Job<SendJob>, token?: string): Promise<{ messageId: string | undefined }> {
    const { method, args } = job.data;
    const chatId = typeof args.chatId === 'string' ? args.chatId : undefined;
    const operation = client.messages[method] as (args: unknown) => Promise<unknown>;
    try {
      if (settings.typingMs > 0 && chatId) {
        await slot(job, token);
        await client.messages.startTyping({ chatId });
        await sleep(settings.typingMs);
      }
      await slot(job, token, chatId);
      const result = await operation(args);
      return { messageId: messageIdOf(result) };
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const kind = classifyFailure(error);
      const rateLimited = (job.data.rateLimited ?? 0) + (kind === 'rate-limited' ? 1 : 0);
      if (kind === 'rate-limited' && rateLimited < MAX_RATE_LIMITED) {
        // The API did not act on it: pause the whole instance, then send this one again,
        // without spending one of its attempts.
        const pause = retryAfterOf(error, settings.defaultRetryAfterMs);
        await limiter.pause(pause);
        await job.updateData({ ...job.data, rateLimited });
        await job.moveToDelayed(Date.now() + pause, token);
        throw new DelayedError();
      }
      await job.updateData({ ...job.data, rateLimited, error: serializeError(error) });
      if (kind === 'retry') throw error;
      throw new UnrecoverableError((error as Error)?.message ?? String(error));
    }
  }

  const worker = new Worker<SendJob>(settings.queue, process, {
    connection: redis,
    concurrency: settings.concurrency,
  });
  worker.on('error', () => {});
  return worker;
}
