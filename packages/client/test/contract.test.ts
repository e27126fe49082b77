// The contract suite: every operation of the bundled spec, called through the operation face
// against the real mock server, with arguments built from the spec's own examples. Each answer
// must have the documented success status and a body valid against its response schema. The
// last test fails when the spec has an operation that this run did not exercise.
import { type MockServer, startMockServer } from '@wawp/mock-server';
import {
  createSpecAjv,
  joinPointer,
  listOperations,
  type OperationModel,
  readOperations,
  resolveRef,
} from '@wawp/spec/tools';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import operationsJson from '../src/generated/operations.json' with { type: 'json' };
import { createWawpClient, WawpApiError } from '../src/index.js';
import { createWawp, type Wawp } from '../src/operations.js';
import { openapi } from './support/spec-bundle.mjs';

const doc = openapi;
// A real server on a shared machine: generous limits, so a slow run is never a failed run.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
const DOC_ID = 'urn:wawp:openapi';
const CREDENTIALS = { instanceId: '123456789', accessToken: '123456789' };

// The spec's operations, listed straight from the document (not through the model).
const specOperationIds: string[] = listOperations(doc)
  .map(({ operation, method }) => operation.operationId ?? `(no id) ${method}`)
  .sort();
const model = new Map(readOperations(doc).map((o) => [o.id, o]));
// What the generator shipped: the same model, so the suite also proves operations.json is current.
const shipped = new Map((operationsJson as OperationModel[]).map((o) => [o.id, o]));

const ajv = createSpecAjv(doc, DOC_ID);

/** The documented success answer the mock gives by default: the lowest 2xx. */
function successOf(op: OperationModel): { status: number; json?: { pointer: string }; types: string[] } {
  const operation = resolveRef(doc, { $ref: op.pointer }).node;
  const [status, raw] = Object.entries(operation.responses as Record<string, unknown>)
    .filter(([code]) => /^2\d\d$/.test(code))
    .sort(([a], [b]) => Number(a) - Number(b))[0]!;
  const { node: response, pointer: base } = resolveRef(doc, raw, joinPointer(op.pointer, 'responses', status));
  const types = Object.keys(response.content ?? {});
  const jsonType = types.find((t) => /json/i.test(t));
  if (!jsonType) return { status: Number(status), types };
  const { pointer } = resolveRef(
    doc,
    response.content[jsonType].schema,
    joinPointer(base, 'content', jsonType, 'schema'),
  );
  return { status: Number(status), json: { pointer }, types };
}

/** The bound method of the operation face, by the model's pinned name. */
const methodOf = (op: OperationModel) =>
  (wawp as any)[op.group][op.name] as (args: unknown, options?: unknown) => Promise<unknown>;

let mock: MockServer;
let wawp: Wawp;
const seen: { response?: Response } = {};
/** Status of the last answer the mock gave (read through a function: TS cannot see the fetch write it). */
const lastStatus = () => seen.response?.status;
const exercised = new Set<string>();

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  wawp = createWawp({
    ...CREDENTIALS,
    baseUrl: mock.url,
    retry: false,
    fetch: async (request, init) => {
      seen.response = await fetch(request, init);
      return seen.response;
    },
  });
});
afterAll(() => mock?.close());

describe('every operation of the spec, through the operation face, against the mock', () => {
  it('the spec has operations, each with a unique operationId', () => {
    expect(specOperationIds.length).toBeGreaterThan(0);
    expect(new Set(specOperationIds).size).toBe(specOperationIds.length);
  });

  it.each(specOperationIds)('%s', async (operationId) => {
    const op = model.get(operationId)!;
    expect(op, `${operationId} is missing from the model`).toBeDefined();
    expect(shipped.get(operationId), `operations.json is stale for ${operationId}: run scripts/generate.mjs`).toEqual(
      op,
    );
    const expected = successOf(op);

    seen.response = undefined;
    const data = await methodOf(op)(op.exampleArgs).catch((error: unknown) => {
      throw error instanceof WawpApiError ? new Error(`${error.message} ${JSON.stringify(error.body)}`) : error;
    });
    expect(lastStatus(), `${operationId} status`).toBe(expected.status);
    if (expected.json) {
      const validate = ajv.getSchema(`${DOC_ID}${expected.json.pointer}`);
      expect(validate, `no schema at ${expected.json.pointer}`).toBeDefined();
      const ok = validate!(data);
      expect(ok ? [] : validate!.errors, `${operationId} answer does not match its schema`).toEqual([]);
    } else if (expected.types.some((t) => t.startsWith('image/'))) {
      expect(data).toBeInstanceOf(Blob);
    }
    exercised.add(operationId);
  });

  it('exercised exactly the operations of the spec', () => {
    expect([...exercised].sort()).toEqual(specOperationIds);
  });
});

describe('image answers through the mock', () => {
  const imageOps = [...model.values()].filter((o) => successOf(o).types.some((t) => t.startsWith('image/')));

  it.each(imageOps.map((o) => [o.id, o] as const))('%s answers a Blob when asked for the image', async (_id, op) => {
    const data = await methodOf(op)(op.exampleArgs, { headers: { accept: 'image/png' } });
    expect(data).toBeInstanceOf(Blob);
    expect((data as Blob).type).toMatch(/^image\//);
  });
});

describe('errors from the mock', () => {
  it('a request without an instance gets the vendor code as a WawpApiError', async () => {
    const noInstance = createWawp({ accessToken: '123456789', baseUrl: mock.url, retry: false });
    const error = (await noInstance.sessions.getInfo().catch((e: unknown) => e)) as WawpApiError;
    expect(error).toBeInstanceOf(WawpApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_instance', method: 'GET', path: '/session/info' });
  });

  it('a missing required parameter gets a 400 naming it, on both faces', async () => {
    const client = createWawpClient({ ...CREDENTIALS, baseUrl: mock.url, retry: false });
    // @ts-expect-error `name` is required by createSession
    const { error, response } = await client.POST('/createSession', {});
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ code: 'rest_missing_callback_param', data: { status: 400, params: ['name'] } });

    const thrown = (await createWawp(client)
      .sessions.create({} as never)
      .catch((e: unknown) => e)) as WawpApiError;
    expect(thrown).toMatchObject({ status: 400, code: 'rest_missing_callback_param' });
  });
});
