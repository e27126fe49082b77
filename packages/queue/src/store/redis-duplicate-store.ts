// The duplicate store on Redis: one key per event id whose value is its state. Claiming is a
// Lua script, so two processes that claim the same id at the same moment cannot both win.

import type { ClaimResult, DuplicateStore } from '@wawp/webhooks-types';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../redis/connect.js';

export interface RedisDuplicateStoreOptions {
  /** The Redis to keep the ids in, e.g. `redis://127.0.0.1:6379` or `rediss://:password@host:6380/2`. */
  url: string;
  /** Prepended to every key. Default `wawp:dedupe:`. */
  prefix?: string;
  /** How long a handled id is remembered. Default 24 hours; longer than the sender retries. */
  ttlMs?: number;
  /**
   * How long a claim lasts without `complete` or `release`: a process that died while
   * handling an event frees it after this. Longer than your slowest handler. Default 60 s.
   */
  inFlightTtlMs?: number;
  /** First connection timeout. Default 5 s. */
  connectTimeoutMs?: number;
}

export interface RedisDuplicateStore extends DuplicateStore {
  claim(id: string): Promise<ClaimResult>;
  complete(id: string): Promise<void>;
  release(id: string): Promise<void>;
  /** The state Redis holds for `id` (`released` until the released marker expires). */
  state(id: string): Promise<'in-flight' | 'done' | 'released' | 'unknown'>;
  /** Closes the store's own connection. */
  close(): Promise<void>;
}

// KEYS[1] the id's key; ARGV[1] the in-flight TTL in ms. A released id is claimable again.
const CLAIM = `
local state = redis.call('GET', KEYS[1])
if state == 'done' or state == 'in-flight' then return state end
redis.call('SET', KEYS[1], 'in-flight', 'PX', ARGV[1])
return 'claimed'`;

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_IN_FLIGHT_TTL_MS = 60_000;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) throw new RangeError(`${name} must be a positive integer (ms)`);
  return chosen;
}

/** Builds the store over a connection you manage (the workers share theirs). */
export function redisDuplicateStoreOn(
  redis: Redis,
  options: Omit<RedisDuplicateStoreOptions, 'url' | 'connectTimeoutMs'> = {},
): Omit<RedisDuplicateStore, 'close'> {
  const prefix = options.prefix ?? 'wawp:dedupe:';
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
  const ttlMs = positiveInteger(options.ttlMs, DEFAULT_TTL_MS, 'ttlMs');
  const inFlightTtlMs = positiveInteger(options.inFlightTtlMs, DEFAULT_IN_FLIGHT_TTL_MS, 'inFlightTtlMs');
  const key = (id: string) => {
    if (typeof id !== 'string' || id.length === 0) throw new TypeError('an event id must be a non-empty string');
    return prefix + id;
  };
  return {
    async claim(id) {
      return (await redis.eval(CLAIM, 1, key(id), inFlightTtlMs)) as ClaimResult;
    },
    async complete(id) {
      await redis.set(key(id), 'done', 'PX', ttlMs);
    },
    async release(id) {
      // Kept briefly as `released` so monitoring can count releases; claimable at once.
      await redis.set(key(id), 'released', 'PX', inFlightTtlMs);
    },
    async state(id) {
      const value = await redis.get(key(id));
      return value === 'in-flight' || value === 'done' || value === 'released' ? value : 'unknown';
    },
  };
}

/**
 * A duplicate store shared by every process that points at the same Redis: pass it as the
 * `dedupe` option of an in-process receiver, or let `startWebhookWorker` use one.
 * Rejects with `RedisUnavailableError` when Redis cannot be reached.
 */
export async function createRedisDuplicateStore(options: RedisDuplicateStoreOptions): Promise<RedisDuplicateStore> {
  const settings = { prefix: options.prefix, ttlMs: options.ttlMs, inFlightTtlMs: options.inFlightTtlMs };
  redisDuplicateStoreOn(undefined as unknown as Redis, settings); // checks the options before connecting
  const redis = await connectRedis(options.url, {
    mode: 'fail-fast',
    name: 'wawp-dedupe',
    connectTimeoutMs: options.connectTimeoutMs,
  });
  return { ...redisDuplicateStoreOn(redis, settings), close: () => closeRedis(redis) };
}
