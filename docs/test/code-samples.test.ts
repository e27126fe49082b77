import { describe, expect, it } from 'vitest';
import { addCodeSamples, callNote, exampleOf, requestArguments } from '../scripts/code-samples.mjs';
import { tsLiteral } from '../scripts/ts-literal.mjs';

const document = {
  openapi: '3.1.0',
  paths: {
    '/send': {
      post: {
        operationId: 'sendText',
        tags: ['Messages'],
        description: 'Sends a text.',
        parameters: [
          { $ref: '#/components/parameters/chatId' },
          { name: 'instance_id', in: 'query', required: true, schema: { type: 'string' }, example: '1' },
          { name: 'message', in: 'query', required: true, schema: { type: 'string' }, example: "It's here" },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'x-trace', in: 'header', schema: { type: 'string' }, example: 'abc' },
        ],
        responses: { 200: { description: 'ok' } },
      },
    },
    '/chats/{chatId}/poll': {
      put: {
        operationId: 'sendPoll',
        tags: ['Chats'],
        parameters: [{ name: 'chatId', in: 'path', required: true, schema: { type: 'string', examples: ['1@c.us'] } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', properties: { name: { type: 'string' } } },
              examples: { first: { $ref: '#/components/examples/poll' } },
            },
          },
        },
        responses: { 200: { description: 'ok' } },
      },
    },
    '/labels': {
      put: {
        operationId: 'setLabels',
        tags: ['Labels'],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'array' }, example: [{ id: '1' }] } },
        },
        responses: { 200: { description: 'ok' } },
      },
    },
  },
  components: {
    parameters: {
      chatId: { name: 'chatId', in: 'query', required: true, schema: { type: 'string' }, example: '2@c.us' },
    },
    examples: { poll: { value: { name: 'Lunch?' } } },
  },
};

const operations = [
  {
    operationId: 'sendText',
    tag: 'Messages',
    group: 'messages',
    method: 'sendText',
    httpMethod: 'POST',
    path: '/send',
  },
  {
    operationId: 'sendPoll',
    tag: 'Chats',
    group: 'chats',
    method: 'poll',
    httpMethod: 'PUT',
    path: '/chats/{chatId}/poll',
  },
  { operationId: 'setLabels', tag: 'Labels', group: 'labels', method: 'set', httpMethod: 'PUT', path: '/labels' },
];

const sampleOf = (doc: any, path: string, method: string) => doc.paths[path][method]['x-codeSamples'][0].source;

describe('requestArguments', () => {
  it('takes examples from parameters, $refs and schemas, skips credentials and optional params without one', () => {
    const args = requestArguments(document, document.paths['/send'], document.paths['/send'].post);
    expect(args).toEqual({
      path: {},
      query: { chatId: '2@c.us', message: "It's here" },
      header: {},
      body: undefined,
      bodyMode: 'none',
    });
  });

  it('reads a named example of a JSON object body and marks it flat', () => {
    const item = document.paths['/chats/{chatId}/poll'];
    expect(requestArguments(document, item, item.put)).toMatchObject({
      path: { chatId: '1@c.us' },
      body: { name: 'Lunch?' },
      bodyMode: 'flat',
    });
  });

  it('passes a body that is not an object as `body`', () => {
    const item = document.paths['/labels'];
    expect(requestArguments(document, item, item.put)).toMatchObject({ body: [{ id: '1' }], bodyMode: 'body' });
  });

  it('fails with the operation and parameter named when a required parameter has no example', () => {
    const op = { operationId: 'broken', parameters: [{ name: 'q', in: 'query', required: true, schema: {} }] };
    expect(() => requestArguments(document, {}, op)).toThrow(/broken: required parameter q has no example/);
  });

  it('exampleOf prefers the parameter example over the schema default', () => {
    expect(exampleOf(document, { example: 1, schema: { default: 2 } })).toBe(1);
    expect(exampleOf(document, { schema: { default: 2 } })).toBe(2);
    expect(exampleOf(document, undefined)).toBeUndefined();
  });
});

describe('addCodeSamples', () => {
  it('writes operation-face samples with one flat argument object, on a copy', () => {
    const result = addCodeSamples(document, operations);
    expect(result).toMatchObject({ count: 3, face: 'operations', missing: [] });
    expect((document.paths['/send'].post as Record<string, unknown>)['x-codeSamples']).toBeUndefined();
    const send = sampleOf(result.document, '/send', 'post');
    expect(send).toContain("import { createWawp } from '@wawp/client/operations';");
    expect(send).toContain("await wawp.messages.sendText({\n  chatId: '2@c.us',\n  message: 'It\\'s here',\n});");
    expect(send).not.toContain('instance_id');
    expect(sampleOf(result.document, '/chats/{chatId}/poll', 'put')).toContain(
      "await wawp.chats.poll({\n  chatId: '1@c.us',\n  name: 'Lunch?',\n});",
    );
    expect(sampleOf(result.document, '/labels', 'put')).toContain(
      "await wawp.labels.set({\n  body: [{ id: '1' }],\n});",
    );
    expect(result.document.paths['/send'].post.description).toBe(
      'Sends a text.\n\n**Operation id:** `sendText` · client: `wawp.messages.sendText()`\n',
    );
  });

  it('falls back to the path-based client without operations.json, and lists what the face misses', () => {
    const fallback = addCodeSamples(document, undefined);
    expect(fallback.face).toBe('paths');
    expect(sampleOf(fallback.document, '/chats/{chatId}/poll', 'put')).toContain(
      "await client.PUT('/chats/{chatId}/poll', {\n  params: {\n    path: {\n      chatId: '1@c.us',\n    },\n  },\n  body: {\n    name: 'Lunch?',\n  },\n});",
    );
    expect(addCodeSamples(document, operations.slice(1)).missing).toEqual(['sendText']);
  });

  it('ends every webhook description with a TypeScript sample that routes its event', () => {
    const withWebhook = {
      ...document,
      webhooks: { 'session.status': { post: { operationId: 'receiveSessionStatus', description: 'Status.\n' } } },
    };
    const { document: result, count } = addCodeSamples(withWebhook, operations);
    expect(count).toBe(4);
    const description: string = result.webhooks['session.status'].post.description;
    expect(description.startsWith('Status.\n\n**Receive it with `@wawp/webhooks-types`:**\n\n```ts\n')).toBe(true);
    expect(description).toContain("router.on('session.status', (event) => {");
    expect(description.endsWith('```\n')).toBe(true);
  });

  it('callNote names the operation id, and the method when known', () => {
    expect(callNote('getQr', undefined)).toBe('**Operation id:** `getQr`');
  });
});

describe('tsLiteral', () => {
  it('prints keys bare or quoted, escapes strings, and keeps short arrays on one line', () => {
    expect(tsLiteral({ a: 1, 'filter.x': null, s: "it's\n", list: [1, 2] })).toBe(
      "{\n  a: 1,\n  'filter.x': null,\n  s: 'it\\'s\\n',\n  list: [1, 2],\n}",
    );
    expect(tsLiteral([])).toBe('[]');
    expect(tsLiteral({})).toBe('{}');
  });
});
