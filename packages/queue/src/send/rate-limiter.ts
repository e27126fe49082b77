// The per-instance pace, kept in Redis so it holds across every process that sends for the
// instance: a sliding window of request times, a pause set by a 429, and per-chat spacing.
// One Lua script decides and records, with Redis's clock, so two processes cannot both take
// the last slot of a window.
import type { Redis } from 'ioredis';

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local windowMs = tonumber(ARGV[2])
local chatMs = tonumber(ARGV[3])
if chatMs > 0 then
  local spacing = redis.call('PTTL', KEYS[3])
  if spacing > 0 then return spacing end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + windowMs - now + 1)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], windowMs)
if chatMs > 0 then redis.call('SET', KEYS[3], '1', 'PX', chatMs) end
return 0`;

// One round trip, and never shortening a pause another process set for a longer Retry-After.
const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0`;

export interface RateLimiterSettings {
  /** Requests allowed in any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Least time between two sends to one chat; 0 for none. */
  perChatIntervalMs: number;
  /** Key prefix for this instance, e.g. `wawp:send:<instance>:`. */
  prefix: string;
}

export interface Acquired {
  /** 0 when the slot was taken. */
  wait: number;
  /** The taken slot, to give back with `cancel`. */
  slot?: string;
}

export interface RateLimiter {
  /** Takes a slot now (`wait: 0`, with its name), or says how many ms to wait before asking again. */
  tryAcquire(chatId?: string): Promise<Acquired>;
  /** Gives back a slot that could not be used at once. */
  cancel(slot: string): Promise<void>;
  /** Holds every request of the instance for `ms` (a 429's Retry-After). */
  pause(ms: number): Promise<void>;
}

export function createRateLimiter(redis: Redis, settings: RateLimiterSettings): RateLimiter {
  const windowKey = `${settings.prefix}window`;
  const pauseKey = `${settings.prefix}paused`;
  let counter = 0;
  const member = () => `${process.pid}-${Date.now()}-${counter++}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    async tryAcquire(chatId) {
      const chatMs = chatId === undefined ? 0 : settings.perChatIntervalMs;
      const chatKey = `${settings.prefix}chat:${chatId ?? ''}`;
      const slot = member();
      const wait = await redis.eval(
        ACQUIRE,
        3,
        windowKey,
        pauseKey,
        chatKey,
        settings.limit,
        settings.windowMs,
        chatMs,
        slot,
      );
      return Number(wait) === 0 ? { wait: 0, slot } : { wait: Number(wait) };
    },
    async cancel(slot) {
      await redis.zrem(windowKey, slot);
    },
    async pause(ms) {
      await redis.eval(PAUSE, 1, pauseKey, Math.max(1, Math.ceil(ms)));
    },
  };
}
