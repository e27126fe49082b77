import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WawpApiError, WawpNetworkError } from '../src/index.js';
import { MAX_WAIT_MS, retryAfterMs } from '../src/retry.js';
import { createObservedClient } from './support/observed-client.js';

const status = (code: number, headers: Record<string, string> = {}) =>
  Response.json({ code: 'rest_error', message: `status ${code}`, data: { status: code } }, { status: code, headers });

/** Settles a promise while the fake clock runs, and reports how it ended. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe('retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each([429, 502, 503, 504])('retries a GET answered %i, up to the attempt limit', async (code) => {
    const { client, requests } = createObservedClient(() => status(code), { retry: { attempts: 4 } });
    const { value } = await settle(client.GET('/session/info'));
    expect(requests).toHaveLength(4);
    expect(value?.response.status).toBe(code);
  });

  it('does not retry other errors (400, 401, 404, 500)', async () => {
    for (const code of [400, 401, 404, 500]) {
      const { client, requests } = createObservedClient(() => status(code), { retry: {} });
      await settle(client.GET('/session/info'));
      expect(requests).toHaveLength(1);
    }
  });

  it('stops retrying at the first good answer', async () => {
    const answers = [status(503), status(502), Response.json({ name: 'ok' })];
    const { client, requests } = createObservedClient((_r, n) => answers[n - 1]!, { retry: { attempts: 5 } });
    const { value } = await settle(client.GET('/session/info'));
    expect(requests).toHaveLength(3);
    expect(value?.data).toEqual({ name: 'ok' });
  });

  it('retries network errors, then surfaces the last one', async () => {
    const { client, requests } = createObservedClient(
      () => {
        throw new TypeError('fetch failed');
      },
      { retry: { attempts: 3 } },
    );
    const { error } = await settle(client.GET('/session/info'));
    expect(requests).toHaveLength(3);
    expect(error).toBeInstanceOf(WawpNetworkError);
  });

  it('does not retry a POST unless the request or the client opts in', async () => {
    const plain = createObservedClient(() => status(503), { retry: {} });
    await settle(plain.client.POST('/session/start'));
    expect(plain.requests).toHaveLength(1);

    const perRequest = createObservedClient(() => status(503), { retry: {} });
    await settle(perRequest.client.POST('/session/start', { retry: true }));
    expect(perRequest.requests).toHaveLength(3);

    const perClient = createObservedClient(() => status(503), { retry: { methods: ['POST'] } });
    await settle(perClient.client.POST('/session/start'));
    expect(perClient.requests).toHaveLength(3);
  });

  it('retries PUT and DELETE by default, and never when the request says retry: false', async () => {
    const { client, requests } = createObservedClient(() => status(503), { retry: {} });
    await settle(client.DELETE('/session/delete'));
    expect(requests).toHaveLength(3);
    await settle(client.DELETE('/session/delete', { retry: false }));
    expect(requests).toHaveLength(4);
  });

  it('sends the same body on every attempt (the request is cloned, not rebuilt)', async () => {
    const bodies: string[] = [];
    const { client } = createObservedClient(
      async (request) => {
        bodies.push(await request.text());
        return status(503);
      },
      { retry: { attempts: 3 } },
    );
    await settle(
      client.POST('/sendPoll', {
        body: { chatId: '447700900123@c.us', poll: { name: 'Lunch?', options: ['a', 'b'] } } as never,
        retry: true,
      }),
    );
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ chatId: '447700900123@c.us' });
  });

  it('waits with exponential backoff and full jitter: random() times base * 2^(n-1), capped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { client, requests } = createObservedClient(() => status(503), {
      retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 },
    });
    const done = client.GET('/session/info');
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    // 1st wait: 0.5 * 1000 = 500 ms
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    // 2nd wait: 0.5 * 2000 = 1000 ms
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(3);
    // 3rd wait: 0.5 * min(3000, 4000) = 1500 ms (capped)
    await vi.advanceTimersByTimeAsync(1499);
    expect(requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(4);
    await done;
  });

  it('honours Retry-After in seconds', async () => {
    const answers = [status(429, { 'retry-after': '7' }), Response.json({})];
    const { client, requests } = createObservedClient((_r, n) => answers[n - 1]!, { retry: {} });
    const done = client.GET('/session/info');
    await vi.advanceTimersByTimeAsync(6_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect((await done).response.status).toBe(200);
  });

  it('honours Retry-After as an HTTP date', async () => {
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const answers = [status(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), Response.json({})];
    const { client, requests } = createObservedClient((_r, n) => answers[n - 1]!, { retry: {} });
    const done = client.GET('/session/info');
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await done;
  });

  it('gives up when the next wait would pass the total time budget', async () => {
    const { client, requests, wawp } = createObservedClient(() => status(429, { 'retry-after': '120' }), {
      retry: { attempts: 5, maxElapsedMs: 60_000 },
    });
    const { value } = await settle(client.GET('/session/info'));
    expect(requests).toHaveLength(1);
    expect(value?.response.status).toBe(429);
    // Through the operation face the same answer becomes a typed error.
    const { error } = await settle(wawp.sessions.getInfo());
    expect(error).toBeInstanceOf(WawpApiError);
    expect((error as WawpApiError).status).toBe(429);
  });
});

describe('Retry-After parsing', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads whole seconds and future HTTP dates', () => {
    expect(retryAfterMs(' 12 ', now)).toBe(12_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Thursday, 01-Jan-26 00:00:30 GMT', now)).toBe(30_000);
  });

  it('is undefined for what makes no sense, so the backoff applies', () => {
    const nonsense = ['0', '-1', '-5', '1.5', '0.001', '1e3', 'soon', '', '  ', 'Infinity', 'NaN', '9'.repeat(400)];
    nonsense.push('Wed, 31 Dec 2025 23:00:00 GMT', 'Thu, 01 Jan 2026 00:00:00 GMT', 'Fri, 01 Jan 2100 00:00:00 GMT');
    for (const value of nonsense) expect(retryAfterMs(value, now), value).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('never yields a wait a timer cannot hold, over many generated values', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer().map(String),
          fc.double().map(String),
          fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toUTCString())),
        ),
        (value) => {
          const ms = retryAfterMs(value, now);
          return ms === undefined || (Number.isFinite(ms) && ms > 0 && ms <= MAX_WAIT_MS);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('waits that make no sense fall back to the backoff, and every wait is capped', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each(['-1', '1.5', '0', 'Wed, 31 Dec 2025 23:00:00 GMT', '99999999999'])(
    'Retry-After: %s waits the backoff, not 0 ms',
    async (value) => {
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      vi.spyOn(Math, 'random').mockReturnValue(1);
      const { client, requests } = createObservedClient(() => status(503, { 'retry-after': value }), {
        retry: { attempts: 3, baseDelayMs: 200 },
      });
      const done = client.GET('/session/info');
      await vi.advanceTimersByTimeAsync(199);
      expect(requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(2);
      await vi.runAllTimersAsync();
      await done;
      expect(requests).toHaveLength(3);
    },
  );

  it('an infinite maxElapsedMs and maxDelayMs still give timers a delay they can hold', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const delays: number[] = [];
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { client, requests } = createObservedClient(() => status(503), {
      retry: {
        attempts: 3,
        baseDelayMs: 1e300,
        maxDelayMs: Number.POSITIVE_INFINITY,
        maxElapsedMs: Number.POSITIVE_INFINITY,
      },
      timeoutMs: 0,
    });
    const done = client.GET('/session/info');
    await vi.advanceTimersByTimeAsync(10);
    for (const call of spy.mock.calls) delays.push(call[1] ?? 0);
    expect(requests).toHaveLength(1);
    expect(delays.length).toBeGreaterThan(0);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(MAX_WAIT_MS);
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(requests).toHaveLength(2);
    client.GET('/session/info', { signal: AbortSignal.abort() }).catch(() => {});
    void done.catch(() => {});
  });
});
