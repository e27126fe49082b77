// Placement parity: every parameter, credentials included, may travel in the query string, a
// JSON body or a form body, and the same call gets the same answer in each (issue 10).
// Matrix: every operation of v1 and of v2 (served under /v2) × {valid, missing credential,
// bad parameter} × {query, json, form}; for v2 also the valid call with its token in an
// `access-token` header and as `Authorization: Bearer` instead, in each placement (issue 16).
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exchange, type MockServer, placementRuleOf, startMockServer, WORDPRESS_RULE } from '../src/index.js';
import { mergeSources } from '../src/placement/merge.js';
import { listOperations, loadOpenApi } from './support/openapi.js';
import { type Call, inPlacement, PLACEMENTS, validCall } from './support/placements.js';

const doc = loadOpenApi();
const operations = listOperations(doc);
const v2Doc = loadOpenApi('@wawp/spec/openapi-v2.json');
const exchanges: Exchange[] = [];
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, observe: (e) => exchanges.push(e) });
});
afterAll(() => mock.close());

/** How a version is reached on the mock, and the headers that carry its token, if any. */
interface Reach {
  mount: string;
  headers?: Record<string, string>;
}

function answer(
  call: Pick<Call, 'method' | 'path' | 'params'>,
  placement: (typeof PLACEMENTS)[number],
  reach: Reach = { mount: '' },
) {
  const { url, init } = inPlacement(call, placement, `${mock.url}${reach.mount}`);
  const headers = { ...init.headers, ...reach.headers };
  return send(init.method as string, url.slice(mock.url.length), headers, init.body as string | undefined);
}

/** Sends with node:http, which (unlike fetch) lets a GET carry a body, as real clients do. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = httpRequest(`${mock.url}${path}`, { method, headers: { ...headers, ...length } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The three placements' answers to one call, which must all equal the first. */
async function sameInEveryPlacement(call: Pick<Call, 'method' | 'path' | 'params'>, what: string, reach?: Reach) {
  const [first, ...others] = await Promise.all(PLACEMENTS.map((p) => answer(call, p, reach)));
  others.forEach((other, i) => {
    expect(other, `${what}: ${PLACEMENTS[i + 1]} differs from query`).toEqual(first);
  });
  return first as { status: number; body: any };
}

const TOKEN_HEADERS = {
  header: (token: string) => ({ 'access-token': token }),
  bearer: (token: string) => ({ authorization: `Bearer ${token}` }),
};

describe.each([
  { version: 'v1', doc, operations, mount: '' },
  { version: 'v2', doc: v2Doc, operations: listOperations(v2Doc), mount: '/v2' },
])('placement matrix, $version', ({ version, doc, operations, mount }) => {
  let cells = 0;
  let broken = 0;
  const unbreakable: string[] = [];
  const tokenHeaders = version === 'v2' ? Object.entries(TOKEN_HEADERS) : [];
  afterAll(() => {
    const credentials =
      tokenHeaders.length > 0 ? `, the token also in ${tokenHeaders.map(([k]) => k).join(' and ')}` : '';
    console.log(
      `placement matrix ${version}: ${operations.length} operations, ${cells} calls × ${PLACEMENTS.length} placements = ${cells * PLACEMENTS.length} requests${credentials} (${broken} operations with a bad-parameter case; none to break in ${unbreakable.join(', ')})`,
    );
  });

  it.each(operations.map((o) => [o.id, o] as const))(
    '%s answers the same in the query string, a JSON body and a form body',
    async (_, operation) => {
      const call = validCall(doc, operation);
      const reach = { mount };

      const valid = await sameInEveryPlacement(call, 'valid call', reach);
      expect(valid.status, JSON.stringify(valid.body)).toBeLessThan(300);
      cells++;

      const { access_token: token, ...withoutToken } = call.params;
      const unauthenticated = await sameInEveryPlacement(
        { ...call, params: withoutToken },
        'missing credential',
        reach,
      );
      expect(unauthenticated).toEqual({
        status: 401,
        body: { code: 'invalid_access_token', message: expect.any(String), data: { status: 401 } },
      });
      cells++;

      // The token in a header instead: the same answer as the valid call, in every placement.
      for (const [how, headers] of tokenHeaders) {
        const moved = await sameInEveryPlacement({ ...call, params: withoutToken }, `token in ${how}`, {
          mount,
          headers: headers(String(token)),
        });
        expect(moved, `token in ${how}`).toEqual(valid);
        cells++;
      }

      const [missing] = call.required;
      const [breakName, breakValue] = Object.entries(call.breakable)[0] ?? [];
      if (missing !== undefined) {
        const { [missing]: _gone, ...rest } = call.params;
        const bad = await sameInEveryPlacement({ ...call, params: rest }, `without ${missing}`, reach);
        expect(bad.status).toBe(400);
        // A missing top-level parameter, or (for an object parameter) one of its members.
        expect(JSON.stringify(bad.body.data.params)).toContain(missing);
        cells++;
        broken++;
      } else if (breakName !== undefined) {
        const bad = await sameInEveryPlacement(
          { ...call, params: { ...call.params, [breakName]: breakValue } },
          `bad ${breakName}`,
          reach,
        );
        expect(bad).toMatchObject({
          status: 400,
          body: { code: 'rest_invalid_param', data: { params: { [breakName]: expect.any(String) } } },
        });
        cells++;
        broken++;
      } else {
        // Nothing to break: only credentials, or free-text parameters that accept any value.
        unbreakable.push(operation.id);
      }
    },
  );

  it('covers every operation, and most of them with a bad parameter', () => {
    expect(cells).toBeGreaterThanOrEqual(operations.length * (2 + tokenHeaders.length));
    expect(broken).toBeGreaterThan(operations.length / 2);
  });
});

describe("WordPress's precedence: JSON body, then form body, then query string, then path", () => {
  // getChatMessages: chatId in the path, limit (1…1000) in the query string.
  const chat = encodeURIComponent('201012345678@c.us');
  const path = `/chats/${chat}/messages`;
  const creds = 'instance_id=1&access_token=1';
  const observed = () => exchanges.at(-1)?.params ?? {};
  const get = (query: string, type?: string, body?: string) =>
    send('GET', `${path}?${creds}${query ? `&${query}` : ''}`, type ? { 'content-type': type } : {}, body);

  it('takes a JSON body over the query string', async () => {
    expect((await get('limit=0', 'application/json', '{"limit":5}')).status).toBe(200);
    expect(observed().limit).toBe(5);
    const bad = await get('limit=5', 'application/json', '{"limit":0}');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { limit: expect.any(String) } } });
    // Credentials too: the body's empty token wins over the query's.
    expect((await get('', 'application/json', '{"access_token":""}')).status).toBe(401);
  });

  it('takes a form body over the query string', async () => {
    const form = 'application/x-www-form-urlencoded';
    expect((await get('limit=0', form, 'limit=5')).status).toBe(200);
    expect(observed().limit).toBe('5');
    const bad = await get('limit=5', form, 'limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ data: { params: { limit: expect.any(String) } } });
  });

  it('takes the query string over the path, and keeps the path when nothing overrides it', async () => {
    expect((await get(`chatId=${encodeURIComponent('999@c.us')}`)).status).toBe(200);
    expect(observed().chatId).toBe('999@c.us');
    await get('');
    expect(observed().chatId).toBe('201012345678@c.us');
  });

  it('takes a JSON body over a form body (merge order, one request cannot carry both)', () => {
    const merged = mergeSources(
      {
        json: { a: 'json' },
        form: { a: 'form', b: 'form' },
        query: { a: 'query', b: 'query', c: 'query' },
        path: { a: 'path', d: 'path' },
      },
      WORDPRESS_RULE,
    );
    expect(merged.params).toEqual({ a: 'json', b: 'form', c: 'query', d: 'path' });
    expect(merged.from).toEqual({ a: 'json', b: 'form', c: 'query', d: 'path' });
  });

  it('treats a JSON null as not sent, as PHP isset does', async () => {
    expect((await get('', 'application/json', '{"access_token":null,"limit":null}')).status).toBe(200);
    expect(observed().access_token).toBe('1');
  });

  it('still answers a malformed JSON body 400 rest_invalid_json, before credentials', async () => {
    for (const body of ['{', '{"a":', `{"a":${'['.repeat(600)}${']'.repeat(600)}}`, '\u00ff']) {
      const res = await send('POST', '/chats/overview', { 'content-type': 'application/json' }, body);
      expect(res.status, body.slice(0, 10)).toBe(400);
      expect((res.body as { code: string }).code).toBe('rest_invalid_json');
    }
  });
});

describe('arrays the PHP way', () => {
  // searchChannels takes lists (countries, categories) in the query string.
  const creds = 'instance_id=1&access_token=1';
  const observed = () => exchanges.at(-1)?.params ?? {};

  it('reads name[]=a&name[]=b as a list, and a repeated plain key as its last value', async () => {
    const list = await send('GET', `/channels/search?${creds}&countries[]=US&countries[]=DE`);
    expect(list.status).toBe(200);
    expect(observed().countries).toEqual(['US', 'DE']);
    const repeated = await send('GET', `/channels/search?${creds}&countries=US&countries=DE`);
    expect(repeated.status).toBe(200);
    expect(observed().countries).toBe('DE');
  });
});

describe('the placement rule comes from the spec', () => {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/validation.openapi.json', import.meta.url), 'utf8'));
  const good =
    'chatId=1%40c.us&file[url]=https%3A%2F%2Fx.y%2Fa.pdf&file[filename]=a.pdf&file[mimetype]=application%2Fpdf';

  it('reads x-wawp-parameter-placement: a document that accepts only the query string ignores bodies', async () => {
    const queryOnly = await startMockServer({
      port: 0,
      spec: { ...fixture, 'x-wawp-parameter-placement': { accepted: ['query'], precedence: ['query', 'path'] } },
    });
    const wordpress = await startMockServer({ port: 0, spec: fixture });
    try {
      for (const [server, expected] of [
        [queryOnly, 401],
        [wordpress, 200],
      ] as const) {
        const res = await fetch(`${server.url}/sendFile?${good}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'instance_id=1&access_token=1',
        });
        expect(res.status).toBe(expected);
      }
    } finally {
      await Promise.all([queryOnly.close(), wordpress.close()]);
    }
  });

  it('refuses a malformed extension at start, naming it', async () => {
    for (const bad of [[], 'json', { accepted: ['xml'] }, { precedence: 'json' }]) {
      await expect(
        startMockServer({ port: 0, spec: { ...fixture, 'x-wawp-parameter-placement': bad } }),
      ).rejects.toThrow(/x-wawp-parameter-placement/);
    }
    expect(placementRuleOf({})).toEqual(WORDPRESS_RULE);
    expect(placementRuleOf({ 'x-wawp-parameter-placement': { placements: [{ in: 'json' }, 'query'] } })).toEqual({
      accepted: ['json', 'query'],
      precedence: WORDPRESS_RULE.precedence,
    });
  });
});

describe('v2: the methods an operation also accepts (x-wawp-also-accepts)', () => {
  const v2Operations = listOperations(v2Doc);
  const alsoAccepting = v2Operations.flatMap((o) =>
    ((o.op['x-wawp-also-accepts'] ?? []) as string[]).map(
      (method) => [`${method} for ${o.method} ${o.id}`, o, method] as const,
    ),
  );

  it('the v2 description has such operations', () => {
    expect(alsoAccepting.length).toBeGreaterThan(10);
  });

  it.each(alsoAccepting)('%s: the same answer, every parameter in the query string', async (_, operation, method) => {
    const call = validCall(v2Doc, operation);
    const documented = await answer(call, 'query', { mount: '/v2' });
    const other = await answer({ ...call, method }, 'query', { mount: '/v2' });
    expect(documented.status).toBeLessThan(300);
    expect(other).toEqual(documented);
    expect(exchanges.at(-1)).toMatchObject({ api: 'v2', operationId: operation.id, method, path: `/v2${call.path}` });
  });

  it('a method neither documented nor also accepted is still no route', async () => {
    const strict = v2Operations.find(
      (o) => o.method === 'POST' && !o.op['x-wawp-also-accepts'] && !o.path.includes('{'),
    );
    expect(strict).toBeDefined();
    const call = validCall(v2Doc, strict!);
    const res = await answer({ ...call, method: 'PUT' }, 'query', { mount: '/v2' });
    expect(res).toMatchObject({ status: 404, body: { code: 'rest_no_route' } });
  });
});
