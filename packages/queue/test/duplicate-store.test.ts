import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ClaimResult, createRedisDuplicateStore, type RedisDuplicateStore } from '../src/index.js';
import { redisUrl, uniqueQueue } from './support/names.js';

let store: RedisDuplicateStore;
let raw: Redis;
let prefix: string;

beforeAll(async () => {
  prefix = `${uniqueQueue('store')}:`;
  store = await createRedisDuplicateStore({ url: redisUrl(), prefix, ttlMs: 60_000, inFlightTtlMs: 400 });
  raw = new Redis(redisUrl());
});
afterAll(async () => {
  await store.close();
  raw.disconnect();
});

describe('createRedisDuplicateStore', () => {
  test('an id goes claimed → in-flight → done, and a released id can be claimed again', async () => {
    expect(await store.claim('a')).toBe('claimed');
    expect(await store.claim('a')).toBe('in-flight');
    await store.complete('a');
    expect(await store.claim('a')).toBe('done');
    expect(await store.state('a')).toBe('done');

    expect(await store.claim('b')).toBe('claimed');
    await store.release('b');
    expect(await store.state('b')).toBe('released');
    expect(await store.claim('b')).toBe('claimed');
  });

  test('keys carry the prefix and the TTLs: done for ttlMs, in flight for inFlightTtlMs', async () => {
    await store.claim('ttl');
    const inFlight = await raw.pttl(`${prefix}ttl`);
    expect(inFlight).toBeGreaterThan(0);
    expect(inFlight).toBeLessThanOrEqual(400);
    await store.complete('ttl');
    expect(await raw.pttl(`${prefix}ttl`)).toBeGreaterThan(50_000);
    expect(await raw.get(`${prefix}ttl`)).toBe('done');
  });

  test('a claim whose holder never came back lapses after inFlightTtlMs', async () => {
    expect(await store.claim('crashed')).toBe('claimed');
    await new Promise((r) => setTimeout(r, 450));
    expect(await store.claim('crashed')).toBe('claimed');
  });

  test('concurrent claims of one id from several connections: exactly one wins', async () => {
    const others = await Promise.all(
      Array.from({ length: 4 }, () => createRedisDuplicateStore({ url: redisUrl(), prefix })),
    );
    try {
      for (let round = 0; round < 20; round++) {
        const id = `race-${round}`;
        const results = await Promise.all(others.flatMap((s) => Array.from({ length: 5 }, () => s.claim(id))));
        expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
        expect(results.filter((r) => r === 'in-flight')).toHaveLength(19);
      }
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  test('any sequence of claims, completes and releases behaves like the state machine', async () => {
    const op = fc.record({ kind: fc.constantFrom('claim', 'complete', 'release'), id: fc.constantFrom('x', 'y', 'z') });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const ids = `model-${run++}-`;
        const model = new Map<string, ClaimResult | 'released'>();
        for (const { kind, id } of ops) {
          const key = ids + id;
          if (kind === 'claim') {
            const state = model.get(key);
            const expected: ClaimResult = state === 'done' || state === 'in-flight' ? state : 'claimed';
            expect(await store.claim(key)).toBe(expected);
            if (expected === 'claimed') model.set(key, 'in-flight');
          } else if (kind === 'complete') {
            await store.complete(key);
            model.set(key, 'done');
          } else {
            await store.release(key);
            model.set(key, 'released');
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  test('bad options and ids are refused with a message that names them', async () => {
    await expect(createRedisDuplicateStore({ url: redisUrl(), ttlMs: 0 })).rejects.toThrow(/ttlMs/);
    await expect(createRedisDuplicateStore({ url: redisUrl(), inFlightTtlMs: 1.5 })).rejects.toThrow(/inFlightTtlMs/);
    await expect(createRedisDuplicateStore({ url: 'http://127.0.0.1:6379' })).rejects.toThrow(/redis:\/\//);
    await expect(store.claim('')).rejects.toThrow(/non-empty/);
  });
});
