// Every operation of both bundled descriptions (v1 at the root, v2 under /v2), called with a
// request built from its own examples, answers 2xx with a body that validates against the
// documented response schema: the documented example, or (v2, where there is none) an answer
// generated from the schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { buildRequest, createResponseValidator, listOperations, loadOpenApi } from './support/openapi.js';

const doc = loadOpenApi();
const operations = listOperations(doc);
const check = createResponseValidator(doc);
const v2Doc = loadOpenApi('@wawp/spec/openapi-v2.json');
const v2Operations = listOperations(v2Doc);
const checkV2 = createResponseValidator(v2Doc);

const versions = [
  { version: 'v1' as const, doc, operations, check, basePath: '' },
  { version: 'v2' as const, doc: v2Doc, operations: v2Operations, check: checkV2, basePath: '/v2' },
];
const modes = [
  { mode: 'static examples', options: {} },
  { mode: 'dynamic data (seeded)', options: { dynamic: true, seed: 42 } },
];

describe.each(modes.flatMap((m) => versions.map((v) => ({ ...m, ...v }))))(
  'every $version operation of the bundle, $mode',
  ({ options, version, doc, operations, check, basePath }) => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMockServer({ port: 0, ...options });
    });
    afterAll(() => mock.close());

    it('serves every operation of the bundle, under its base path', () => {
      expect(operations.length).toBeGreaterThan(0);
      expect(mock.versions[version]).toEqual({ basePath, operationCount: operations.length });
      expect(mock.operationCount).toBe(versions.reduce((n, v) => n + v.operations.length, 0));
    });

    it.each(operations.map((o) => [`${o.method} ${o.path} (${o.id})`, o] as const))('%s', async (_name, operation) => {
      const { url, init } = buildRequest(doc, operation, `${mock.url}${basePath}`);
      const res = await fetch(url, init);
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(200);
      expect(res.status, text).toBeLessThan(300);
      expect(check(operation, res.status, res.headers.get('content-type'), text).problem).toBeUndefined();
    });
  },
);

describe('the response check itself', () => {
  const sessionInfo = operations.find((o) => o.method === 'GET' && o.path === '/session/info');

  it('rejects answers that break the spec', () => {
    expect(sessionInfo).toBeDefined();
    const op = sessionInfo as (typeof operations)[number];
    expect(check(op, 200, 'application/json', '{"name":1}').problem).toMatch(/body/);
    expect(check(op, 200, 'text/plain', 'hello').problem).toMatch(/content-type text\/plain is not documented/);
    expect(check(op, 418, 'application/json', '{}').problem).toMatch(/status 418 is not documented/);
  });
});

describe('serving v2 or not', () => {
  it('v2: false serves v1 only; /v2 is then no route', async () => {
    const mock = await startMockServer({ port: 0, v2: false });
    try {
      expect(mock.versions.v2).toBeUndefined();
      expect(mock.operationCount).toBe(operations.length);
      const res = await fetch(`${mock.url}/v2/session/info?instance_id=1&access_token=1`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'rest_no_route' });
    } finally {
      await mock.close();
    }
  });

  it('a generated v2 answer repeats from call to call and from server to server', async () => {
    const bodies: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const mock = await startMockServer({ port: 0 });
      try {
        for (let j = 0; j < 2; j++) {
          const res = await fetch(`${mock.url}/v2/chats?instance_id=1&access_token=1`);
          expect(res.status).toBe(200);
          bodies.push(await res.json());
        }
      } finally {
        await mock.close();
      }
    }
    expect(bodies[0]).toBeDefined();
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });
});
