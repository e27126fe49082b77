import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMEOUT_MS, WawpAbortError, WawpNetworkError, WawpTimeoutError } from '../src/index.js';
import { createObservedClient, hangingFetch } from './support/observed-client.js';

/** Calls share timers per slot of 1/32 of the timeout (at most 1 s): the latest a timeout fires. */
const late = (timeoutMs: number) => Math.max(1, Math.min(1_000, Math.floor(timeoutMs / 32)));

describe('timeouts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Slots are aligned on the clock: start every test at a slot's beginning.
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails with WawpTimeoutError after timeoutMs and aborts the fetch signal', async () => {
    const { client, calls } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 1_000 });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + late(1_000));
    const error = await result;
    expect(error).toBeInstanceOf(WawpTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1_000, method: 'GET', path: '/session/info' });
    expect(calls[0]!.signal!.aborted).toBe(true);
  });

  it('times out even when the fetch ignores its signal (no hang)', async () => {
    const { client } = createObservedClient(hangingFetch(false) as never, { timeoutMs: 50 });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50 + late(50));
    expect(await result).toBeInstanceOf(WawpTimeoutError);
  });

  it('a per-request timeout overrides the client one', async () => {
    const { client } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 60_000 });
    const result = client.GET('/session/info', { timeoutMs: 10 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10 + late(10));
    expect(await result).toBeInstanceOf(WawpTimeoutError);
  });

  it('starts a fresh timer for every retry attempt', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, calls } = createObservedClient(hangingFetch(true) as never, {
      timeoutMs: 100,
      retry: { attempts: 3 },
    });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    // 100 ms and a slot of 3 ms: the first attempt ends at 103 ms, the retry starts at once.
    await vi.advanceTimersByTimeAsync(99);
    expect(calls[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + late(100));
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal!.aborted).toBe(true);
    // The second attempt has its own 100 ms: still running 99 ms later, aborted by 100 + a slot.
    await vi.advanceTimersByTimeAsync(99);
    expect(calls[1]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + late(100));
    expect(calls[1]!.signal!.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(3);
    expect(await result).toBeInstanceOf(WawpTimeoutError);
    vi.restoreAllMocks();
  });

  it('has a default timeout of 30 s per attempt', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    const { client, calls } = createObservedClient(hangingFetch(true) as never);
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(calls[0]!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + late(30_000));
    expect(await result).toMatchObject({ name: 'WawpTimeoutError', timeoutMs: 30_000 });
  });

  it('timeoutMs: 0 turns the timer off: fetch gets the request and its own signal only', async () => {
    const inits: unknown[] = [];
    const fetch = async (_request: Request, init?: RequestInit) => {
      inits.push(init);
      return Response.json({});
    };
    const off = createObservedClient(undefined, { fetch, timeoutMs: 0 });
    await off.client.GET('/session/info');
    const on = createObservedClient(undefined, { fetch });
    await on.client.GET('/session/info', { timeoutMs: 0 });
    await on.client.GET('/session/info', { timeoutMs: Number.POSITIVE_INFINITY });
    expect(inits).toEqual([undefined, undefined, undefined]);
  });

  it('calls started together share one signal and one timer', async () => {
    const { client, calls } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 1_000 });
    const results = [1, 2, 3].map(() => client.GET('/session/info').catch((e: unknown) => e));
    await vi.advanceTimersByTimeAsync(0);
    expect(new Set(calls.map((c) => c.signal)).size).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000 + late(1_000));
    for (const error of await Promise.all(results)) expect(error).toBeInstanceOf(WawpTimeoutError);
  });

  it('rejects a bad timeout up front, on the client and per request', async () => {
    for (const timeoutMs of [-1, Number.NaN, '5' as never]) {
      expect(() => createObservedClient(undefined, { timeoutMs })).toThrow(/`timeoutMs` must be a number >= 0/);
      const { client } = createObservedClient();
      await expect(client.GET('/session/info', { timeoutMs })).rejects.toMatchObject({
        name: 'WawpArgumentError',
        argument: 'timeoutMs',
      });
    }
  });
});

describe('aborts', () => {
  it('a signal aborted before the call fails at once with WawpAbortError, without fetching', async () => {
    const { client, requests } = createObservedClient();
    const error = await client.GET('/session/info', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpAbortError);
    expect(requests).toHaveLength(0);
  });

  it('aborting during the fetch fails with WawpAbortError and aborts the fetch', async () => {
    const controller = new AbortController();
    const { client, calls } = createObservedClient(hangingFetch(true) as never);
    const result = client.GET('/session/info', { signal: controller.signal }).catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort();
    const error = await result;
    expect(error).toBeInstanceOf(WawpAbortError);
    expect(error).not.toBeInstanceOf(WawpNetworkError);
    expect((error as WawpAbortError).message).toBe('GET /session/info was aborted');
    expect(calls[0]!.signal!.aborted).toBe(true);
  });

  it('aborting during a backoff wait stops the retries', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const { client, requests } = createObservedClient(
        () => Response.json({}, { status: 503, headers: { 'retry-after': '5' } }),
        { retry: { attempts: 5 } },
      );
      const result = client.GET('/session/info', { signal: controller.signal }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      controller.abort();
      expect(await result).toBeInstanceOf(WawpAbortError);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the operation face passes the signal through', async () => {
    const { wawp, requests } = createObservedClient();
    const error = await wawp.sessions.getInfo({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpAbortError);
    expect(requests).toHaveLength(0);
  });
});
