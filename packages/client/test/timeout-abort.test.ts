import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WawpAbortError, WawpNetworkError, WawpTimeoutError } from '../src/index.js';
import { createObservedClient, hangingFetch } from './helpers.js';

describe('timeouts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails with WawpTimeoutError after timeoutMs and aborts the fetch signal', async () => {
    const { client, calls } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 1_000 });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error).toBeInstanceOf(WawpTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1_000, method: 'GET', path: '/session/info' });
    expect(calls[0]!.signal!.aborted).toBe(true);
  });

  it('times out even when the fetch ignores its signal (no hang)', async () => {
    const { client } = createObservedClient(hangingFetch(false) as never, { timeoutMs: 50 });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(await result).toBeInstanceOf(WawpTimeoutError);
  });

  it('a per-request timeout overrides the client one', async () => {
    const { client } = createObservedClient(hangingFetch(true) as never, { timeoutMs: 60_000 });
    const result = client.GET('/session/info', { timeoutMs: 10 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(await result).toBeInstanceOf(WawpTimeoutError);
  });

  it('starts a fresh timer for every retry attempt', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, calls } = createObservedClient(hangingFetch(true) as never, {
      timeoutMs: 100,
      retry: { attempts: 3 },
    });
    const result = client.GET('/session/info').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal!.aborted).toBe(true);
    // The second attempt has its own 100 ms: still running 98 ms later, aborted after 100.
    await vi.advanceTimersByTimeAsync(98);
    expect(calls[1]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls[1]!.signal!.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(3);
    expect(await result).toBeInstanceOf(WawpTimeoutError);
    vi.restoreAllMocks();
  });

  it('timeoutMs: 0 (the default) turns the timer off: fetch gets the request and its own signal only', async () => {
    const inits: unknown[] = [];
    const { client } = createObservedClient(undefined, {
      fetch: async (_request, init) => {
        inits.push(init);
        return Response.json({});
      },
    });
    await client.GET('/session/info');
    await client.GET('/session/info', { timeoutMs: 0 });
    expect(inits).toEqual([undefined, undefined]);
  });

  it('rejects a bad timeout up front', async () => {
    expect(() => createObservedClient(undefined, { timeoutMs: -1 })).toThrow(/`timeoutMs` must be a number >= 0/);
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
