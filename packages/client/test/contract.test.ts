// The contract suite: every operation of both bundled descriptions (v1, and v2 with each way
// its token may travel: query, `access-token` header, Bearer), called through the operation
// face against the real mock server (which serves v2 under /v2), with arguments built from
// the spec's own examples. Each answer must have the documented success status and a body
// valid against its response schema. The last test of each run fails when the description
// has an operation that this run did not exercise.
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
import v2OperationsJson from '../src/generated/v2/operations.json' with { type: 'json' };
import { createWawpClient, WawpApiError, type WawpClientOptions } from '../src/index.js';
import { createWawp } from '../src/operations.js';
import { type CredentialPlacement, createWawpV2 } from '../src/v2.js';
import { openapi, openapiV2 } from './support/spec-bundle.mjs';

// A real server on a shared machine: generous limits, so a slow run is never a failed run.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
const CREDENTIALS = { instanceId: '123456789', accessToken: '123456789' };

/** One run of the suite: a description, the face that speaks it, and where the token travels. */
interface Run {
  name: string;
  doc: any;
  docId: string;
  /** Where the mock serves this version. */
  mount: string;
  /** What the generator shipped for it. */
  shipped: unknown;
  credentials: CredentialPlacement;
  face(options: WawpClientOptions): Record<string, unknown>;
}

const v1Run: Run = {
  name: 'v1',
  doc: openapi,
  docId: 'urn:wawp:openapi',
  mount: '',
  shipped: operationsJson,
  credentials: 'query',
  face: (options) => createWawp(options),
};
const runs: Run[] = [
  v1Run,
  ...(['query', 'header', 'bearer'] as const).map(
    (credentials): Run => ({
      name: `v2, token in ${credentials}`,
      doc: openapiV2,
      docId: 'urn:wawp:openapi-v2',
      mount: '/v2',
      shipped: v2OperationsJson,
      credentials,
      face: (options) => createWawpV2({ ...options, credentials }),
    }),
  ),
];

/** The documented success answer the mock gives by default: the lowest 2xx. */
function successOf(doc: any, op: OperationModel): { status: number; json?: { pointer: string }; types: string[] } {
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

/** The bound method of an operation face, by the model's pinned name. */
const methodOf = (face: Record<string, unknown>, op: OperationModel) =>
  (face as any)[op.group][op.name] as (args: unknown, options?: unknown) => Promise<unknown>;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock?.close());

const counts: string[] = [];
afterAll(() => console.log(`contract suite: ${counts.join('; ')}`));

describe.each(runs)('every operation of $name, through the operation face, against the mock', (run) => {
  // The description's operations, listed straight from the document (not through the model).
  const specOperationIds: string[] = listOperations(run.doc)
    .map(({ operation, method }) => operation.operationId ?? `(no id) ${method}`)
    .sort();
  const model = new Map(readOperations(run.doc).map((o) => [o.id, o]));
  // What the generator shipped: the same model, so the suite also proves operations.json is current.
  const shipped = new Map((run.shipped as OperationModel[]).map((o) => [o.id, o]));
  const ajv = createSpecAjv(run.doc, run.docId);
  const seen: { request?: Request; response?: Response } = {};
  /** The last exchange (read through a function: TS cannot see the fetch write it). */
  const last = () => seen;
  const exercised = new Set<string>();
  let face: Record<string, unknown>;
  beforeAll(() => {
    face = run.face({
      ...CREDENTIALS,
      baseUrl: `${mock.url}${run.mount}`,
      retry: false,
      fetch: async (request, init) => {
        seen.request = request;
        seen.response = await fetch(request, init);
        return seen.response;
      },
    });
  });
  afterAll(() => {
    counts.push(`${run.name}: ${exercised.size} of ${specOperationIds.length} operations`);
  });

  it('the description has operations, each with a unique operationId', () => {
    expect(specOperationIds.length).toBeGreaterThan(0);
    expect(new Set(specOperationIds).size).toBe(specOperationIds.length);
  });

  it.each(specOperationIds)('%s', async (operationId) => {
    const op = model.get(operationId)!;
    expect(op, `${operationId} is missing from the model`).toBeDefined();
    expect(shipped.get(operationId), `operations.json is stale for ${operationId}: run scripts/generate.mjs`).toEqual(
      op,
    );
    const expected = successOf(run.doc, op);

    seen.response = undefined;
    const data = await methodOf(
      face,
      op,
    )(op.exampleArgs).catch((error: unknown) => {
      throw error instanceof WawpApiError ? new Error(`${error.message} ${JSON.stringify(error.body)}`) : error;
    });
    const { request, response } = last();
    expect(response?.status, `${operationId} status`).toBe(expected.status);
    // The token went where the run says, and only there.
    const url = new URL(request!.url);
    expect(url.pathname.startsWith(`${run.mount}/`)).toBe(true);
    expect(url.searchParams.get('access_token')).toBe(run.credentials === 'query' ? CREDENTIALS.accessToken : null);
    expect(request!.headers.get('access-token')).toBe(run.credentials === 'header' ? CREDENTIALS.accessToken : null);
    expect(request!.headers.get('authorization')).toBe(
      run.credentials === 'bearer' ? `Bearer ${CREDENTIALS.accessToken}` : null,
    );
    if (expected.json) {
      const validate = ajv.getSchema(`${run.docId}${expected.json.pointer}`);
      expect(validate, `no schema at ${expected.json.pointer}`).toBeDefined();
      const ok = validate!(data);
      expect(ok ? [] : validate!.errors, `${operationId} answer does not match its schema`).toEqual([]);
    } else if (expected.types.some((t) => t.startsWith('image/'))) {
      expect(data).toBeInstanceOf(Blob);
    }
    exercised.add(operationId);
  });

  it('exercised exactly the operations of the description', () => {
    expect([...exercised].sort()).toEqual(specOperationIds);
  });

  const imageOps = [...model.values()].filter((o) => successOf(run.doc, o).types.some((t) => t.startsWith('image/')));
  it.each(imageOps.map((o) => [o.id, o] as const))('%s answers a Blob when asked for the image', async (_id, op) => {
    const data = await methodOf(face, op)(op.exampleArgs, { headers: { accept: 'image/png' } });
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
