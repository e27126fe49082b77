import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRule, createFaultBook, FaultRuleError } from './faults.js';

describe('fault book', () => {
  it('applies a rule N times, only to its operation and instance', () => {
    const book = createFaultBook();
    book.add({ operationId: 'sendText', instanceId: 'a', status: 500, times: 2 }, 0);
    expect(book.forCall('sendText', 'b', 0).kind).toBe('none');
    expect(book.forCall('getSessionInfo', 'a', 0).kind).toBe('none');
    expect(book.forCall('sendText', 'a', 0)).toEqual({ kind: 'status', status: 500, latencyMs: 0 });
    expect(book.forCall('sendText', 'a', 0).kind).toBe('status');
    expect(book.forCall('sendText', 'a', 0).kind).toBe('none');
    expect(book.list()).toHaveLength(0);
  });

  it('applies a rule for a while; latency adds up with a status', () => {
    const book = createFaultBook();
    book.add({ latencyMs: 50, forMs: 1_000 }, 0);
    book.add({ status: 503, retryAfter: 3, forMs: 500 }, 0);
    expect(book.forCall('x', null, 100)).toEqual({ kind: 'status', status: 503, retryAfter: 3, latencyMs: 50 });
    expect(book.forCall('x', null, 600)).toEqual({ kind: 'none', latencyMs: 50 });
    expect(book.forCall('x', null, 1_000)).toEqual({ kind: 'none', latencyMs: 0 });
  });

  it('rate limit: a sliding window with Retry-After until the oldest call leaves it', () => {
    const book = createFaultBook();
    book.add({ rateLimit: { limit: 3, windowMs: 10_000 } }, 0);
    expect([0, 1_000, 2_000].map((t) => book.forCall('x', null, t).kind)).toEqual(['none', 'none', 'none']);
    expect(book.forCall('x', null, 2_500)).toEqual({ kind: 'status', status: 429, retryAfter: 8, latencyMs: 0 });
    expect(book.forCall('x', null, 10_000).kind).toBe('none');
  });

  it('delivery rules only reach deliveries, and remove() takes rules away', () => {
    const book = createFaultBook();
    const dup = book.add({ webhooks: { duplicate: 2 }, event: 'message' }, 0);
    expect(book.forCall('sendText', null, 0).kind).toBe('none');
    expect(book.forDelivery('message.ack', 'a', 0)).toEqual([]);
    expect(book.forDelivery('message', 'a', 0)).toEqual([{ duplicate: 2 }]);
    expect(book.remove(dup.id)).toBe(1);
    expect(book.forDelivery('message', 'a', 0)).toEqual([]);
  });

  it('any malformed rule is refused with a FaultRuleError, never another error', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          checkRule(input);
        } catch (error) {
          expect(error).toBeInstanceOf(FaultRuleError);
          expect((error as Error).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });
});
