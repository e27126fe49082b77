// Reading the answer stays under the call's timeout and signal, and every way it can fail
// becomes a WawpError subclass: a body that stalls after the headers, an abort while it is
// read, a body that breaks off, JSON that does not parse in a 2xx. Never a raw TypeError,
// DOMException or SyntaxError, on either face.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWawpClient,
  WawpAbortError,
  WawpError,
  WawpNetworkError,
  WawpParseError,
  WawpTimeoutError,
} from '../src/index.js';
import { createWawp } from '../src/operations.js';
import { CREDENTIALS, createObservedClient, everythingAbout } from './helpers.js';
import { startStallingServer } from './stall-server.mjs';

type Failure = 'stall' | 'stall-ignoring-signal' | 'break' | 'bad-json' | 'bad-json-sized' | 'abort';

/** An answer whose body fails the given way. `signal` is the one fetch was handed. */
function answer(failure: Failure, status: number, signal: AbortSignal | undefined, type = 'application/json') {
  const headers: Record<string, string> = { 'content-type': type };
  if (failure === 'bad-json' || failure === 'bad-json-sized') {
    const body = `not json ${CREDENTIALS.accessToken}`;
    if (failure === 'bad-json-sized') headers['content-length'] = String(new TextEncoder().encode(body).length);
    return new Response(body, { status, headers });
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"name":'));
      if (failure === 'break') controller.error(new TypeError(`terminated ?access_token=${CREDENTIALS.accessToken}`));
      // A real fetch errors the body when its signal aborts; a careless stub does not.
      if (failure !== 'stall-ignoring-signal') {
        signal?.addEventListener('abort', () =>
          controller.error(new DOMException('This operation was aborted', 'AbortError')),
        );
      }
    },
  });
  return new Response(body, { status, headers });
}

const expected: Record<Failure, new (...args: never[]) => WawpError> = {
  stall: WawpTimeoutError,
  'stall-ignoring-signal': WawpTimeoutError,
  break: WawpNetworkError,
  'bad-json': WawpParseError,
  'bad-json-sized': WawpParseError,
  abort: WawpAbortError,
};

describe('body reads', () => {
  it('every failure while reading, on both faces, is the right WawpError subclass (generated cases)', async () => {
    let raw = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Failure>('stall', 'stall-ignoring-signal', 'break', 'bad-json', 'bad-json-sized', 'abort'),
        fc.constantFrom(200, 201),
        fc.boolean(),
        fc.boolean(),
        async (failure, status, operationFace, withSignal) => {
          const controller = new AbortController();
          const { client, wawp } = createObservedClient(undefined, {
            // An abort must win over the timer however late the loaded machine runs its 5 ms
            // timeout: the timer is what the other failures test, not this one.
            timeoutMs: failure === 'abort' ? 60_000 : 30,
            fetch: async (request, init) => answer(failure, status, init?.signal ?? request.signal),
          });
          const signal = failure === 'abort' || withSignal ? controller.signal : undefined;
          const pending = (
            operationFace ? wawp.sessions.getInfo({}, { signal }) : client.GET('/session/info', { signal } as never)
          ).catch((e: unknown) => e);
          if (failure === 'abort') setTimeout(() => controller.abort(new Error(`stop ${CREDENTIALS.accessToken}`)), 5);
          const error = await pending;
          if (!(error instanceof WawpError)) raw++;
          expect(error).toBeInstanceOf(expected[failure]);
          expect(everythingAbout(error)).not.toContain(CREDENTIALS.accessToken);
        },
      ),
      { numRuns: 120 },
    );
    expect(raw).toBe(0);
  });

  it('a body that stalls after the headers fails with WawpTimeoutError, also when fetch ignores the signal', async () => {
    for (const failure of ['stall', 'stall-ignoring-signal'] as const) {
      let signal: AbortSignal | undefined;
      const { client } = createObservedClient(undefined, {
        timeoutMs: 40,
        fetch: async (_request, init) => {
          signal = init?.signal ?? undefined;
          return answer(failure, 200, signal);
        },
      });
      const started = Date.now();
      const error = await client.GET('/session/info').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WawpTimeoutError);
      expect(Date.now() - started).toBeLessThan(1_000);
      if (failure === 'stall') expect(signal?.aborted).toBe(true);
    }
  });

  it('malformed JSON in a 2xx is a WawpParseError naming the status, never the body', async () => {
    const { client, wawp } = createObservedClient(() => answer('bad-json', 200, undefined), { timeoutMs: 0 });
    for (const error of [
      await client.GET('/session/info').catch((e: unknown) => e),
      await wawp.sessions.getInfo().catch((e: unknown) => e),
    ]) {
      expect(error).toBeInstanceOf(WawpParseError);
      expect(error).toMatchObject({ status: 200, method: 'GET', path: '/session/info' });
      expect((error as Error).message).toBe('GET /session/info answered 200 with a body that is not valid JSON');
      expect(everythingAbout(error)).not.toContain('not json');
    }
  });

  it('an answer read by its Content-Type (the QR code) is read under the timeout too', async () => {
    let signal: AbortSignal | undefined;
    const { wawp } = createObservedClient(undefined, {
      timeoutMs: 40,
      fetch: async (_request, init) => {
        signal = init?.signal ?? undefined;
        return answer('stall', 200, signal, 'image/png');
      },
    });
    const error = await wawp.authentication.getQrCode({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpTimeoutError);
  });
});

describe('body reads against a real server (loopback) and the real fetch', () => {
  let server: Awaited<ReturnType<typeof startStallingServer>>;
  beforeAll(async () => {
    server = await startStallingServer();
  });
  afterAll(() => server.close());

  it('headers then a stalled body: WawpTimeoutError on both faces, not a 300 s hang', async () => {
    const client = createWawpClient({ ...CREDENTIALS, baseUrl: server.url, timeoutMs: 200, retry: false });
    const started = Date.now();
    const errors = await Promise.all([
      client.GET('/session/info').catch((e: unknown) => e),
      createWawp(client)
        .sessions.getInfo()
        .catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(WawpTimeoutError);
      expect(everythingAbout(error)).not.toContain(CREDENTIALS.accessToken);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("the caller's abort while the body stalls is a WawpAbortError", async () => {
    const client = createWawpClient({ ...CREDENTIALS, baseUrl: server.url, retry: false });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client.GET('/session/info', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpAbortError);
  });
});
