// 400 bodies for bad parameters, against a small fixture document whose operations document
// no 400 response, so the mock (not the spec's examples) must build every error body.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/validation.openapi.json', import.meta.url));
const CREDS = 'instance_id=1&access_token=1';
const GOOD_FILE = 'file[url]=https%3A%2F%2Fexample.com%2Fa.pdf&file[filename]=a.pdf&file[mimetype]=application%2Fpdf';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, spec: FIXTURE });
});
afterAll(() => mock.close());

async function post(query: string) {
  const res = await fetch(`${mock.url}/sendFile?${CREDS}&${query}`, { method: 'POST' });
  return { status: res.status, body: await res.json() };
}

async function putJson(body: string) {
  const res = await fetch(`${mock.url}/profile/status?${CREDS}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('400 rest_invalid_param', () => {
  it('accepts a valid request', async () => {
    expect(await post(`chatId=1%40c.us&${GOOD_FILE}&limit=5&mode=safe`)).toEqual({ status: 200, body: { sent: true } });
  });

  it('names every bad parameter: pattern, deepObject members, type and enum', async () => {
    const { status, body } = await post(
      'chatId=abc&file[url]=not%20a%20url&file[filename]=a&file[mimetype]=bad&limit=x&mode=slow',
    );
    expect(status).toBe(400);
    expect(body.code).toBe('rest_invalid_param');
    expect(body.data.status).toBe(400);
    // The spec's spelling (chatId), not Prism's lower-cased one.
    expect(Object.keys(body.data.params).sort()).toEqual(['chatId', 'file[mimetype]', 'file[url]', 'limit', 'mode']);
    expect(body.message).toBe(`Invalid parameter(s): ${Object.keys(body.data.params).join(', ')}`);
    expect(body.data.params.limit).toBe('limit must be integer.');
    expect(body.data.params.mode).toMatch(/^mode must be equal to one of the allowed values: fast, safe/);
    expect(body.data.params['file[url]']).toMatch(/^file\[url\] must match format "uri"/);
  });

  it('reports a range violation', async () => {
    const { body } = await post(`chatId=1%40c.us&${GOOD_FILE}&limit=0`);
    expect(body).toEqual({
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): limit',
      data: { status: 400, params: { limit: 'limit must be >= 1.' } },
    });
  });

  it('rejects empty values and numbers only JavaScript would coerce, which Prism lets through', async () => {
    for (const [query, name, problem] of [
      ['limit=', 'limit', 'limit must be integer.'],
      ['limit=0x10', 'limit', 'limit must be integer.'],
      ['limit=1e1', 'limit', 'limit must be integer.'],
      ['mode=', 'mode', 'mode must be equal to one of the allowed values: fast, safe.'],
    ] as const) {
      const { status, body } = await post(`chatId=1%40c.us&${GOOD_FILE}&${query}`);
      expect(status, query).toBe(400);
      expect(body, query).toEqual({
        code: 'rest_invalid_param',
        message: `Invalid parameter(s): ${name}`,
        data: { status: 400, params: { [name]: problem } },
      });
    }
  });

  it('names a missing member of a deepObject parameter as file[member]', async () => {
    const { status, body } = await post('chatId=1%40c.us&file[url]=https%3A%2F%2Fx.y%2Fz');
    expect(status).toBe(400);
    expect(body.code).toBe('rest_invalid_param');
    expect(body.data.params).toEqual({
      'file[filename]': 'file[filename] is required.',
      'file[mimetype]': 'file[mimetype] is required.',
    });
  });

  it('reports missing top-level parameters as rest_missing_callback_param', async () => {
    const { status, body } = await post('limit=5');
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): chatId, file',
      data: { status: 400, params: ['chatId', 'file'] },
    });
  });

  it('reports an absent deepObject parameter, which Prism alone would let through', async () => {
    expect(await post('chatId=1%40c.us')).toEqual({
      status: 400,
      body: {
        code: 'rest_missing_callback_param',
        message: 'Missing parameter(s): file',
        data: { status: 400, params: ['file'] },
      },
    });
  });

  it('names bad JSON body fields', async () => {
    const { status, body } = await putJson('{"status":"far too long for ten","count":"x"}');
    expect(status).toBe(400);
    expect(body.code).toBe('rest_invalid_param');
    expect(body.data.params).toEqual({
      status: 'status must NOT have more than 10 characters.',
      count: 'count must be integer.',
    });
  });

  it('reports a missing body field and a missing body as missing parameters', async () => {
    expect((await putJson('{}')).body).toEqual({
      code: 'rest_missing_callback_param',
      message: 'Missing parameter(s): status',
      data: { status: 400, params: ['status'] },
    });
    const res = await fetch(`${mock.url}/profile/status?${CREDS}`, { method: 'PUT' });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('rest_missing_callback_param');
  });

  it('checks credentials before parameters, even without a documented 401', async () => {
    const res = await fetch(`${mock.url}/sendFile?chatId=abc`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      code: 'invalid_access_token',
      message: expect.any(String),
      data: { status: 401 },
    });
  });
});
