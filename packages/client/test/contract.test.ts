// The contract suite: every operation of the bundled spec, called through the operation face
// against the real mock server, with arguments built from the spec's own examples. Each answer
// must have the documented success status and a body valid against its response schema. The
// last test fails when the spec has an operation that this run did not exercise.
import { type MockServer, startMockServer } from '@wawp/mock-server';
import { createSpecAjv, firstExample, resolveRef } from '@wawp/spec/tools';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readOperations } from '../scripts/lib/spec-model.mjs';
import operationsJson from '../src/generated/operations.json' with { type: 'json' };
import { createWawpClient, WawpApiError } from '../src/index.js';
import { createWawp, type Wawp } from '../src/operations.js';
import { openapi } from './load-spec.mjs';

const doc = openapi;
// A real server on a shared machine: generous limits, so a slow run is never a failed run.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
const DOC_ID = 'urn:wawp:openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const CREDENTIALS = { instanceId: '123456789', accessToken: '123456789' };

// The spec's operations, listed straight from the document (not through the generator).
const specOperationIds: string[] = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>)
  .flatMap((item) => HTTP_METHODS.filter((m) => item[m]).map((m) => item[m]!.operationId ?? `(no id) ${m}`))
  .sort();
const model = new Map(readOperations(doc).map((o: any) => [o.operationId as string, o]));
const faceOf = new Map(operationsJson.map((o) => [o.operationId, o]));

const ajv = createSpecAjv(doc, DOC_ID);

const esc = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const exampleOf = (holder: any) => firstExample(doc, holder);

/** The flat arguments of one operation, from the examples of its parameters and body. */
function argumentsFor(op: any): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const p of [...op.pathParams, ...op.queryParams, ...op.headerParams]) {
    const ex = exampleOf(p);
    if (ex) args[p.name] = ex.value;
    else if (p.required) throw new Error(`${op.operationId}: required parameter ${p.name} has no example`);
  }
  if (op.body) {
    const ex = exampleOf(op.body.content?.[op.bodyType]);
    if (!ex && op.body.required) throw new Error(`${op.operationId}: the request body has no example`);
    if (ex && op.bodyMode === 'flat') Object.assign(args, ex.value);
    else if (ex) args.body = ex.value;
  }
  return args;
}

/** The documented success answer the mock gives by default: the lowest 2xx. */
function successOf(op: any): { status: number; json?: { schema: any; pointer: string }; types: string[] } {
  const [status, raw] = Object.entries(op.op.responses as Record<string, unknown>)
    .filter(([code]) => /^2\d\d$/.test(code))
    .sort(([a], [b]) => Number(a) - Number(b))[0]!;
  const { node: response, pointer: base } = resolveRef(
    doc,
    raw,
    `#/paths/${esc(op.path)}/${op.httpMethod.toLowerCase()}/responses/${status}`,
  );
  const types = Object.keys(response.content ?? {});
  const jsonType = types.find((t) => /json/i.test(t));
  if (!jsonType) return { status: Number(status), types };
  const schema = response.content[jsonType].schema;
  const { pointer } = resolveRef(doc, schema, `${base}/content/${esc(jsonType)}/schema`);
  return { status: Number(status), json: { schema, pointer }, types };
}

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
    const op = model.get(operationId);
    const face = faceOf.get(operationId);
    expect(op, `${operationId} is missing from the model`).toBeDefined();
    expect(face, `${operationId} has no generated method: run scripts/generate.mjs`).toBeDefined();
    const call = (wawp as any)[face!.group][face!.method] as (args: unknown) => Promise<unknown>;
    const expected = successOf(op);

    seen.response = undefined;
    const data = await call(argumentsFor(op)).catch((error: unknown) => {
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
  const imageOps = [...model.values()].filter((o: any) =>
    Object.entries(o.op.responses).some(
      ([code, r]) =>
        /^2/.test(code) && Object.keys(resolveRef(doc, r).node?.content ?? {}).some((t) => t.startsWith('image/')),
    ),
  );

  it.each(imageOps.map((o: any) => [o.operationId, o]))(
    '%s answers a Blob when asked for the image',
    async (_id, op: any) => {
      const face = faceOf.get(op.operationId)!;
      const call = (wawp as any)[face.group][face.method] as (args: unknown, options: unknown) => Promise<unknown>;
      const data = await call(argumentsFor(op), { headers: { accept: 'image/png' } });
      expect(data).toBeInstanceOf(Blob);
      expect((data as Blob).type).toMatch(/^image\//);
    },
  );
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
