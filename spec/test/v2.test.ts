// The v2 description: its own servers, credentials, confidence notes and error shapes, over
// the components it shares with v1, and the names it keeps from v1 for the same operations.
import { describe, expect, it } from 'vitest';
import { readPlacementRule } from '../scripts/parameter-placement.mjs';
import {
  createSpecAjv,
  exampleRequest,
  HTTP_METHODS,
  listOperations,
  readOperations,
  resolveRef,
} from '../src/spec-tools.mjs';
import { expectedV2Operations, skippedV2Endpoints } from './expected-operations-v2.js';
import { clone, loadBundle } from './load.js';

const v1 = loadBundle('openapi');
const v2 = loadBundle('openapi-v2');
const v2Operations = listOperations(v2).map(({ path, method, operation }) => ({
  key: `${method.toUpperCase()} ${path}`,
  method,
  op: operation,
}));
const v1ById = new Map(listOperations(v1).map(({ operation }) => [operation.operationId, operation]));
const deref = (node: any): any => resolveRef(v2, node).node;

describe('the v2 document', () => {
  it('has exactly the expected operations, and says why the one missing endpoint is left out', () => {
    expect(v2Operations.map((o) => o.key).sort()).toEqual([...expectedV2Operations].sort());
    // 84 endpoints: 83 as operations (three of them split by method into 7), 1 skipped.
    expect(expectedV2Operations).toHaveLength(87);
    expect(skippedV2Endpoints.map((s) => s.reason.length > 20)).toEqual([true]);
  });

  it('lists the production server and the mock under /v2', () => {
    expect(v2.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://api.wawp.net/v2',
      'http://127.0.0.1:4010/v2',
    ]);
  });

  it('takes the token in the query, an access-token header or as Bearer, the instance always in the query', () => {
    expect(v2.security).toEqual([
      { instanceId: [], accessToken: [] },
      { instanceId: [], accessTokenHeader: [] },
      { instanceId: [], bearerToken: [] },
    ]);
    const schemes = v2.components.securitySchemes;
    expect(schemes.instanceId).toMatchObject({ type: 'apiKey', in: 'query', name: 'instance_id' });
    expect(schemes.accessToken).toMatchObject({ type: 'apiKey', in: 'query', name: 'access_token' });
    expect(schemes.accessTokenHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'access-token' });
    expect(schemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Creating an instance needs the token alone, in any of its three places.
    expect(v2.paths['/session/create'].post.security).toEqual([
      { accessToken: [] },
      { accessTokenHeader: [] },
      { bearerToken: [] },
    ]);
  });

  it('shares its schemas with v1: a schema of both bundles is the same schema', () => {
    const shared = Object.keys(v2.components.schemas).filter((name) => name in v1.components.schemas);
    expect(shared).toEqual(expect.arrayContaining(['Message', 'SessionInfo', 'GroupInfo', 'WawpError']));
    for (const name of shared) expect(v2.components.schemas[name], name).toEqual(v1.components.schemas[name]);
  });

  it('rates every operation and lists what is unverified, shown in its description', () => {
    for (const { key, op } of v2Operations) {
      expect(['high', 'medium', 'low'], key).toContain(op['x-wawp-confidence']);
      const unverified = op['x-wawp-unverified'];
      expect(Array.isArray(unverified), key).toBe(true);
      for (const item of unverified) expect(typeof item === 'string' && item.length > 10, key).toBe(true);
      if (unverified.length > 0) {
        expect(op.description, key).toContain(`**Confidence: ${op['x-wawp-confidence']}.** Not confirmed:`);
        for (const item of unverified) expect(op.description, key).toContain(`> - ${item}`);
      } else expect(op.description, key).not.toContain('**Confidence');
    }
    expect(v2Operations.filter(({ op }) => op['x-wawp-confidence'] === 'low').length).toBeGreaterThan(5);
  });

  it('names the other methods an operation answers to, never its own', () => {
    const methods = HTTP_METHODS.map((m: string) => m.toUpperCase());
    const also = v2Operations.filter(({ op }) => op['x-wawp-also-accepts']);
    expect(also.length).toBeGreaterThan(15);
    for (const { key, method, op } of also) {
      for (const extra of op['x-wawp-also-accepts']) {
        expect(methods, key).toContain(extra);
        expect(extra, key).not.toBe(method.toUpperCase());
      }
    }
    expect(v2.paths['/send/text'].post['x-wawp-also-accepts']).toEqual(['GET']);
  });

  it('keeps the operationId and client name of the same v1 operation, and gives new ones names v1 does not use', () => {
    const v1Names = new Map([...v1ById].map(([id, op]) => [op['x-wawp-method'], id]));
    let kept = 0;
    for (const { key, op } of v2Operations) {
      const same = v1ById.get(op.operationId);
      if (same) {
        expect(op['x-wawp-method'], key).toBe(same['x-wawp-method']);
        kept++;
      } else expect(v1Names.get(op['x-wawp-method']), key).toBeUndefined();
    }
    expect(kept).toBeGreaterThan(60);
    // A few renames the migration guide shows.
    expect(v2.paths['/send/text'].post.operationId).toBe('sendText');
    expect(v2.paths['/send/pdf'].post.operationId).toBe('sendFile');
    expect(v2.paths['/session/info'].post.operationId).toBe('getSessionInfo');
  });

  it('is read by the operation model like v1: credentials in the query by default, bodies flat', () => {
    const ops = readOperations(v2);
    expect(ops).toHaveLength(87);
    const info = ops.find((o) => o.id === 'getSessionInfo');
    expect(info).toMatchObject({ method: 'POST', group: 'sessions', name: 'getInfo', retrySafe: true });
    expect(info?.credentials).toEqual([
      { scheme: 'instanceId', in: 'query', name: 'instance_id' },
      { scheme: 'accessToken', in: 'query', name: 'access_token' },
    ]);
    const text = ops.find((o) => o.id === 'sendText');
    expect(text).toMatchObject({ bodyMode: 'flat', retrySafe: false });
    expect(text?.exampleArgs).toEqual({ chatId: '447700900123@c.us', message: 'Hi from Wawp' });
    // A GET that sends a message must not be repeated by a retry.
    expect(ops.find((o) => o.id === 'sendOtp')?.retrySafe).toBe(false);
  });

  it('turns every documented example into a request to the v2 server, body fields as JSON', () => {
    const credentials = { instance_id: '123456789', access_token: '123456789' };
    for (const op of readOperations(v2)) {
      const request = exampleRequest(op, { baseUrl: v2.servers[0].url, credentials });
      const url = new URL(request.url);
      expect(url.origin + url.pathname.slice(0, 3), op.id).toBe('https://api.wawp.net/v2');
      expect(url.searchParams.get('access_token'), op.id).toBe('123456789');
      if (op.bodyMode === 'none') expect(request.body, op.id).toBeUndefined();
      else if (op.body?.required) {
        expect(request.headers['content-type'], op.id).toBe('application/json');
        expect(Object.keys(JSON.parse(String(request.body))).length, op.id).toBeGreaterThan(0);
      }
    }
  });

  it("applies v1's placement rule, documenting body fields as JSON", () => {
    expect(readPlacementRule(v2)).toMatchObject({ documented: 'json', accepted: ['query', 'json', 'form'] });
    const { json, form } = v2.paths['/send/image'].post['x-wawp-placement'];
    for (const name of ['instance_id', 'access_token', 'chatId', 'file', 'caption'])
      expect(Object.keys(json.schema.properties)).toContain(name);
    expect(form.encoding.file).toEqual({ style: 'deepObject', explode: true });
    // The v2 docs' samples spell the file's members as flat keys inside the JSON body.
    expect(json.schema.properties['file[url]']).toMatchObject({ 'x-wawp-parameter': 'file', 'x-wawp-member': 'url' });
    expect(Object.keys(v1.paths['/sendImage'].post['x-wawp-placement'].json.schema.properties)).not.toContain(
      'file[url]',
    );
    const broken = clone(v2);
    broken['x-wawp-parameter-placement'].documented = 'path';
    expect(() => readPlacementRule(broken)).toThrow(/documented must be query or json/);
  });

  it('answers webhook configuration on a free plan with 403 subscription_required', () => {
    for (const method of ['get', 'post']) {
      const forbidden = deref(v2.paths['/session/webhook'][method].responses['403']);
      const example = forbidden.content['application/json'].examples.subscriptionRequired.value;
      expect(example.code).toBe('subscription_required');
    }
    expect(v1.components.schemas.KnownErrorCode.enum).toContain('subscription_required');
  });

  it('describes the sending policies: read them with GET, choose one with PATCH', () => {
    const item = v2.paths['/session/rate-limit'];
    expect(Object.keys(item).filter((k) => (HTTP_METHODS as readonly string[]).includes(k))).toEqual(['get', 'patch']);
    expect(item.patch.parameters[0]).toMatchObject({ name: 'policy_slug', in: 'query', required: true });
    const limits = v2.components.schemas.RateLimitValues.properties;
    expect(Object.keys(limits)).toEqual(expect.arrayContaining(['send_message_per_minute', 'send_message_daily_cap']));
  });
});

describe('v2 error and send shapes', () => {
  const ajv = createSpecAjv(v2, 'urn:wawp:v2');
  const matches = (shape: string, value: unknown) => ajv.getSchema(`urn:wawp:v2#/components/schemas/${shape}`)?.(value);
  const examplesOf = (response: any) =>
    Object.values(deref(response).content?.['application/json']?.examples ?? {}).map((e: any) => e.value);

  it('every error example of every operation is exactly one of the three error shapes', () => {
    const shapes = v2.components.schemas.ErrorV2.anyOf.map((s: { $ref: string }) => s.$ref.split('/').pop());
    expect(shapes).toEqual(['WawpError', 'CodeMessageError', 'StatusMessageError']);
    let seen = 0;
    for (const { key, op } of v2Operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith('2')) continue;
        for (const value of examplesOf(response)) {
          expect(
            shapes.filter((s: string) => matches(s, value)),
            `${key} ${status}`,
          ).toHaveLength(1);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(500);
  });

  it('every 2xx example of a send is exactly one of the four outcomes, a failure among them', () => {
    const outcomes = v2.components.schemas.SendOutcome.anyOf.map((s: { $ref: string }) => s.$ref.split('/').pop());
    const found = new Set<string>();
    for (const { key, op } of v2Operations) {
      const ok = op.responses['200'].content['application/json'];
      if (ok.schema.$ref !== '#/components/schemas/SendOutcome') continue;
      for (const value of examplesOf(op.responses['200'])) {
        const which = outcomes.filter((s: string) => matches(s, value));
        expect(which, key).toHaveLength(1);
        found.add(which[0]);
      }
    }
    expect([...found].sort()).toEqual(['CodeMessageError', 'Message', 'QueuedSend', 'RawSentMessage']);
  });

  it("accepts the vendor's sample send body, flat file keys and credentials in the JSON, in the JSON placement", () => {
    const pointer = '#/paths/~1send~1image/post/x-wawp-placement/json/schema';
    const validate = ajv.getSchema(`urn:wawp:v2${pointer}`);
    const sample = {
      instance_id: '123456789',
      access_token: '123456789',
      chatId: '447700900123@c.us',
      'file[url]': 'https://example.com/files/cat.jpg',
      'file[filename]': 'cat.jpg',
      'file[mimetype]': 'image/jpeg',
      caption: 'Here you are',
    };
    expect(validate?.(sample)).toBe(true);
    expect(validate?.({ ...sample, 'file[mimetype]': 'not a type' })).toBe(false);
  });

  it('tells the shapes apart even when a body mixes their members', () => {
    expect(matches('CodeMessageError', { code: 'x', message: 'y', data: { status: 400 } })).toBe(false);
    expect(matches('WawpError', { code: 'x', message: 'y', data: { status: 400 } })).toBe(true);
    expect(matches('StatusMessageError', { status: 401, message: 'm', error: 'e', code: 'x' })).toBe(false);
    expect(matches('RawSentMessage', { id: 'true_1@c.us_A', _data: {} })).toBe(false);
    expect(matches('QueuedSend', { status: 'queued', _data: {} })).toBe(false);
    expect(matches('QueuedSend', { message: 'no status, no job' })).toBe(false);
  });
});
