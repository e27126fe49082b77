import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, magicPreferences, preferences, startMockServer } from '../src/index.js';

const CREDS = 'instance_id=123456789&access_token=123456789';
const open: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}) {
  const server = await startMockServer({ port: 0, ...options });
  open.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('startMockServer', () => {
  it('listens on a free port with port 0 and reports its URL', async () => {
    const mock = await start();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.operationCount).toBeGreaterThanOrEqual(8);
    const res = await fetch(`${mock.url}/__wawp/health`, { headers: mock.controlHeaders() });
    expect(await res.json()).toEqual({ status: 'ok', operations: mock.operationCount });
  });

  it('runs two instances side by side', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    const answers = await Promise.all([a, b].map((m) => fetch(`${m.url}/session/info?${CREDS}`).then((r) => r.status)));
    expect(answers).toEqual([200, 200]);
  });

  it('frees the port on close', async () => {
    const mock = await start();
    await mock.close();
    await expect(fetch(`${mock.url}/session/info?${CREDS}`)).rejects.toThrow();
    const again = await start({ port: mock.port });
    expect(again.port).toBe(mock.port);
  });

  it('fails clearly when the port is taken', async () => {
    const mock = await start();
    await expect(startMockServer({ port: mock.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('answers', () => {
  it('serves the documented example of GET /session/info', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?${CREDS}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ name: 'newsession', status: 'STARTING' });
  });

  it('answers HEAD like GET, without a body', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?${CREDS}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.text()).toBe('');
  });

  it('also serves paths under the production base path', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/wp-json/awp/v1/session/info?${CREDS}`);
    expect(res.status).toBe(200);
  });

  it('answers 401 in the WordPress shape when credentials are missing', async () => {
    const mock = await start();
    const noToken = await fetch(`${mock.url}/session/info?instance_id=1`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({
      code: 'invalid_access_token',
      message: expect.any(String),
      data: { status: 401 },
    });
    const noInstance = await fetch(`${mock.url}/session/info?access_token=1`);
    expect((await noInstance.json()).code).toBe('invalid_instance');
    const emptyToken = await fetch(`${mock.url}/session/info?instance_id=1&access_token=`);
    expect(emptyToken.status).toBe(401);
    expect((await emptyToken.json()).code).toBe('invalid_access_token');
    const emptyInstance = await fetch(`${mock.url}/session/info?instance_id=&access_token=1`);
    expect(emptyInstance.status).toBe(401);
    expect((await emptyInstance.json()).code).toBe('invalid_instance');
  });

  it('answers 400 naming a missing parameter', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/createSession?access_token=1`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): name',
      data: { status: 400, params: ['name'] },
    });
  });

  it('answers 404 rest_no_route for unknown paths and methods', async () => {
    const mock = await start();
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PUT', '/session/info'],
    ]) {
      const res = await fetch(`${mock.url}${path}?${CREDS}`, { method });
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('rest_no_route');
    }
  });

  it('answers 400 rest_invalid_json for a broken JSON body', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/start?${CREDS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"oops":',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('rest_invalid_json');
  });

  it('returns the documented error response a caller asks for with Prefer', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?${CREDS}`, { headers: { prefer: 'code=429' } });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'quota_reached', data: { status: 429 } });
    const instance = await fetch(`${mock.url}/session/info?${CREDS}`, {
      headers: { prefer: 'code=401, example=invalidInstance' },
    });
    expect(await instance.json()).toMatchObject({ code: 'invalid_instance' });
  });
});

describe('error selection without headers', () => {
  it('takes __wawp_status and __wawp_example from the query and does not validate them', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?${CREDS}&__wawp_status=429`);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'quota_reached', data: { status: 429 } });
    const instance = await fetch(`${mock.url}/session/info?${CREDS}&__wawp_status=401&__wawp_example=invalidInstance`);
    expect(instance.status).toBe(401);
    expect((await instance.json()).code).toBe('invalid_instance');
  });

  it('lets the query override the Prefer header', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?${CREDS}&__wawp_status=500`, { headers: { prefer: 'code=429' } });
    expect(res.status).toBe(500);
  });

  it('rejects an undocumented status and a malformed magic parameter with a 400', async () => {
    const mock = await start();
    const undocumented = await fetch(`${mock.url}/session/info?${CREDS}&__wawp_status=418`);
    expect(undocumented.status).toBe(400);
    expect((await undocumented.json()).code).toBe('mock_response_not_documented');
    const malformed = await fetch(`${mock.url}/session/info?${CREDS}&__wawp_status=teapot`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('mock_invalid_preference');
  });

  it('still validates credentials when an error response is requested', async () => {
    const mock = await start();
    const res = await fetch(`${mock.url}/session/info?__wawp_status=429`);
    expect(res.status).toBe(401);
  });
});

describe('dynamic data', () => {
  const fetchInfo = async (options: Parameters<typeof startMockServer>[0]) => {
    const mock = await start(options);
    const body = await (await fetch(`${mock.url}/session/info?${CREDS}`)).json();
    await mock.close();
    return body;
  };

  it('repeats with the same seed and changes with another seed', async () => {
    const first = await fetchInfo({ dynamic: true, seed: 7 });
    const again = await fetchInfo({ dynamic: true, seed: 7 });
    const other = await fetchInfo({ dynamic: true, seed: 8 });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // Generated from the schema, not the documented example.
    expect(first.name).not.toBe('newsession');
  });

  it('stays random without a seed, even right after a seeded answer in the same process', async () => {
    // Prism's generator is process-wide: without care, an unseeded answer would continue the
    // seeded sequence and come out the same every time it follows a seeded one.
    await fetchInfo({ dynamic: true, seed: 7 });
    const a = await fetchInfo({ dynamic: true });
    await fetchInfo({ dynamic: true, seed: 7 });
    const b = await fetchInfo({ dynamic: true });
    expect(a).not.toEqual(b);
  });
});

describe('preferences', () => {
  it('parses code, example and dynamic, and ignores junk', () => {
    expect(preferences('code=404, example=noRoute, dynamic=true')).toEqual({
      code: 404,
      exampleKey: 'noRoute',
      dynamic: true,
    });
    expect(preferences('code=abc, nonsense')).toEqual({});
    expect(preferences(undefined)).toEqual({});
  });

  it('parses the magic query parameters and refuses unknown ones', () => {
    expect(magicPreferences({ __wawp_status: '404', __wawp_example: 'noRoute', __wawp_dynamic: 'false' })).toEqual({
      code: 404,
      exampleKey: 'noRoute',
      dynamic: false,
    });
    expect(() => magicPreferences({ __wawp_code: '404' })).toThrow(/Unsupported mock parameter __wawp_code=404/);
  });
});

describe('example selection', () => {
  it("serves the operation's first named example, not the response schema's own example", async () => {
    // GroupInviteCode has schema-level examples; revokeGroupInviteCode names its own.
    const mock = await start();
    const res = await fetch(
      `${mock.url}/groups/${encodeURIComponent('120363025246125486@g.us')}/invite-code/revoke?${CREDS}`,
      {
        method: 'POST',
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toBe('https://chat.whatsapp.com/fedcba0987654321');
  });
});
