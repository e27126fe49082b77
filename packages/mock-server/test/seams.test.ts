// The seams a stateful layer plugs into: `responder` after validation and before the example,
// `observe` for every answer, `control` for more /__wawp endpoints behind the same guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exchange, type MockServer, startMockServer, type ValidatedCall } from '../src/index.js';

const CREDS = 'instance_id=123456789&access_token=123456789';
const calls: ValidatedCall[] = [];
const exchanges: Exchange[] = [];
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    responder: async (call) => {
      calls.push(call);
      if (call.operationId === 'getSessionMe') return { status: 200, body: { id: 'from-state', pushName: 'State' } };
      if (call.operationId === 'getQrCode') return { status: 0, drop: true };
      return undefined;
    },
    observe: (exchange) => exchanges.push(exchange),
    control: (call) =>
      call.path === '/state' && call.method === 'GET'
        ? { status: 200, body: { echo: call.query.x ?? null } }
        : undefined,
  });
});
afterAll(() => mock.close());

describe('responder', () => {
  it('answers validated calls instead of the example, and sees the merged parameters and the documented answer', async () => {
    const res = await fetch(`${mock.url}/session/me?instance_id=123456789`, {
      method: 'GET',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(calls).toHaveLength(0);
    const me = await fetch(`${mock.url}/session/me?${CREDS}`);
    expect(await me.json()).toEqual({ id: 'from-state', pushName: 'State' });
    const call = calls.at(-1) as ValidatedCall;
    expect(call).toMatchObject({
      operationId: 'getSessionMe',
      method: 'get',
      pathTemplate: '/session/me',
      params: { instance_id: '123456789', access_token: '123456789' },
      documented: { status: 200 },
    });
  });

  it('leaves the example when it answers undefined, and is not asked when the caller chose a response', async () => {
    const info = await fetch(`${mock.url}/session/info?${CREDS}`);
    expect(await info.json()).toEqual(calls.at(-1)?.documented.body);
    const before = calls.length;
    const chosen = await fetch(`${mock.url}/session/me?${CREDS}`, { headers: { prefer: 'code=429' } });
    expect(chosen.status).toBe(429);
    expect(calls).toHaveLength(before);
  });

  it('can drop the connection, as a network fault', async () => {
    await expect(fetch(`${mock.url}/getQr?${CREDS}`)).rejects.toThrow();
  });
});

describe('observe', () => {
  it('sees every answer, errors included', async () => {
    exchanges.length = 0;
    await fetch(`${mock.url}/nope?${CREDS}`);
    await fetch(`${mock.url}/session/info?instance_id=1`);
    await fetch(`${mock.url}/session/info?${CREDS}`);
    expect(exchanges.map((e) => [e.status, e.operationId ?? null])).toEqual([
      [404, null],
      [401, 'getSessionInfo'],
      [200, 'getSessionInfo'],
    ]);
    expect(exchanges[2]?.body).toMatchObject({ name: expect.any(String), status: expect.any(String) });
    // A 404 matched no operation: its exchange has no operationId key at all.
    expect('operationId' in (exchanges[0] as Exchange)).toBe(false);
  });

  it('has seen an answer by the time its caller reads it, and what it throws does not change the answer', async () => {
    let seen = 0;
    const throwing = await startMockServer({
      port: 0,
      observe: () => {
        seen++;
        throw new Error('observer failed');
      },
    });
    try {
      const res = await fetch(`${throwing.url}/session/info?${CREDS}`);
      expect(seen).toBe(1);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ name: expect.any(String) });
      // The server goes on answering.
      expect((await fetch(`${throwing.url}/session/info?${CREDS}`)).status).toBe(200);
      expect(seen).toBe(2);
    } finally {
      await throwing.close();
    }
  });
});

describe('control', () => {
  it('adds endpoints behind the same guard', async () => {
    expect((await fetch(`${mock.url}/__wawp/state?x=1`)).status).toBe(401);
    const res = await fetch(`${mock.url}/__wawp/state?x=1`, { headers: mock.controlHeaders() });
    expect(await res.json()).toEqual({ echo: '1' });
    expect((await fetch(`${mock.url}/__wawp/health`, { headers: mock.controlHeaders() })).status).toBe(200);
  });
});
