// The generator's naming and modelling rules, on small hand-made documents.
import { describe, expect, it } from 'vitest';
import { emitOperations, operationsJson } from '../scripts/lib/emit-operations.mjs';
import { methodNames, parseMode, readOperations, stripNoun, tagNouns } from '../scripts/lib/spec-model.mjs';

describe('method names', () => {
  it.each([
    ['getSessionInfo', 'Sessions', 'getInfo'],
    ['createSession', 'Sessions', 'create'],
    ['getGroupParticipants', 'Groups', 'getParticipants'],
    ['getGroups', 'Groups', 'get'],
    ['sendText', 'Messages', undefined],
    ['getChatMessages', 'Chats', 'getMessages'],
    ['statusDelete', 'Status', 'delete'],
    ['sessionInfo', 'Sessions', 'info'],
    ['getSessionsCount', 'Sessions', 'getCount'],
    ['getGroupsettings', 'Groups', undefined],
    ['session', 'Sessions', undefined],
  ])('%s in %s → %s', (id, tag, expected) => {
    expect(stripNoun(id, tagNouns(tag))).toBe(expected);
  });

  it('keeps a trailing noun when cutting it would leave another tag noun at the end', () => {
    const others = [...tagNouns('Chats'), ...tagNouns('Messages')];
    expect(stripNoun('getChatLabels', tagNouns('Labels'), others)).toBeUndefined();
    expect(stripNoun('getLabelChats', tagNouns('Labels'), others)).toBe('getChats');
    expect(stripNoun('sendTextStatus', tagNouns('Status'), others)).toBe('sendText');
  });

  it('treats words ending in ss/us as singular', () => {
    expect(tagNouns('Status')).toEqual(['Status']);
    expect(tagNouns('Groups')).toEqual(['Groups', 'Group']);
  });

  it('keeps the operationId when the short name would clash inside the group', () => {
    const names = methodNames(['getGroups', 'getGroup', 'createGroup', 'get'], tagNouns('Groups'));
    expect(Object.fromEntries(names)).toEqual({
      getGroups: 'getGroups',
      getGroup: 'getGroup',
      createGroup: 'create',
      get: 'get',
    });
  });
});

describe('parse mode', () => {
  it.each([
    [[], 'json'],
    [['application/json'], 'json'],
    [['image/png'], 'blob'],
    [['image/png', 'image/jpeg'], 'blob'],
    [['application/json', 'image/png'], 'auto'],
    [['text/plain'], 'text'],
  ])('%j → %s', (types, mode) => {
    expect(parseMode(types)).toBe(mode);
  });
});

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const doc = {
  openapi: '3.1.0',
  paths: {
    '/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/id' }],
      put: {
        operationId: 'updateThing',
        tags: ['Things'],
        summary: 'Update a thing',
        parameters: [{ name: 'name', in: 'query', schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' } } },
            },
          },
        },
        responses: ok,
      },
      post: {
        operationId: 'tagThing',
        tags: ['Things'],
        summary: 'Tag */ a thing',
        requestBody: { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
        responses: ok,
      },
    },
    '/things/{id}/picture': {
      get: {
        operationId: 'getThingPicture',
        tags: ['Things'],
        summary: 'Picture',
        parameters: [{ $ref: '#/components/parameters/id' }],
        responses: { '200': { description: 'png', content: { 'image/png': { schema: { type: 'string' } } } } },
      },
    },
  },
  components: { parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } } },
};

describe('operations model and emitted code', () => {
  const ops = readOperations(doc);

  it('reads parameters (path-level and $ref), body modes and parse modes', () => {
    expect(ops.map((o: any) => [o.operationId, o.method, o.bodyMode, o.parse])).toEqual([
      ['updateThing', 'update', 'flat', 'json'],
      ['tagThing', 'tag', 'body', 'json'],
      ['getThingPicture', 'getPicture', 'none', 'blob'],
    ]);
    expect(ops[0]!.pathParams.map((p: any) => p.name)).toEqual(['id']);
  });

  it('emits one pure call per operation, with shared names and without trailing defaults', () => {
    const code = emitOperations(doc, ops);
    expect(code).toContain(
      'export const updateThing = /* @__PURE__ */ op("updateThing", "PUT", "/things/{id}", ["id"], ["name"], "flat", "json", [], ["name"]);',
    );
    expect(code).toContain('op("tagThing", "POST", "/things/{id}", ["id"], [], "body");');
    expect(code).toContain('op("getThingPicture", "GET", "/things/{id}/picture", ["id"], [], "none", "blob");');
    expect(code).toContain('Tag *\\/ a thing');
  });

  it('describes every operation for the docs', () => {
    expect(operationsJson(ops)[0]).toEqual({
      operationId: 'updateThing',
      tag: 'Things',
      group: 'things',
      method: 'update',
      httpMethod: 'PUT',
      path: '/things/{id}',
    });
  });

  it('refuses a duplicate operationId and an operation without a tag', () => {
    const dup = structuredClone(doc) as any;
    dup.paths['/things/{id}'].post.operationId = 'updateThing';
    expect(() => readOperations(dup)).toThrow(/used twice/);
    const untagged = structuredClone(doc) as any;
    delete untagged.paths['/things/{id}'].post.tags;
    expect(() => readOperations(untagged)).toThrow(/has no tag/);
  });
});
