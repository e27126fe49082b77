// The generator's emitters, on small hand-made documents: what each prints for a given model.
import { readOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { definitionOf, emitGroups, emitOperations } from '../scripts/lib/emit-operations.mjs';
import { diffLines, emitSurface } from '../scripts/lib/emit-surface.mjs';
import { emitTypeSamples, samplesFor, wrongValue } from '../scripts/lib/emit-type-samples.mjs';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
function sampleDoc(): any {
  return {
    openapi: '3.1.0',
    paths: {
      '/things/{id}': {
        parameters: [{ $ref: '#/components/parameters/id' }],
        put: {
          operationId: 'updateThing',
          'x-wawp-method': 'things.update',
          tags: ['Things'],
          summary: 'Update a thing',
          parameters: [{ name: 'name', in: 'query', schema: { type: 'string' }, example: 'lamp' }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['size'],
                  properties: { name: { type: 'string' }, size: { type: 'integer' } },
                },
                example: { name: 'lamp', size: 3 },
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
          summary: 'Tag */ a thing',
          requestBody: {
            content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } }, example: ['x'] } },
          },
          responses: ok,
        },
      },
      '/things/{id}/picture': {
        get: {
          operationId: 'getThingPicture',
          'x-wawp-method': 'pictures.get',
          tags: ['Pictures'],
          summary: 'Picture',
          responses: { '200': { description: 'png', content: { 'image/png': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      parameters: { id: { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 't1' } },
    },
  };
}

const doc = sampleDoc();
const ops = readOperations(doc);

describe('definitionOf: the named fields of one defineOperation call', () => {
  it.each([
    [
      'a JSON object body whose field is also a parameter',
      {
        given: ops[0]!,
        want: {
          id: 'updateThing',
          method: 'PUT',
          path: '/things/{id}',
          pathKeys: ['id'],
          queryKeys: ['name'],
          body: 'flat',
          sharedKeys: ['name'],
          retrySafe: true,
        },
      },
    ],
    [
      'a POST the spec marks retry-safe, with a list body',
      {
        given: ops[1]!,
        want: { id: 'tagThing', method: 'POST', path: '/things/{id}', pathKeys: ['id'], body: 'body', retrySafe: true },
      },
    ],
    [
      'an image answer',
      {
        given: ops[2]!,
        want: { id: 'getThingPicture', method: 'GET', path: '/things/{id}/picture', parse: 'blob', retrySafe: true },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(JSON.parse(JSON.stringify(definitionOf(given)))).toEqual(want);
  });
});

describe('emitted code', () => {
  it('prints one pure, labelled call per operation, formatted', () => {
    const code = emitOperations(ops);
    expect(code).toContain(
      [
        '/** Tag *\\/ a thing: `POST /things/{id}`, also `wawp.things.tag`. */',
        'export const tagThing = /* @__PURE__ */ defineOperation({',
        "  id: 'tagThing',",
        "  method: 'POST',",
        "  path: '/things/{id}',",
        "  pathKeys: ['id'],",
        "  body: 'body',",
        '  retrySafe: true,',
        '});',
      ].join('\n'),
    );
  });

  it('groups the operations by their pinned group and method name', () => {
    expect(emitGroups(ops)).toContain(
      'export const operationGroups = {\n  things: {\n    update: op.updateThing,\n    tag: op.tagThing,\n  },\n  pictures: {\n    get: op.getThingPicture,\n  },\n};',
    );
  });

  it.each([
    [
      'an operationId that is no identifier',
      { given: 'update-thing', field: 'operationId', want: /not a valid identifier/ },
    ],
    ['a group that createWawp uses itself', { given: 'client.update', field: 'x-wawp-method', want: /reserved/ }],
  ])('refuses %s', (_name, { given, field, want }) => {
    const broken = sampleDoc();
    broken.paths['/things/{id}'].put[field] = given;
    expect(() => emitOperations(readOperations(broken))).toThrow(want);
  });
});

describe('type samples', () => {
  it.each([
    ['a string', { given: { type: 'string' }, want: 42 }],
    ['an integer', { given: { type: 'integer' }, want: 'not-a-value' }],
    ['a nullable object', { given: { type: ['object', 'null'] }, want: 42 }],
    ['a union', { given: { oneOf: [{ type: 'string' }] }, want: undefined }],
    ['no type', { given: {}, want: undefined }],
  ])('the wrong value for %s', (_name, { given, want }) => {
    expect(wrongValue(doc, given)).toBe(want);
  });

  it('builds every call from values: a wrong field replaces the example, a missing one is left out', () => {
    const { lines, hasBodyCheck } = samplesFor(doc, ops[0]!);
    expect(hasBodyCheck).toBe(true);
    expect(lines).toEqual([
      "  void client.PUT('/things/{id}', { params: { path: { id: 't1' }, query: { name: 'lamp' } }, body: { name: 'lamp', size: 3 } });",
      "  void wawp.things.update({ id: 't1', name: 'lamp', size: 3 });",
      "  void op.updateThing(client, { id: 't1', name: 'lamp', size: 3 });",
      '  // @ts-expect-error not a path of the API',
      "  void client.PUT('/things/{id}/not-a-path', { params: { path: { id: 't1' }, query: { name: 'lamp' } }, body: { name: 'lamp', size: 3 } });",
      '  // @ts-expect-error the required parameter `id` is missing',
      "  void client.PUT('/things/{id}', { params: { query: { name: 'lamp' } }, body: { name: 'lamp', size: 3 } });",
      '  // @ts-expect-error the required parameter `id` is missing',
      "  void wawp.things.update({ name: 'lamp', size: 3 });",
      '  // @ts-expect-error `id` has the wrong type',
      "  void client.PUT('/things/{id}', { params: { path: { id: 42 }, query: { name: 'lamp' } }, body: { name: 'lamp', size: 3 } });",
      '  // @ts-expect-error `id` has the wrong type',
      "  void wawp.things.update({ id: 42, name: 'lamp', size: 3 });",
      '  // @ts-expect-error the required body field `size` is missing',
      "  void client.PUT('/things/{id}', { params: { path: { id: 't1' }, query: { name: 'lamp' } }, body: { name: 'lamp' } });",
      '  // @ts-expect-error the required body field `size` is missing',
      "  void wawp.things.update({ id: 't1', name: 'lamp' });",
      '  // @ts-expect-error the body field `size` has the wrong type',
      "  void client.PUT('/things/{id}', { params: { path: { id: 't1' }, query: { name: 'lamp' } }, body: { name: 'lamp', size: 'not-a-value' } });",
      '  // @ts-expect-error the body field `size` has the wrong type',
      "  void wawp.things.update({ id: 't1', name: 'lamp', size: 'not-a-value' });",
    ]);
  });

  it('covers every tag and says what it checked', () => {
    const { source, summary } = emitTypeSamples(doc, ops);
    expect(summary.map((s) => s.tag)).toEqual(['Things', 'Pictures']);
    expect(source).toContain('export function pictures_getThingPicture(): void {');
  });
});

describe('the public surface', () => {
  it('lists each method with its export, request and arguments', () => {
    expect(emitSurface(ops)).toContain(
      '- `update` = `updateThing`: `PUT /things/{id}`; arguments `id`, `name?`, body fields `size`; answer json; retry-safe',
    );
  });

  it.each([
    ['no change', { given: ['a\nb\nc', 'a\nb\nc'], want: [] }],
    ['a changed line', { given: ['a\nb\nc', 'a\nB\nc'], want: ['- b', '+ B'] }],
    ['an added line', { given: ['a\nc', 'a\nb\nc'], want: ['+ b'] }],
    ['a removed line', { given: ['a\nb\nc', 'a\nc'], want: ['- b'] }],
  ])('diffLines: %s', (_name, { given, want }) => {
    expect(diffLines(given[0]!, given[1]!)).toEqual(want);
  });
});
