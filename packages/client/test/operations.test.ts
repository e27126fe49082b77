import { describe, expect, it } from 'vitest';
import operationsJson from '../src/generated/operations.json' with { type: 'json' };
import { paginate, WawpApiError } from '../src/index.js';
import { createWawp, getSessionInfo, sendText } from '../src/operations.js';
import { BASE_URL, CREDENTIALS, createObservedClient } from './support/observed-client.js';

const url = (request: Request) => new URL(request.url);

describe('operation face', () => {
  it('groups every operation of operations.json under wawp.<group>.<method>', () => {
    const { wawp } = createObservedClient();
    for (const { group, name } of operationsJson) {
      expect(typeof (wawp as any)[group]?.[name], `${group}.${name}`).toBe('function');
    }
    expect(Object.keys(wawp).sort()).toEqual(['client', ...new Set(operationsJson.map((o) => o.group))].sort());
  });

  it('creates its own core from options', async () => {
    const seen: Request[] = [];
    const wawp = createWawp({
      ...CREDENTIALS,
      baseUrl: BASE_URL,
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ name: 'x', status: 'WORKING' });
      },
    });
    expect(await wawp.sessions.getInfo()).toEqual({ name: 'x', status: 'WORKING' });
    expect(url(seen[0]!).searchParams.get('access_token')).toBe(CREDENTIALS.accessToken);
    expect(typeof wawp.client.GET).toBe('function');
  });

  it('puts query parameters in the query, next to the credentials', async () => {
    const { wawp, requests } = createObservedClient();
    await wawp.messages.sendText({ chatId: '447700900123@c.us', message: 'Hi there' });
    const { pathname, searchParams } = url(requests[0]!);
    expect(requests[0]!.method).toBe('POST');
    expect(pathname).toBe('/v1/send');
    expect(searchParams.get('chatId')).toBe('447700900123@c.us');
    expect(searchParams.get('message')).toBe('Hi there');
    expect(searchParams.get('instance_id')).toBe(CREDENTIALS.instanceId);
  });

  it('fills path parameters (encoded) and sends deepObject query parameters with brackets', async () => {
    const { wawp, requests } = createObservedClient(() => Response.json([]));
    await wawp.chats.getMessages({ chatId: '447700900123@c.us', limit: 5, 'filter.fromMe': true });
    const { pathname, searchParams } = url(requests[0]!);
    expect(pathname).toBe('/v1/chats/447700900123%40c.us/messages');
    expect(searchParams.get('limit')).toBe('5');
    expect(searchParams.get('filter.fromMe')).toBe('true');

    await wawp.messages.sendImage({
      chatId: '447700900123@c.us',
      file: { url: 'https://example.com/a.jpg', filename: 'a.jpg', mimetype: 'image/jpeg' },
    });
    expect(url(requests[1]!).searchParams.get('file[url]')).toBe('https://example.com/a.jpg');
  });

  it('sends the fields of a JSON body operation as the body', async () => {
    const { wawp, requests } = createObservedClient();
    expect(operationsJson.find((o) => o.id === 'sendPoll')?.bodyMode).toBe('flat');
    const poll = { name: 'Lunch?', options: ['Pizza', 'Sushi'], multipleAnswers: false };
    await wawp.messages.sendPoll({ chatId: '447700900123@c.us', poll });
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]!.json()).toEqual({ chatId: '447700900123@c.us', poll });
  });

  it('standalone operations take the path client as first argument', async () => {
    const { client, requests } = createObservedClient(() => Response.json({ name: 'n', status: 'STOPPED' }));
    expect(await getSessionInfo(client)).toEqual({ name: 'n', status: 'STOPPED' });
    await sendText(client, { chatId: '447700900123@c.us', message: 'm' });
    expect(requests.map((r) => `${r.method} ${url(r).pathname}`)).toEqual(['GET /v1/session/info', 'POST /v1/send']);
  });

  it('rejects unknown arguments and missing path parameters with a clear TypeError, before any request', async () => {
    const { wawp, requests } = createObservedClient();
    await expect(wawp.sessions.getInfo({ nope: 1 } as never)).rejects.toThrow(
      'getSessionInfo: unknown argument `nope`',
    );
    await expect(wawp.chats.delete({} as never)).rejects.toThrow(/missing path parameter `chatId`/);
    await expect(wawp.sessions.getInfo('x' as never)).rejects.toThrow(TypeError);
    const withoutClient = sendText as unknown as (args: object) => Promise<unknown>;
    await expect(withoutClient({ chatId: 'x', message: 'y' })).rejects.toThrow(
      'sendText: the first argument must be a client from createWawpClient',
    );
    expect(requests).toHaveLength(0);
  });

  it('throws WawpApiError with status, vendor code, message, method and path', async () => {
    const { wawp } = createObservedClient(() =>
      Response.json(
        { code: 'wawp_upstream_error', message: 'The WhatsApp engine did not answer.', data: { status: 502 } },
        { status: 502 },
      ),
    );
    const error = (await wawp.chats.delete({ chatId: '447700900123@c.us' }).catch((e: unknown) => e)) as WawpApiError;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({
      name: 'WawpApiError',
      status: 502,
      code: 'wawp_upstream_error',
      method: 'DELETE',
      path: '/chats/{chatId}',
    });
    expect(error.message).toBe(
      'DELETE /chats/{chatId} failed with 502 wawp_upstream_error: The WhatsApp engine did not answer.',
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'WawpApiError',
      message: error.message,
      method: 'DELETE',
      path: '/chats/{chatId}',
      status: 502,
      code: 'wawp_upstream_error',
      body: { code: 'wawp_upstream_error', message: 'The WhatsApp engine did not answer.', data: { status: 502 } },
      headers: { 'content-type': 'application/json' },
    });
  });

  it('an error answer that is not the WordPress shape still becomes a WawpApiError', async () => {
    const { wawp } = createObservedClient(() => new Response('<html>Bad gateway</html>', { status: 500 }));
    const error = (await wawp.sessions.getMe().catch((e: unknown) => e)) as WawpApiError;
    expect(error).toMatchObject({ status: 500, code: 'unknown_error', body: '<html>Bad gateway</html>' });
  });

  it('image answers come back as a Blob, JSON answers of the same operation as data', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const { wawp } = createObservedClient((request) =>
      request.headers.get('accept') === 'image/png'
        ? new Response(png, { headers: { 'content-type': 'image/png' } })
        : Response.json({ value: '2@abc' }),
    );
    const image = await wawp.authentication.getQrCode({}, { headers: { accept: 'image/png' } });
    expect(image).toBeInstanceOf(Blob);
    expect((image as Blob).type).toBe('image/png');
    expect(new Uint8Array(await (image as Blob).arrayBuffer())).toEqual(png);
    expect(await wawp.authentication.getQrCode({ format: 'raw' })).toEqual({ value: '2@abc' });
  });
});

describe('paginate', () => {
  it('walks limit/offset pages until a short page', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ id: `${i}@c.us` }));
    const { wawp, requests } = createObservedClient((request) => {
      const q = url(request).searchParams;
      const offset = Number(q.get('offset'));
      return Response.json(all.slice(offset, offset + Number(q.get('limit'))));
    });
    const seen: string[] = [];
    for await (const chat of paginate(wawp.chats.list, { limit: 3 })) seen.push(chat.id);
    expect(seen).toEqual(all.map((c) => c.id));
    expect(requests.map((r) => url(r).searchParams.get('offset'))).toEqual(['0', '3', '6']);
  });

  it('stops when a page is longer than asked (a server that ignores paging)', async () => {
    const calls: unknown[] = [];
    const list = async (args: { limit?: number; offset?: number }) => {
      calls.push(args);
      return [1, 2, 3, 4];
    };
    const items: number[] = [];
    for await (const n of paginate(list, { limit: 2 })) items.push(n);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(1);
  });

  it('rejects a bad limit', async () => {
    const list = async (_args: { limit?: number; offset?: number }) => [];
    await expect(paginate(list, { limit: 0 }).next()).rejects.toThrow(/`limit` must be a positive integer/);
  });
});
