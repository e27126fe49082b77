import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listOperations } from '../src/spec-tools.mjs';
import { expectedOperations } from './expected-operations.js';
import { loadBundle } from './load.js';

const openapi = loadBundle('openapi');
const asyncapi = loadBundle('asyncapi');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const operations = listOperations(openapi).map(({ path, method, operation }) => ({
  key: `${method.toUpperCase()} ${path}`,
  op: operation,
}));

describe('bundled OpenAPI document', () => {
  it('carries the package version', () => {
    expect(openapi.info.version).toBe(pkg.version);
    expect(asyncapi.info.version).toBe(pkg.version);
  });

  it('has exactly the expected operations', () => {
    expect(operations.map((o) => o.key).sort()).toEqual([...expectedOperations].sort());
  });

  it('gives every operation a unique camelCase operationId and one declared tag', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
    const tags = new Set(openapi.tags.map((t: { name: string }) => t.name));
    for (const { op } of operations) {
      expect(op.tags).toHaveLength(1);
      expect(tags.has(op.tags[0])).toBe(true);
    }
  });

  it('requires both credentials by default, and only the token to create a session', () => {
    expect(openapi.security).toEqual([{ instanceId: [], accessToken: [] }]);
    expect(openapi.components.securitySchemes.instanceId).toMatchObject({
      type: 'apiKey',
      in: 'query',
      name: 'instance_id',
    });
    expect(openapi.components.securitySchemes.accessToken).toMatchObject({
      type: 'apiKey',
      in: 'query',
      name: 'access_token',
    });
    expect(openapi.paths['/createSession'].post.security).toEqual([{ accessToken: [] }]);
  });

  it('documents a 401 with the WordPress error body on every operation', () => {
    for (const { key, op } of operations) {
      expect(op.responses['401'], key).toEqual({ $ref: '#/components/responses/Unauthorized' });
    }
    expect(openapi.components.schemas.WawpError.required).toEqual(['code', 'message', 'data']);
  });

  it('shows the unverified note of low- and medium-confidence operations in their description', () => {
    const start = openapi.paths['/session/start'].post;
    expect(start['x-wawp-confidence']).toBe('medium');
    expect(start.description).toContain('**Confidence: medium.**');
  });

  it('lists the production and the local mock server', () => {
    expect(openapi.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://wawp.net/wp-json/awp/v1',
      'http://127.0.0.1:4010',
    ]);
  });
});
