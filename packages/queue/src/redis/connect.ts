// One way to open a Redis connection for every component, so each fails the same way at
// start (a RedisUnavailableError naming the redacted URL) and none crashes on a lost link.
import { Redis } from 'ioredis';
import { RedisUnavailableError } from './errors.js';
import { checkRedisUrl, redactRedisUrl } from './url.js';

export interface ConnectOptions {
  /**
   * `fail-fast` (receivers): commands fail at once while the link is down, so a request can
   * be answered 503 instead of waiting. `patient` (workers, BullMQ's blocking reads): commands
   * wait for the reconnection, as BullMQ requires (`maxRetriesPerRequest: null`).
   */
  mode: 'fail-fast' | 'patient';
  /** How long the first connection may take. Default 5 s. */
  connectTimeoutMs?: number;
  /** Shown in `CLIENT LIST`, which helps when monitoring who is connected. */
  name?: string;
}

/** Opens a connection and waits until it is ready; rejects with RedisUnavailableError. */
export async function connectRedis(url: string, options: ConnectOptions): Promise<Redis> {
  checkRedisUrl(url);
  const connectTimeout = options.connectTimeoutMs ?? 5_000;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout,
    connectionName: options.name,
    enableOfflineQueue: options.mode === 'patient',
    maxRetriesPerRequest: options.mode === 'patient' ? null : 1,
    // Keep trying in the background after a loss, never more than a second apart.
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
  });
  let lastError: Error | undefined;
  // ioredis emits 'error' on every failed reconnection; without a listener Node would crash.
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await withTimeout(redis.connect(), connectTimeout + 500);
  } catch (error) {
    redis.disconnect();
    const reason = describe(lastError ?? error);
    throw new RedisUnavailableError(url, reason);
  }
  return redis;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The cause in a few words, never the URL itself (ioredis messages can contain it). */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/rediss?:\/\/\S+/g, (url) => redactRedisUrl(url));
}

/** Closes a connection, politely when it is up, at once when it is not. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
