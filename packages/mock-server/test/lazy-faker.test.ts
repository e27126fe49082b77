// Prism's faker is loaded on the first dynamic answer, not at start-up (src/lazy-faker.ts): a
// fresh process (the require cache is per process) starts the built mock and reports what is loaded.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { lazyObject } from '../src/lazy-faker.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const CREDS = 'instance_id=123456789&access_token=123456789';

/** A document whose answer needs faker (`x-faker`), so a dynamic answer must load it. */
const FAKER_SPEC = {
  openapi: '3.1.0',
  info: { title: 'faker', version: '1' },
  paths: {
    '/name': {
      get: {
        responses: {
          '200': {
            description: 'a name',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: { type: 'string', 'x-faker': 'name.firstName' } },
                },
              },
            },
          },
        },
      },
    },
  },
};

function run(options: { dynamic: boolean; spec?: object }, path: string) {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((f) => /[\\/]faker[\\/]/.test(f)).length;
    import(${JSON.stringify(dist)}).then(async ({ startMockServer }) => {
      const mock = await startMockServer({ port: 0, seed: 7, ...${JSON.stringify(options)} });
      const atStart = loaded();
      const res = await fetch(mock.url + ${JSON.stringify(path)});
      const body = await res.json();
      await mock.close();
      console.log(JSON.stringify({ atStart, afterAnswer: loaded(), status: res.status, name: body.name }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

it('static mode answers without loading faker', () => {
  // The stand-in for @faker-js/faker (see src/lazy-faker.ts) is all that is loaded of either faker.
  const result = run({ dynamic: false }, `/session/info?${CREDS}`);
  expect(result).toMatchObject({ atStart: 1, afterAnswer: 1, status: 200 });
  expect(typeof result.name).toBe('string');
}, 60_000);

it("dynamic mode loads faker when a schema asks for it, and its data is faker's", () => {
  const result = run({ dynamic: true, spec: FAKER_SPEC }, '/name');
  expect(result.atStart).toBe(1);
  expect(result.afterAnswer).toBeGreaterThan(1);
  expect(result.status).toBe(200);
  // faker's first names are capitalised words; json-schema-faker's own strings are lorem ipsum.
  expect(result.name).toMatch(/^[A-Z][a-z]+/);
}, 60_000);

it('a lazy object is its loaded value in every way a caller can look at it', () => {
  let loads = 0;
  const value = lazyObject(() => {
    loads++;
    return { word: () => 'lorem', nested: { depth: 2 } };
  });
  expect(loads).toBe(0);
  const seen = value as { word(): string; nested: { depth: number }; extra?: number };
  expect(seen.word()).toBe('lorem');
  expect('nested' in seen).toBe(true);
  expect(Object.keys(seen)).toEqual(['word', 'nested']);
  seen.extra = 1;
  expect(seen.extra).toBe(1);
  expect(loads).toBe(1);
});
