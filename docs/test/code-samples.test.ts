// The reference's generated samples, on a small document read through the same model the
// client generator uses.
import { readOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { addCodeSamples, callNote, curlSample, operationFaceSample, shellWord } from '../scripts/code-samples.mjs';

const ok = { 200: { description: 'ok' } };
const document: any = {
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example/v1' }],
  security: [{ instanceId: [], accessToken: [] }],
  paths: {
    '/send': {
      post: {
        operationId: 'sendText',
        'x-wawp-method': 'messages.sendText',
        tags: ['Messages'],
        description: 'Sends a text.',
        parameters: [
          { $ref: '#/components/parameters/chatId' },
          { name: 'message', in: 'query', required: true, schema: { type: 'string' }, example: "It's here" },
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
        ],
        responses: ok,
      },
    },
    '/chats/{chatId}/poll': {
      put: {
        operationId: 'sendPoll',
        'x-wawp-method': 'chats.poll',
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
        responses: ok,
      },
    },
    '/labels': {
      get: {
        operationId: 'getLabels',
        'x-wawp-method': 'labels.get',
        tags: ['Labels'],
        responses: ok,
      },
    },
  },
  components: {
    parameters: {
      chatId: { name: 'chatId', in: 'query', required: true, schema: { type: 'string' }, example: '2@c.us' },
    },
    examples: { poll: { value: { name: 'Lunch?' } } },
    securitySchemes: {
      instanceId: { type: 'apiKey', in: 'query', name: 'instance_id' },
      accessToken: { type: 'apiKey', in: 'query', name: 'access_token' },
    },
  },
};
const operations = readOperations(document);
const [sendText, sendPoll, getLabels] = operations;

describe('TypeScript samples', () => {
  it('call the operation face with the model example arguments, credentials from the environment', () => {
    const sample = operationFaceSample(sendText!);
    expect(sample).toContain("import { createWawp } from '@wawp/client/operations';");
    expect(sample).toContain("  accessToken: process.env.WAWP_ACCESS_TOKEN ?? '',");
    expect(sample).toContain("await wawp.messages.sendText({\n  chatId: '2@c.us',\n  message: 'It\\'s here',\n});");
    expect(operationFaceSample(sendPoll!)).toContain(
      "await wawp.chats.poll({\n  chatId: '1@c.us',\n  name: 'Lunch?',\n});",
    );
    expect(operationFaceSample(getLabels!)).toContain('await wawp.labels.get();');
  });
});

describe('curl samples', () => {
  it.each([
    ['a plain word', { given: 'curl', want: 'curl' }],
    ['a URL with a query string', { given: 'https://x/send?a=1&b=2', want: "'https://x/send?a=1&b=2'" }],
    ['a single quote', { given: "it's", want: "'it'\\''s'" }],
    ['JSON', { given: '{"a":"b c"}', want: '\'{"a":"b c"}\'' }],
  ])('shellWord: %s', (_name, { given, want }) => {
    expect(shellWord(given)).toBe(want);
  });

  it.each([
    [
      'query parameters beside the credentials',
      {
        given: sendText!,
        want: "curl -X POST 'https://api.example/v1/send?instance_id=123456789&access_token=123456789&chatId=2%40c.us&message=It%27s+here'\n",
      },
    ],
    [
      'a path parameter and a JSON body',
      {
        given: sendPoll!,
        want: [
          "curl -X PUT 'https://api.example/v1/chats/1%40c.us/poll?instance_id=123456789&access_token=123456789' \\",
          "  -H 'content-type: application/json' \\",
          '  --data \'{"name":"Lunch?"}\'',
          '',
        ].join('\n'),
      },
    ],
    [
      'a GET without arguments',
      {
        given: getLabels!,
        want: "curl 'https://api.example/v1/labels?instance_id=123456789&access_token=123456789'\n",
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(curlSample(given, 'https://api.example/v1')).toBe(want);
  });
});

describe('addCodeSamples', () => {
  it('writes a TypeScript and a curl sample per operation, and the call note, on a copy', () => {
    const result = addCodeSamples(document, operations);
    expect(result.count).toBe(3);
    expect(document.paths['/send'].post['x-codeSamples']).toBeUndefined();
    const samples = result.document.paths['/send'].post['x-codeSamples'];
    expect(samples.map((s: any) => [s.lang, s.label])).toEqual([
      ['typescript', 'TypeScript'],
      ['curl', 'curl'],
    ]);
    expect(samples[1].source).toBe(curlSample(sendText!, 'https://api.example/v1'));
    expect(result.document.paths['/send'].post.description).toBe(
      'Sends a text.\n\n**Operation id:** `sendText` · client: `wawp.messages.sendText()`\n',
    );
  });

  it('refuses an operation the client model lacks', () => {
    expect(() => addCodeSamples(document, operations.slice(1))).toThrow(/sendText is missing/);
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

  it('callNote names the operation id and the client method', () => {
    expect(callNote(getLabels!)).toBe('**Operation id:** `getLabels` · client: `wawp.labels.get()`');
  });
});
