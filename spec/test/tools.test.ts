// @wawp/spec/tools: the operation model and the helpers every consumer reads the bundle with.
import { describe, expect, it } from 'vitest';
import {
  escapePointer,
  exampleRequest,
  HTTP_METHODS,
  joinPointer,
  listOperations,
  mapSubschemas,
  readOperations,
  refName,
  resolveRef,
  tsCode,
  tsLiteral,
  unescapePointer,
} from '../src/spec-tools.mjs';
import { loadBundle } from './load';

const openapi = loadBundle('openapi');

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const png = { '200': { description: 'png', content: { 'image/png': { schema: { type: 'string' } } } } };

/** A small document with one of each kind of operation. */
function sampleDoc(): any {
  return {
    openapi: '3.1.0',
    security: [{ instance: [], token: [] }],
    paths: {
      '/things/{id}': {
        parameters: [{ $ref: '#/components/parameters/id' }],
        put: {
          operationId: 'updateThing',
          'x-wawp-method': 'things.update',
          tags: ['Things'],
          summary: 'Update a thing',
          parameters: [
            { name: 'name', in: 'query', schema: { type: 'string' }, example: 'lamp' },
            { name: 'tags[]', in: 'query', schema: { type: 'array' }, example: ['a', 'b'] },
            { name: 'file', in: 'query', style: 'deepObject', schema: { type: 'object' }, example: { url: 'u' } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' } } },
                example: { size: 3 },
              },
            },
          },
          responses: ok,
        },
        post: {
          operationId: 'tagThing',
          'x-wawp-method': 'things.tag',
          'x-wawp-retry-safe': true,
          tags: ['Things'],
          requestBody: {
            content: {
              'application/json': { schema: { type: 'array', items: { type: 'string' } }, example: ['x'] },
            },
          },
          responses: ok,
        },
      },
      '/things/{id}/picture': {
        get: {
          operationId: 'getThingPicture',
          'x-wawp-method': 'things.getPicture',
          tags: ['Things'],
          security: [],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'a/b c' }],
          responses: png,
        },
      },
    },
    components: {
      parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 't1' } },
      securitySchemes: {
        instance: { type: 'apiKey', in: 'query', name: 'instance_id' },
        token: { type: 'apiKey', in: 'query', name: 'access_token' },
      },
    },
  };
}

describe('JSON pointers', () => {
  it.each([
    ['a plain segment', { given: 'post', want: 'post' }],
    ['a path', { given: '/labels/{labelId}/chats', want: '~1labels~1{labelId}~1chats' }],
    ['a tilde before a slash', { given: '~/', want: '~0~1' }],
    ['an escape look-alike', { given: '~1', want: '~01' }],
    ['a media type', { given: 'application/json', want: 'application~1json' }],
  ])('%s', (_name, { given, want }) => {
    expect(escapePointer(given)).toBe(want);
    expect(unescapePointer(want)).toBe(given);
    expect(refName(joinPointer('#/components/schemas', given))).toBe(given);
  });

  it('joins and resolves through a $ref, reporting where the target lives', () => {
    const doc = sampleDoc();
    expect(joinPointer('#/paths', '/things/{id}', 'put')).toBe('#/paths/~1things~1{id}/put');
    const { node, pointer } = resolveRef(doc, doc.paths['/things/{id}'].parameters[0]);
    expect(node.name).toBe('id');
    expect(pointer).toBe('#/components/parameters/id');
  });
});

describe('listOperations', () => {
  it('walks every HTTP method key of every path item, and nothing else', () => {
    const doc = sampleDoc();
    doc.paths['/things/{id}'].summary = 'not an operation';
    doc.paths['/things/{id}'].trace = { operationId: 'traceThing' };
    expect(HTTP_METHODS).toContain('trace');
    expect(listOperations(doc).map((o) => `${o.method} ${o.pointer}`)).toEqual([
      'put #/paths/~1things~1{id}/put',
      'post #/paths/~1things~1{id}/post',
      'trace #/paths/~1things~1{id}/trace',
      'get #/paths/~1things~1{id}~1picture/get',
    ]);
  });
});

describe('readOperations', () => {
  const ops = readOperations(sampleDoc());
  const [update, tag, picture] = ops;

  it('reads names from x-wawp-method, modes, retry safety and credentials', () => {
    expect(ops.map((o) => [o.id, o.method, o.group, o.name, o.bodyMode, o.parse, o.retrySafe])).toEqual([
      ['updateThing', 'PUT', 'things', 'update', 'flat', 'json', true],
      ['tagThing', 'POST', 'things', 'tag', 'body', 'json', true],
      ['getThingPicture', 'GET', 'things', 'getPicture', 'none', 'blob', true],
    ]);
    expect(update!.credentials.map((c) => c.name)).toEqual(['instance_id', 'access_token']);
    expect(picture!.credentials).toEqual([]);
  });

  it('places parameters by location, path-level ones included, and marks the ones the body shares', () => {
    expect(update!.parameters.path.map((p) => p.name)).toEqual(['id']);
    expect(update!.parameters.query).toEqual([
      { name: 'name', required: false, inBody: true, style: 'form', explode: true, pointer: expect.any(String) },
      { name: 'tags[]', required: false, style: 'form', explode: true, pointer: expect.any(String) },
      { name: 'file', required: false, style: 'deepObject', explode: false, pointer: expect.any(String) },
    ]);
    expect(update!.body).toMatchObject({ mediaType: 'application/json', required: true, fields: ['name', 'size'] });
    // An operation-level parameter wins over the path item's one of the same name.
    expect(picture!.exampleArgs).toEqual({ id: 'a/b c' });
  });

  it('turns the examples into flat arguments by one rule', () => {
    expect(update!.exampleArgs).toEqual({ id: 't1', name: 'lamp', 'tags[]': ['a', 'b'], file: { url: 'u' }, size: 3 });
    expect(tag!.exampleArgs).toEqual({ id: 't1', body: ['x'] });
  });

  it('is plain JSON: what operations.json ships is the model itself', () => {
    expect(JSON.parse(JSON.stringify(ops))).toEqual(ops);
  });

  it.each([
    [
      'a missing x-wawp-method, naming the operation',
      {
        given: (d: any) => delete d.paths['/things/{id}'].post['x-wawp-method'],
        want: /tagThing has no x-wawp-method/,
      },
    ],
    [
      'a malformed x-wawp-method',
      { given: (d: any) => (d.paths['/things/{id}'].post['x-wawp-method'] = 'Things-tag'), want: /not group\.method/ },
    ],
    [
      'a client name used twice',
      {
        given: (d: any) => (d.paths['/things/{id}'].post['x-wawp-method'] = 'things.update'),
        want: /things\.update names both updateThing and tagThing/,
      },
    ],
    [
      'a repeated operationId',
      { given: (d: any) => (d.paths['/things/{id}'].post.operationId = 'updateThing'), want: /used twice/ },
    ],
    ['an operation without a tag', { given: (d: any) => delete d.paths['/things/{id}'].post.tags, want: /has no tag/ }],
    [
      'a required parameter without an example',
      {
        given: (d: any) => delete d.paths['/things/{id}/picture'].get.parameters[0].example,
        want: /getThingPicture: required parameter id has no example/,
      },
    ],
    [
      'a required body without an example',
      {
        given: (d: any) => delete d.paths['/things/{id}'].put.requestBody.content['application/json'].example,
        want: /updateThing: the application\/json request body has no example/,
      },
    ],
  ])('refuses %s', (_name, { given, want }) => {
    const doc = sampleDoc();
    given(doc);
    expect(() => readOperations(doc)).toThrow(want);
  });

  it('reads the whole bundle: every operation named, every example argument accepted', () => {
    const all = readOperations(openapi);
    expect(all.length).toBe(listOperations(openapi).length);
    expect(new Set(all.map((o) => `${o.group}.${o.name}`)).size).toBe(all.length);
  });
});

describe('exampleRequest', () => {
  const [update, tag, picture] = readOperations(sampleDoc());
  const credentials = { instance_id: '1', access_token: 't' };

  it('splits the flat arguments as the client does, with the credentials in the query string', () => {
    expect(exampleRequest(update!, { baseUrl: 'http://x/v1/', credentials })).toEqual({
      method: 'PUT',
      url: 'http://x/v1/things/t1?instance_id=1&access_token=t&name=lamp&tags%5B%5D=a&tags%5B%5D=b&file%5Burl%5D=u',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"lamp","size":3}',
    });
  });

  it('sends a non-object body as it is, and encodes path values', () => {
    expect(exampleRequest(tag!, { baseUrl: 'http://x' })).toMatchObject({ url: 'http://x/things/t1', body: '["x"]' });
    expect(exampleRequest(picture!, { baseUrl: 'http://x', credentials })).toEqual({
      method: 'GET',
      url: 'http://x/things/a%2Fb%20c/picture',
      headers: {},
      body: undefined,
    });
  });

  it('refuses an argument the operation does not take', () => {
    expect(() => exampleRequest(picture!, { baseUrl: 'http://x', args: { id: '1', extra: 2 } })).toThrow(
      /getThingPicture: unknown argument extra/,
    );
  });
});

describe('mapSubschemas', () => {
  it('visits schema positions only: a property named `examples` is a property', () => {
    const schema = {
      type: 'object',
      examples: [{ examples: 'x' }],
      properties: { examples: { type: 'string', examples: ['a'] }, list: { type: 'array', items: { examples: [] } } },
    };
    const dropExamples = ({ examples: _drop, ...rest }: Record<string, unknown>) => rest;
    expect(mapSubschemas(schema, dropExamples)).toEqual({
      type: 'object',
      properties: { examples: { type: 'string' }, list: { type: 'array', items: {} } },
    });
  });
});

describe('tsLiteral', () => {
  it.each([
    ['null and numbers', { given: [null, 1, -0, true], want: '[null, 1, -0, true]' }],
    ['quoted keys and escapes', { given: { a: 1, 'b.c': "it's\n" }, want: "{\n  a: 1,\n  'b.c': 'it\\'s\\n',\n}" }],
    ['an empty object and list', { given: { a: {}, b: [] }, want: '{\n  a: {},\n  b: [],\n}' }],
    ['a code piece', { given: { run: tsCode('op.run') }, want: '{\n  run: op.run,\n}' }],
    ['skipped undefined', { given: { a: undefined, b: 2 }, want: '{\n  b: 2,\n}' }],
    [
      'a list longer than the line on its own lines',
      { given: ['a'.repeat(60), 'b'.repeat(60)], want: `[\n  '${'a'.repeat(60)}',\n  '${'b'.repeat(60)}',\n]` },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(tsLiteral(given)).toBe(want);
  });

  it('refuses what has no literal', () => {
    expect(() => tsLiteral(() => 1)).toThrow(/cannot print a function/);
  });
});
