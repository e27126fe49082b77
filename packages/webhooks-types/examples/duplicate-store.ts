// A duplicate store shared by several processes, over Redis (the node-redis v4 call shapes).
// `SET … NX` makes the claim atomic; an id stays "in-flight" for at most an hour if the
// process handling it dies, and "done" for a day.
import type { ClaimResult, DuplicateStore } from '@wawp/webhooks-types';

/** The three Redis calls the store needs (node-redis' `createClient()` has them). */
export interface RedisLike {
  set(key: string, value: string, options: { NX?: boolean; EX: number }): Promise<string | null>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
}

export function redisDuplicateStore(redis: RedisLike, prefix = 'wawp:webhook:'): DuplicateStore {
  return {
    async claim(id): Promise<ClaimResult> {
      if ((await redis.set(prefix + id, 'in-flight', { NX: true, EX: 3600 })) === 'OK') return 'claimed';
      // Gone again between the two calls (released): report it in flight, so the sender retries.
      return (await redis.get(prefix + id)) === 'done' ? 'done' : 'in-flight';
    },
    async complete(id) {
      await redis.set(prefix + id, 'done', { EX: 86_400 });
    },
    async release(id) {
      await redis.del(prefix + id);
    },
  };
}
