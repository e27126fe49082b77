import { describe, expect, it } from 'vitest';
import { addPlacementBodies, phpName, readPlacementRule } from '../scripts/parameter-placement.mjs';
import { listOperations, resolveRef } from '../src/spec-tools.mjs';
import { clone, loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const operations = listOperations(openapi).map(({ path, method, item, operation }) => ({
  key: `${method.toUpperCase()} ${path}`,
  item,
  op: operation,
}));
const deref = (node: any): any => resolveRef(openapi, node).node;
const parameterNames = (item: any, op: any): string[] =>
  [...(item.parameters ?? []), ...(op.parameters ?? [])]
    .map(deref)
    .filter((p) => p.in === 'query' || p.in === 'path')
    .map((p) => p.name);

describe('x-wawp-parameter-placement', () => {
  it("states WordPress's rule once, at the root", () => {
    expect(openapi['x-wawp-parameter-placement']).toMatchObject({
      documented: 'query',
      accepted: ['query', 'json', 'form'],
      precedence: ['json', 'form', 'query', 'path'],
      mediaTypes: { json: 'application/json', form: 'application/x-www-form-urlencoded' },
    });
    expect(openapi.info.description).toMatch(
      /\*\*JSON body\s+first, then the form body, then the query string, then the path\*\*/,
    );
  });

  it('refuses a bundle whose rule is missing or out of order', () => {
    const broken = clone(openapi);
    broken['x-wawp-parameter-placement'].precedence = ['query', 'json', 'form', 'path'];
    expect(() => readPlacementRule(broken)).toThrow(/precedence/);
    delete broken['x-wawp-parameter-placement'];
    expect(() => addPlacementBodies(broken)).toThrow(/lacks x-wawp-parameter-placement/);
  });

  it('gives every operation a JSON and a form body that accept every parameter, credentials included', () => {
    for (const { key, item, op } of operations) {
      const { json, form } = op['x-wawp-placement'];
      const credentials = key === 'POST /createSession' ? ['access_token'] : ['instance_id', 'access_token'];
      for (const name of [...credentials, ...parameterNames(item, op)]) {
        expect(Object.keys(form.schema.properties), `${key} form ${name}`).toContain(name);
        expect(Object.keys(json.schema.properties), `${key} json ${name}`).toContain(phpName(name));
        expect(json.schema.properties[phpName(name)]['x-wawp-parameter'], key).toBe(name);
      }
    }
  });

  it('writes no request body: documented bodies stay as written, the others absent', () => {
    const released = new Set(['/sendPoll', '/sendContactVcard', '/channels', '/chats/overview', '/groups']);
    for (const { key, op } of operations) {
      if (op.requestBody) expect(op.requestBody['x-wawp-generated'], key).toBeUndefined();
    }
    for (const path of released)
      expect(Object.keys(openapi.paths[path].post.requestBody.content)).toEqual(['application/json']);
  });

  it('keeps a documented JSON body exactly as written and spells bracketed form keys with deepObject', () => {
    const poll = openapi.paths['/sendPoll'].post;
    expect(Object.keys(poll.requestBody.content)).toEqual(['application/json']);
    expect(poll.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SendPollRequest',
    });
    expect(poll['x-wawp-placement'].form.encoding.poll).toEqual({ style: 'deepObject', explode: true });
    expect(Object.keys(poll['x-wawp-placement'].json.schema.properties)).toEqual(
      expect.arrayContaining(['instance_id', 'access_token', 'chatId', 'poll', 'reply_to']),
    );
    const image = openapi.paths['/sendImage'].post['x-wawp-placement'].form;
    expect(image.encoding.file).toEqual({ style: 'deepObject', explode: true });
    const seen = openapi.paths['/sendSeen'].post['x-wawp-placement'];
    expect(seen.json.schema.properties.messageIds['x-wawp-parameter']).toBe('messageIds[]');
    expect(seen.form.schema.properties['messageIds[]'].type).toBe('array');
    expect(seen.form.encoding['messageIds[]']).toEqual({ style: 'form', explode: true });
  });
});

describe('list parameters the PHP way', () => {
  it('names every array query parameter `name[]` and repeats the key', () => {
    const lists = operations.flatMap(({ key, item, op }) =>
      [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map(deref)
        .filter((p) => p.in === 'query' && deref(p.schema)?.type === 'array')
        .map((p) => ({ key, p })),
    );
    expect(lists.map(({ p }) => p.name).sort()).toEqual(['categories[]', 'countries[]', 'ids[]', 'messageIds[]']);
    for (const { key, p } of lists) {
      expect(p.name, key).toMatch(/\[\]$/);
      expect([p.style, p.explode], key).toEqual(['form', true]);
    }
  });
});
