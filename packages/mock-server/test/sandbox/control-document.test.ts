// The control plane's reference (control.openapi.yaml) against what the server does: the same
// endpoints, and real answers that validate against the documented schemas.
import { readFileSync } from 'node:fs';
import { createSpecAjv, joinPointer, listOperations, resolveRef } from '@wawp/spec/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MOCK_ROUTES } from '../../src/control/routes.js';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { SANDBOX_ROUTES } from '../../src/sandbox/control.js';

const document = parse(readFileSync(new URL('../../control.openapi.yaml', import.meta.url), 'utf8'));
const operations = listOperations(document);
const documented = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
const ajv = createSpecAjv(document, 'control');

/** Checks one answer against the documented response (following a `$ref`ed response). */
function expectDocumented(route: string, status: number, body: unknown) {
  const found = operations.find(({ method, path }) => `${method.toUpperCase()} ${path}` === route);
  expect(found, `${route} is documented`).toBeDefined();
  const { operation, pointer } = found!;
  const responses = operation.responses as Record<string, unknown>;
  expect(Object.keys(responses), `${route} documents ${status}`).toContain(String(status));
  const response = resolveRef(document, responses[String(status)], joinPointer(pointer, 'responses', String(status)));
  const validate = ajv.getSchema(`control${joinPointer(response.pointer, 'content', 'application/json', 'schema')}`);
  expect(validate, `${route} ${status} has a JSON schema`).toBeDefined();
  expect(validate!(body), `${route} ${status}: ${ajv.errorsText(validate!.errors)}`).toBe(true);
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual', seed: 1 });
});
afterAll(() => sandbox?.close());

async function control(route: string, body?: unknown, query = '') {
  const [method, path] = route.split(' ') as [string, string];
  const res = await fetch(`${sandbox.url}/__wawp${path}${query}`, {
    method,
    headers: { 'x-wawp-control-token': sandbox.controlToken, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

describe('control.openapi.yaml', () => {
  it('documents exactly the endpoints the mock and the sandbox serve', () => {
    expect(new Set(documented)).toEqual(new Set([...MOCK_ROUTES, ...SANDBOX_ROUTES]));
  });

  it.each([
    ['GET /health'],
    ['GET /webhooks/events'],
    ['GET /requests'],
    ['GET /deliveries'],
    ['GET /clock'],
    ['GET /faults'],
    ['GET /state'],
  ])('%s answers as documented', async (route) => {
    const { status, body } = await control(route);
    expectDocumented(route, status, body);
  });

  it('documents the answers of calls that change things, and their refusals', async () => {
    const calls: [string, unknown, string?][] = [
      ['POST /inbound', { type: 'text', from: '447700900123@c.us', body: 'hello' }],
      ['POST /inbound', { type: 'no-such-type' }],
      ['POST /faults', { operationId: 'sendText', status: 429, retryAfter: 2, times: 1 }],
      ['POST /faults', { rateLimit: { limit: 5, windowMs: 1000 } }],
      ['POST /faults', { webhooks: { duplicate: 1 }, event: 'message.ack' }],
      ['POST /faults', { status: 'soon' }],
      ['POST /clock/advance', { ms: 1000 }],
      ['POST /clock/advance', { ms: -1 }],
      ['GET /requests', undefined, '?operationId=sendText'],
      ['DELETE /requests', undefined],
      ['DELETE /faults', undefined],
      ['POST /reset', undefined],
    ];
    for (const [route, body, query] of calls) {
      const answer = await control(route, body, query);
      expect(answer.status, `${route} ${JSON.stringify(body)}`).toBeLessThan(500);
      expectDocumented(route, answer.status, answer.body);
    }
    const refused = await fetch(`${sandbox.url}/__wawp/state`);
    expectDocumented('GET /state', refused.status, await refused.json());
  });
});
