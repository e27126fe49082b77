// Every operation of the spec, called through the client against the real mock server.
import { type MockServer, startMockServer } from '@wawp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWawpClient, type WawpPathClient } from '../src/index.js';

let mock: MockServer;
let wawp: WawpPathClient;

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  wawp = createWawpClient({ instanceId: '123456789', accessToken: '123456789', baseUrl: mock.url });
});
afterAll(() => mock.close());

describe('Sessions against the mock', () => {
  it('createSession', async () => {
    const { data, error, response } = await wawp.POST('/createSession', {
      params: { query: { name: 'MyNewSession' } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.status).toBe('STARTING');
    expect(data?.config?.metadata?.instance_id).toBe('A1B2C3D4E5F6');
  });

  it.each([
    ['/session/start', 'STARTING'],
    ['/session/stop', 'STOPPED'],
    ['/session/restart', 'STARTING'],
    ['/session/logout', 'STOPPED'],
  ] as const)('POST %s', async (path, status) => {
    const { data, response } = await wawp.POST(path);
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ name: 'default', status });
  });

  it('deleteSession', async () => {
    const { data, response } = await wawp.DELETE('/session/delete');
    expect(response.status).toBe(200);
    expect(data).toEqual({});
  });

  it('getSessionInfo returns the documented example', async () => {
    const { data } = await wawp.GET('/session/info');
    expect(data).toEqual({
      name: 'wawp-84729105',
      status: 'WORKING',
      config: { webhooks: {}, proxy: null },
      me: { id: '201012345678@c.us', pushName: 'John Doe' },
    });
  });

  it('getSessionMe', async () => {
    const { data } = await wawp.GET('/session/me');
    expect(data).toEqual({ id: '201012345678@c.us', pushName: 'John Doe' });
  });
});

describe('errors from the mock', () => {
  it('a request without credentials gets the documented 401 body', async () => {
    const response = await fetch(`${mock.url}/session/info`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'invalid_access_token',
      message: expect.any(String),
      data: { status: 401 },
    });
  });

  it('the client surfaces the 401 as a typed error body', async () => {
    const noInstance = createWawpClient({ accessToken: '123456789', baseUrl: mock.url });
    const { data, error, response } = await noInstance.GET('/session/info');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ code: 'invalid_instance', message: expect.any(String), data: { status: 401 } });
  });

  it('a missing required parameter gets a 400 naming it', async () => {
    // @ts-expect-error `name` is required by createSession
    const { error, response } = await wawp.POST('/createSession', {});
    expect(response.status).toBe(400);
    expect(error).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): name',
      data: { status: 400, params: ['name'] },
    });
  });
});
