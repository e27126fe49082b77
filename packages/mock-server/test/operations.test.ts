// Every operation of the bundled spec, called with a request built from its own examples,
// answers 2xx with a body that validates against the documented response schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { buildRequest, createResponseValidator, listOperations, loadOpenApi } from './support/openapi.js';

const doc = loadOpenApi();
const operations = listOperations(doc);
const check = createResponseValidator(doc);

describe.each([
  { mode: 'static examples', options: {} },
  { mode: 'dynamic data (seeded)', options: { dynamic: true, seed: 42 } },
])('every operation of the bundle, $mode', ({ options }) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, ...options });
  });
  afterAll(() => mock.close());

  it('serves every operation of the bundle', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(mock.versions.v1.operationCount).toBe(operations.length);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path} (${o.id})`, o] as const))('%s', async (_name, operation) => {
    const { url, init } = buildRequest(doc, operation, mock.url);
    const res = await fetch(url, init);
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(200);
    expect(res.status, text).toBeLessThan(300);
    expect(check(operation, res.status, res.headers.get('content-type'), text).problem).toBeUndefined();
  });
});

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
