import { describe, expect, it } from 'vitest';
import { addPlacementBodies, phpName, readPlacementRule } from '../scripts/parameter-placement.mjs';
import { clone, loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const operations = Object.entries(openapi.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, item, op: item[m] })),
);
const deref = (node: any): any => {
  let current = node;
  while (current?.$ref) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((o: any, seg: string) => o?.[seg.replaceAll('~1', '/')], openapi);
  }
  return current;
};
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
    expect(openapi.info.description).toMatch(/\*\*JSON body\s+first, then the form body, then the query string, then the path\*\*/);
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
      const body = deref(op.requestBody);
      expect(body, key).toBeDefined();
      const form = body.content['application/x-www-form-urlencoded'];
      const json = body.content['application/json'];
      expect(form?.schema, key).toBeDefined();
      const jsonParams = json['x-wawp-parameters'] ?? json.schema;
      const credentials = key === 'POST /createSession' ? ['access_token'] : ['instance_id', 'access_token'];
      for (const name of [...credentials, ...parameterNames(item, op)]) {
        expect(Object.keys(form.schema.properties), `${key} form ${name}`).toContain(name);
        expect(Object.keys(jsonParams.properties), `${key} json ${name}`).toContain(phpName(name));
      }
    }
  });

  it('never makes a generated body required, so the documented query form stays enough', () => {
    const generated = operations.filter(({ op }) => op.requestBody['x-wawp-generated'] === 'parameter-placement');
    expect(generated.length).toBeGreaterThan(90);
    for (const { key, op } of generated) expect(op.requestBody.required, key).toBe(false);
  });

  it('keeps a documented JSON body as written and spells bracketed form keys with deepObject', () => {
    const poll = openapi.paths['/sendPoll'].post.requestBody;
    expect(poll.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SendPollRequest' });
    expect(poll.content['application/x-www-form-urlencoded'].encoding.poll).toEqual({
      style: 'deepObject',
      explode: true,
    });
    const image = openapi.paths['/sendImage'].post.requestBody.content['application/x-www-form-urlencoded'];
    expect(image.encoding.file).toEqual({ style: 'deepObject', explode: true });
    const seen = openapi.paths['/sendSeen'].post.requestBody.content;
    expect(seen['application/json'].schema.properties.messageIds['x-wawp-parameter']).toBe('messageIds[]');
    expect(seen['application/x-www-form-urlencoded'].schema.properties['messageIds[]'].type).toBe('array');
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
