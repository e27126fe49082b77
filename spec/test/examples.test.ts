import { describe, expect, it } from 'vitest';
import { collectExamples, findExampleProblems } from '../src/example-problems.mjs';
import { clone, loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const openapiV2 = loadBundle('openapi-v2');
const asyncapi = loadBundle('asyncapi');

// Both REST descriptions, through the same checker: v2 shares v1's schemas and adds its own.
describe.each([
  { version: 'v1', doc: openapi, unauthorized: 'Unauthorized' },
  { version: 'v2', doc: openapiV2, unauthorized: 'UnauthorizedV2' },
])('examples in the OpenAPI $version document', ({ doc, unauthorized }) => {
  it('finds examples for parameters, responses and schemas', () => {
    const where = collectExamples(doc).map((e) => e.where);
    expect(where.some((w) => w.includes('/parameters/'))).toBe(true);
    expect(where.some((w) => w.includes('/responses/200/'))).toBe(true);
    expect(where.some((w) => w.startsWith(`#/components/responses/${unauthorized}/`))).toBe(true);
    expect(where.some((w) => w.startsWith('#/components/schemas/'))).toBe(true);
    expect(where.some((w) => w.includes('/requestBody/'))).toBe(true);
  });

  it('every example validates against its schema', () => {
    expect(findExampleProblems(doc)).toEqual([]);
  });
});

describe('examples in the OpenAPI v2 document', () => {
  it('reports a v2 request body example that breaks its schema', () => {
    const broken = clone(openapiV2);
    const media = broken.paths['/send/text'].post.requestBody.content['application/json'];
    media.examples.example.value.message = '';
    expect(findExampleProblems(broken)).toEqual([
      expect.stringMatching(
        /~1send~1text\/post\/requestBody.*example: \/message must NOT have fewer than 1 characters/,
      ),
    ]);
  });
});

describe('examples in the OpenAPI v1 document', () => {
  it('reports an example that breaks its schema, naming where it is', () => {
    const broken = clone(openapi);
    broken.paths['/session/info'].get.responses['200'].content['application/json'].examples.working.value.status =
      'ONLINE';
    broken.components.responses.Unauthorized.content['application/json'].examples.invalidAccessToken.value.data = {};
    const problems = findExampleProblems(broken);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/~1session~1info.*working: \/status must be equal to one of the allowed values/),
        expect.stringMatching(/Unauthorized.*invalidAccessToken: \/data must have required property 'status'/),
      ]),
    );
  });

  it('reports a wrong parameter example', () => {
    const broken = clone(openapi);
    broken.paths['/createSession'].post.parameters[0].example = '';
    expect(findExampleProblems(broken)).toEqual([
      expect.stringMatching(/createSession\/post\/parameters\/0\/example: \/ must NOT have fewer than 1 characters/),
    ]);
  });

  it('reports a wrong example of a path-level parameter at the path item', () => {
    const broken = clone(openapi);
    broken.paths['/session/info'].parameters = [{ name: 'x', in: 'query', schema: { type: 'integer' }, example: 'no' }];
    expect(findExampleProblems(broken)).toEqual(['#/paths/~1session~1info/parameters/0/example: / must be integer']);
  });
});

describe('examples in the AsyncAPI document', () => {
  it('every message example validates against its payload schema', () => {
    expect(collectExamples(asyncapi).length).toBeGreaterThan(0);
    expect(findExampleProblems(asyncapi)).toEqual([]);
  });

  it('reports a message example whose event name does not match the message', () => {
    const broken = clone(asyncapi);
    broken.channels.webhook.messages['session.status'].examples[0].payload.event = 'message';
    expect(findExampleProblems(broken)).toEqual([
      expect.stringMatching(/session\.status\/examples\/0\/payload: \/event/),
    ]);
  });
});
