import { describe, expect, it } from 'vitest';
import { clone, loadBundle } from './load.js';
import { findUndeclaredFields, undeclaredMembers } from './undeclared-fields.js';

const openapi = loadBundle('openapi');
const asyncapi = loadBundle('asyncapi');

describe('every member of every example is declared by its schema', () => {
  it('in the OpenAPI document (operations and the derived webhooks)', () => {
    expect(findUndeclaredFields(openapi)).toEqual([]);
  });

  it('in the OpenAPI v2 document', () => {
    expect(findUndeclaredFields(loadBundle('openapi-v2'))).toEqual([]);
  });

  it('in the AsyncAPI document', () => {
    expect(findUndeclaredFields(asyncapi)).toEqual([]);
  });
});

describe('the undeclared-member check', () => {
  const infoExample = (doc: Record<string, any>) =>
    doc.paths['/session/info'].get.responses['200'].content['application/json'].examples.documented.value;

  it('names a member that no schema declares, with its path', () => {
    const broken = clone(openapi);
    infoExample(broken).config.proxy = { server: 'proxy.example:3128', region: 'eu' };
    infoExample(broken).engine.grpc.state = 'READY'; // allowed: grpc says why it is open
    expect(findUndeclaredFields(broken)).toEqual([
      expect.stringMatching(/~1session~1info.*documented: \/config\/proxy\/region is not declared$/),
    ]);
  });

  it('fails an open object once its reason is taken away', () => {
    const broken = clone(openapi);
    infoExample(broken).engine.grpc.state = 'READY';
    delete broken.components.schemas.SessionEngine.properties.grpc['x-wawp-open-reason'];
    expect(findUndeclaredFields(broken)).toEqual([expect.stringMatching(/\/engine\/grpc\/state is not declared$/)]);
  });

  it('follows arrays, nested $refs and oneOf branches into webhook payloads', () => {
    const broken = clone(asyncapi);
    const message = broken.channels.webhook.messages.message;
    message.examples[0].payload.payload.media = { url: 'https://example.com/a.jpg', mimetype: 'image/jpeg', size: 1 };
    expect(findUndeclaredFields(broken)).toEqual([
      expect.stringMatching(/messages\/message\/examples\/0\/payload: \/payload\/media\/size is not declared$/),
    ]);
  });

  it('accepts keys of a declared map and members matched by patternProperties, and nothing else', () => {
    const doc = {};
    const schema = {
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } },
      patternProperties: { '^x-': { type: 'string' } },
    };
    expect(undeclaredMembers(doc, schema, { list: [{ a: '1' }, { b: '2' }], 'x-y': 'z', q: 1 })).toEqual([
      '/list/1/b',
      '/q',
    ]);
  });
});
