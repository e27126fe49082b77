// The modules Prism requires but the mock rarely uses (src/deferred-modules.ts) load on first
// use, not at start-up: faker on the first dynamic answer, node-fetch and esprima never in
// these runs. A fresh process (the require cache is per process) starts the built mock and
// reports what is loaded; the built Prism (dist/prism.cjs) itself is not a required file.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { lazyObject } from '../src/deferred-modules.js';

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
    const others = () => Object.keys(require.cache).filter((f) => /[\\/](node-fetch|esprima|postman-collection)[\\/]/.test(f)).length;
    import(${JSON.stringify(dist)}).then(async ({ startMockServer }) => {
      const mock = await startMockServer({ port: 0, seed: 7, ...${JSON.stringify(options)} });
      const atStart = loaded();
      const tlsAtStart = process.moduleLoadList.includes('NativeModule tls');
      const res = await fetch(mock.url + ${JSON.stringify(path)});
      const body = await res.json();
      await mock.close();
      console.log(JSON.stringify({ atStart, afterAnswer: loaded(), others: others(), tlsAtStart, status: res.status, name: body.name }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

it('static mode answers without loading faker, node-fetch, esprima or postman-collection, and starts without TLS', () => {
  const result = run({ dynamic: false }, `/session/info?${CREDS}`);
  // TLS came with the agents of Prism's proxy mode and with json-schema-faker's $ref parser
  // (the test's own fetch loads it later).
  expect(result).toMatchObject({ atStart: 0, afterAnswer: 0, others: 0, status: 200, tlsAtStart: false });
  expect(typeof result.name).toBe('string');
}, 60_000);

it("dynamic mode loads faker when a schema asks for it, and its data is faker's", () => {
  const result = run({ dynamic: true, spec: FAKER_SPEC }, '/name');
  expect(result.atStart).toBe(0);
  expect(result.afterAnswer).toBeGreaterThan(0);
  expect(result.others).toBe(0);
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

it('a callable lazy object calls the loaded function, with its this and arguments', () => {
  let loads = 0;
  const value = lazyObject(
    () => {
      loads++;
      return Object.assign(
        function (this: unknown, a: number, b: number) {
          return { self: this, sum: a + b };
        },
        { levels: { info: 30 } },
      );
    },
    { callable: true },
  ) as ((this: unknown, a: number, b: number) => { self: unknown; sum: number }) & { levels: { info: number } };
  expect(loads).toBe(0);
  const self = { name: 'caller' };
  expect(value.call(self, 2, 3)).toEqual({ self, sum: 5 });
  expect(value.levels.info).toBe(30);
  expect(loads).toBe(1);
});
