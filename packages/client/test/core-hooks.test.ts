import createClient from 'openapi-fetch';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { retrySafeRoutes } from '../src/generated/client-facts.js';
import {
  createWawpClient,
  type ErrorCode,
  WawpApiError,
  type WawpCore,
  type WawpHookInfo,
  WawpNetworkError,
} from '../src/index.js';
import { createWawp, getSessionInfo } from '../src/operations.js';
import { retryPolicy } from '../src/retry.js';
import { BASE_URL, CREDENTIALS, createObservedClient } from './support/observed-client.js';
import { openapi } from './support/spec-bundle.mjs';

describe('one explicit core under both faces', () => {
  it('the path face carries its core, and createWawp around it shares it', () => {
    const client = createWawpClient({ ...CREDENTIALS, baseUrl: BASE_URL });
    const wawp = createWawp(client);
    expect(wawp.client).toBe(client);
    expect(wawp.client.core).toBe(client.core);
    expect(client.core.baseUrl).toBe(BASE_URL);
    expectTypeOf(client.core).toEqualTypeOf<WawpCore>();
  });

  it('createWawp refuses a plain openapi-fetch client with an error that says why', () => {
    const plain = createClient({ baseUrl: BASE_URL });
    expect(() => createWawp(plain as never)).toThrow(/not made by createWawpClient.*plain openapi-fetch client/);
    expect(() => createWawp({ request: () => {} } as never)).toThrow(TypeError);
  });

  it('standalone operations refuse a plain openapi-fetch client too', async () => {
    const plain = createClient({ baseUrl: BASE_URL });
    await expect(getSessionInfo(plain as never)).rejects.toThrow(/client from createWawpClient/);
  });

  it("openapi-fetch's middleware still works through use()/eject() and sees the raw request", async () => {
    const urls: string[] = [];
    const { client, requests } = createObservedClient();
    const middleware = {
      onRequest({ request }: { request: Request }) {
        urls.push(request.url);
      },
    };
    client.use(middleware);
    await client.GET('/session/info');
    client.eject(middleware);
    await client.GET('/session/info');
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain(`access_token=${encodeURIComponent(CREDENTIALS.accessToken)}`);
    expect(requests).toHaveLength(2);
  });
});

describe('User-Agent-style headers', () => {
  it('names the package and version in user-agent, with the caller first', async () => {
    const plain = createObservedClient();
    await plain.client.GET('/session/info');
    const sent = plain.requests[0]!.headers;
    expect(sent.get('user-agent')).toMatch(/^@wawp\/client\/\d+\.\d+\.\d+$/);
    expect(sent.has('x-wawp-client')).toBe(false);

    const mine = createObservedClient(undefined, { userAgent: 'my-app/1.2' });
    await mine.client.GET('/session/info');
    expect(mine.requests[0]!.headers.get('user-agent')).toMatch(/^my-app\/1\.2 @wawp\/client\//);

    const none = createObservedClient(undefined, { userAgent: false });
    await none.client.GET('/session/info');
    expect(none.requests[0]!.headers.get('user-agent') ?? '').not.toContain('@wawp/client');
  });

  it("the caller's own user-agent wins, per client or per request, and null sends none", async () => {
    const agentOf = (request: Request | undefined) => request?.headers.get('user-agent') ?? null;
    // Every spelling of the name, and both places openapi-fetch takes headers from.
    for (const name of ['user-agent', 'User-Agent', 'USER-AGENT']) {
      const perClient = createObservedClient(undefined, { headers: { [name]: 'theirs/1' } });
      await perClient.client.GET('/session/info');
      expect(agentOf(perClient.requests[0])).toBe('theirs/1');

      const { client, requests } = createObservedClient();
      await client.GET('/session/info', { headers: { [name]: 'per-call/2' } });
      await client.GET('/session/info', { params: { header: { [name]: 'param/3' } } } as never);
      await client.GET('/session/info', { headers: { [name]: null } });
      await client.GET('/session/info', { headers: new Headers({ [name]: 'headers/4' }) });
      // A key present with `undefined` is absent to openapi-fetch, so the client still names itself.
      await client.GET('/session/info', { headers: { [name]: undefined } });
      expect(requests.map(agentOf)).toEqual([
        'per-call/2',
        'param/3',
        null,
        'headers/4',
        expect.stringMatching(/^@wawp\/client\//),
      ]);
    }
  });

  it('middleware and every retry see the user-agent the request is sent with', async () => {
    const seen: (string | null)[] = [];
    const { client, requests } = createObservedClient(
      (_request, call) => (call === 1 ? new Response(null, { status: 503 }) : Response.json({})),
      { retry: { attempts: 2, baseDelayMs: 0 } },
    );
    client.use({
      onRequest({ request }) {
        seen.push(request.headers.get('user-agent'));
      },
    });
    await client.GET('/session/info');
    expect(seen).toEqual([expect.stringMatching(/^@wawp\/client\//)]);
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request.headers.get('user-agent')).toMatch(/^@wawp\/client\//);
    // The next call, without middleware, is named just the same and carries no leftover.
    const plain = createObservedClient(undefined, { userAgent: 'my-app/1.2' });
    await plain.client.GET('/session/info', { headers: { 'user-agent': 'once/1' } });
    await plain.client.GET('/session/info');
    expect(plain.requests.map((r) => r.headers.get('user-agent'))).toEqual([
      'once/1',
      expect.stringMatching(/^my-app\/1\.2 @wawp\/client\//),
    ]);
  });

  it('refuses a userAgent that is not a header value', () => {
    expect(() => createObservedClient(undefined, { userAgent: 'a\r\nb' })).toThrow(
      /`userAgent` must be printable ASCII/,
    );
  });
});

describe('hooks', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('see every attempt and retry with a redacted URL, status, duration and operationId', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const seen: Array<[string, WawpHookInfo]> = [];
    const answers = [Response.json({}, { status: 503 }), Response.json({ name: 'x' })];
    const { wawp } = createObservedClient((_r, n) => answers[n - 1]!, {
      retry: { attempts: 2 },
      hooks: {
        onRequest: (info) => void seen.push(['request', info]),
        onResponse: (info) => void seen.push(['response', info]),
        onRetry: (info) => void seen.push(['retry', info]),
      },
    });
    const done = wawp.sessions.getInfo();
    await vi.runAllTimersAsync();
    await done;
    expect(seen.map(([kind, info]) => `${kind} ${info.attempt} ${info.status ?? ''}`)).toEqual([
      'request 1 ',
      'response 1 503',
      'retry 1 503',
      'request 2 ',
      'response 2 200',
    ]);
    for (const [, info] of seen) {
      expect(info).toMatchObject({ method: 'GET', operationId: 'getSessionInfo' });
      expect(info.url).toBe('https://api.test/v1/session/info?instance_id=INSTANCE123&access_token=[REDACTED]');
    }
    expect(seen[1]![1].durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[2]![1].delayMs).toBe(0);
  });

  it('are told about failures with the redacted error, and a throwing or rejecting hook breaks nothing', async () => {
    const errors: unknown[] = [];
    const { client } = createObservedClient(
      () => {
        throw new TypeError('connect ECONNREFUSED');
      },
      {
        hooks: {
          onRequest: () => {
            throw new Error('hook bug');
          },
          onResponse: async (info) => {
            errors.push(info.error);
            throw new Error('async hook bug');
          },
        },
      },
    );
    const error = await client.GET('/session/info').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WawpNetworkError);
    expect(errors).toEqual([error]);
  });
});

describe('reads the API takes as POST are retried like GETs', () => {
  it('every operation marked x-wawp-retry-safe in the spec is in the generated routes, and only those that differ', () => {
    const marked: Record<string, boolean> = {};
    for (const [path, item] of Object.entries(openapi.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, op] of Object.entries(item)) {
        const flag = (op as { 'x-wawp-retry-safe'?: unknown })?.['x-wawp-retry-safe'];
        const byDefault = ['get', 'head', 'options', 'put', 'delete'].includes(method);
        if (typeof flag === 'boolean' && flag !== byDefault) marked[`${method.toUpperCase()} ${path}`] = flag;
      }
    }
    expect(retrySafeRoutes).toEqual(marked);
  });

  it('the spec marks the reads that travel as POST (chat list, overview, message by id)', () => {
    for (const route of ['POST /chats', 'POST /chats/overview', 'POST /chats/{chatId}/messages/{messageId}']) {
      expect(retrySafeRoutes[route], route).toBe(true);
    }
  });

  it('both faces retry such a read without opting in, and still not a send', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, wawp, requests } = createObservedClient(() => Response.json({}, { status: 503 }), {
      retry: {},
    });
    const runs = [
      wawp.chats.queryOverview({} as never),
      client.POST('/chats/overview' as never, {} as never),
      client.POST('/send', { params: { query: { chatId: '1@c.us', message: 'hi' } } } as never),
    ].map((p) => p.catch(() => undefined));
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    const count = (path: string) => requests.filter((r) => new URL(r.url).pathname.endsWith(path)).length;
    expect(count('/chats/overview')).toBe(6);
    expect(count('/send')).toBe(1);
  });

  it('a route marked safe gets the client policy without opting in; one marked unsafe does not', () => {
    const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 1, methods: ['GET'] };
    expect(retryPolicy(policy, undefined, 'POST', true)).toBe(policy);
    expect(retryPolicy(policy, undefined, 'POST', undefined)).toBeUndefined();
    expect(retryPolicy(policy, undefined, 'GET', false)).toBeUndefined();
    expect(retryPolicy(policy, false, 'POST', true)).toBeUndefined();
    expect(retryPolicy(false, undefined, 'POST', true)).toBeUndefined();
  });
});

describe('arrays go the way PHP reads a list', () => {
  it('name[]=a&name[]=b for array parameters, plain name=value for the others', async () => {
    const { client, requests } = createObservedClient();
    await client.GET('/chats/overview', {
      params: { query: { ids: ['1@c.us', '2@c.us'], limit: 5 } as never },
    });
    await client.GET('/chats/overview', { params: { query: { 'ids[]': ['3@c.us'] } as never } });
    const [first, second] = requests.map((r) => new URL(r.url).search);
    expect(first).toContain('&ids[]=1%40c.us&ids[]=2%40c.us&limit=5');
    expect(second).toContain('&ids[]=3%40c.us');
    expect(second).not.toContain('ids[][]');
    expect(new URL(requests[0]!.url).searchParams.getAll('ids[]')).toEqual(['1@c.us', '2@c.us']);
  });
});

describe('WawpApiError', () => {
  it('exposes the headers, the parsed Retry-After and the request id', async () => {
    const { wawp } = createObservedClient(() =>
      Response.json(
        { code: 'rate_limited', message: 'Slow down', data: { status: 429 } },
        { status: 429, headers: { 'retry-after': '12', 'x-request-id': 'abc-123' } },
      ),
    );
    const error = (await wawp.sessions.getInfo().catch((e: unknown) => e)) as WawpApiError;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 12_000, requestId: 'abc-123' });
    expect(error.headers['retry-after']).toBe('12');
    expect(error.toJSON()).toMatchObject({ retryAfterMs: 12_000, requestId: 'abc-123' });
  });

  it('leaves retryAfterMs and requestId undefined when the server sent nothing usable', async () => {
    const { wawp } = createObservedClient(() =>
      Response.json({}, { status: 503, headers: { 'retry-after': '-3', 'cf-ray': '8f1e2d' } }),
    );
    const error = (await wawp.sessions.getInfo().catch((e: unknown) => e)) as WawpApiError;
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.requestId).toBe('8f1e2d');
    expect(error.code).toBe('unknown_error');
  });

  it("types code as the spec's ErrorCode, open for codes the spec does not list", () => {
    expectTypeOf<WawpApiError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<'invalid_access_token'>().toExtend<ErrorCode>();
    expectTypeOf<'some_new_plugin_code'>().toExtend<ErrorCode>();
    expectTypeOf<WawpApiError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<WawpApiError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<WawpApiError['headers']>().toEqualTypeOf<Readonly<Record<string, string>>>();
    const known = (code: ErrorCode) => {
      switch (code) {
        case 'invalid_access_token':
        case 'rate_limited':
          return true;
        default:
          return false;
      }
    };
    expect(known('rate_limited')).toBe(true);
    // @ts-expect-error a code is a string, never a number
    known(401);
  });
});
