// The mock runs Prism's request steps itself for an operation it has routed
// (src/prism-request.ts): for generated requests to every operation of both bundles, valid
// and not, with and without a chosen status, example or Accept header, asked twice (the
// second time from what was kept), the result is exactly what Prism's own pipeline gives.
import type { IHttpConfig, IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { bundledSpecPath, bundledV2SpecPath, PRISM_CHECKS, SILENT_LOGGER } from '../src/prism.js';
import { prismHttp } from '../src/prism-modules.js';
import { readPrismOperations } from '../src/prism-operations.js';
import { createPrismRequest, type PrismResult } from '../src/prism-request.js';
import { readSpecFile } from '../src/spec-file.js';

const CONFIG = { ...PRISM_CHECKS, mock: { dynamic: false } } as IHttpConfig;

async function operationsOf(path: string): Promise<IHttpOperation[]> {
  const file = readSpecFile(path);
  return (await readPrismOperations(file.path, file.text)).operations;
}

/** What a result says, in plain data (an error by its name, status, detail and findings). */
function plain(result: PrismResult): unknown {
  if (result.ok) return { ok: true, value: JSON.parse(JSON.stringify(result.value)) };
  const { name, message, status, detail, additional } = result.error as Error & Record<string, unknown>;
  return { ok: false, error: { name, message, status, detail, additional } };
}

const text = fc.constantFrom('', '1', '-5', 'abc', 'true', '447700900123@c.us', '0x10', '{}');

function requestFor(operation: IHttpOperation) {
  const query = (operation.request?.query ?? []).map((p) => p.name);
  const credentials = (operation.security ?? [])
    .flat()
    .flatMap((s) => ('name' in s && s.in === 'query' ? [s.name] : []));
  const headers = (operation.request?.headers ?? []).map((p) => p.name.toLowerCase());
  const codes = operation.responses.map((r) => Number(r.code)).filter(Number.isInteger);
  const exampleKeys = operation.responses.flatMap((r) =>
    (r.contents ?? []).flatMap((c) => (c.examples ?? []).map((e) => e.key)),
  );
  const names = [...new Set([...query, ...credentials, 'unknown'])];
  return fc.record({
    path: fc.array(fc.constantFrom('abc', '', '%20x', '447700900123%40c.us'), { minLength: 8, maxLength: 8 }),
    // Mostly calls that pass (no parameters, the credentials), so kept answers are compared often.
    query: fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.constantFrom(...names), fc.oneof(text, fc.array(text, { maxLength: 2 }))),
      },
    ),
    withCredentials: fc.oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    headers: fc.dictionary(fc.constantFrom('x-other', ...headers), text),
    accept: fc.option(
      fc.constantFrom('application/json', 'text/plain', '*/*', 'application/xml;q=0.5, application/json'),
    ),
    body: fc.option(fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('chatId', 'message', 'x'), text)), {
      freq: 2,
    }),
    choice: fc.oneof(
      { weight: 3, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constantFrom(...codes, 418).map((code) => ({ code })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('default', 'missing', ...exampleKeys).map((exampleKey) => ({ exampleKey })),
      },
    ),
  });
}

type Generated = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

function inputOf(operation: IHttpOperation, generated: Generated) {
  let variable = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => generated.path[variable++ % 8] as string);
  const query: Record<string, string | string[]> = { ...generated.query };
  if (generated.withCredentials) {
    for (const s of (operation.security ?? []).flat()) if ('name' in s && s.in === 'query') query[s.name] = '123456789';
  }
  const headers: Record<string, string> = { ...generated.headers };
  if (generated.accept !== null) headers.accept = generated.accept;
  if (generated.body !== null) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(JSON.stringify(generated.body).length);
  }
  const input: IHttpRequest = {
    method: operation.method as IHttpRequest['method'],
    url: { path, query },
    headers,
    ...(generated.body !== null ? { body: generated.body } : {}),
  };
  return input;
}

for (const [version, path] of [
  ['v1', bundledSpecPath()],
  ['v2', bundledV2SpecPath()],
] as const) {
  it(`answers every ${version} operation as Prism's own pipeline does, also from what it kept`, async () => {
    const operations = await operationsOf(path);
    const prism = prismHttp.createInstance(CONFIG, { logger: SILENT_LOGGER });
    const direct = createPrismRequest(SILENT_LOGGER);
    const arbitrary = fc
      .constantFrom(...operations)
      .chain((operation) => fc.tuple(fc.constant(operation), requestFor(operation)));
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([operation, generated]) => {
        const config = (): IHttpConfig => ({ ...CONFIG, mock: { ...CONFIG.mock, ...generated.choice } });
        const input = () => inputOf(operation, generated);
        const expected = await prism.request(input(), [operation], config())();
        const want = plain(
          expected._tag === 'Right' ? { ok: true, value: expected.right } : { ok: false, error: expected.left },
        );
        const first = direct(operation, input(), config());
        const second = direct(operation, input(), config());
        if (first.ok && second.ok && first.value.output === second.value.output) kept++;
        expect(plain(first)).toEqual(want);
        expect(plain(second)).toEqual(want);
      }),
      { numRuns: 1500, seed: 14 },
    );
    // The static answers of valid requests were kept, not worked out again.
    expect(kept).toBeGreaterThan(60);
  }, 120_000);
}

it('generated answers and response validation go through Prism every time', async () => {
  const operations = await operationsOf(bundledSpecPath());
  const operation = operations.find(
    (op) => op.iid === 'getSessionInfo' || op.id === 'getSessionInfo',
  ) as IHttpOperation;
  const direct = createPrismRequest(SILENT_LOGGER);
  const input: IHttpRequest = {
    method: 'get',
    url: { path: operation.path, query: { instance_id: '1', access_token: '1' } },
    headers: {},
  };
  const config = { ...CONFIG, validateResponse: true, mock: { dynamic: true, seed: 'a' } } as IHttpConfig;
  const first = direct(operation, input, config);
  const second = direct(operation, input, { ...config, mock: { dynamic: true, seed: 'b' } } as IHttpConfig);
  expect(first.ok && second.ok).toBe(true);
  if (!first.ok || !second.ok) return;
  expect(first.value.output).not.toBe(second.value.output);
  expect(first.value.output.body).not.toEqual(second.value.output.body);
  expect(first.value.validations.output).toBeInstanceOf(Array);
});

it('keeps security findings per set or missing API key, in the query and in headers alike', async () => {
  const [base] = await operationsOf(bundledSpecPath());
  const scheme = (key: string, where: 'query' | 'header', name: string) => ({ key, type: 'apiKey', in: where, name });
  const operation = {
    ...(base as IHttpOperation),
    security: [[scheme('a', 'query', 'instance_id'), scheme('b', 'header', 'X-Key')], [scheme('c', 'query', 'token')]],
  } as IHttpOperation;
  const prism = prismHttp.createInstance(CONFIG, { logger: SILENT_LOGGER });
  const direct = createPrismRequest(SILENT_LOGGER);
  const cases: Record<string, string>[] = [
    {},
    { instance_id: '1' },
    { token: '' },
    { token: 't' },
    { instance_id: '1', token: 't' },
  ];
  const headerCases: Record<string, string>[] = [{}, { 'x-key': 'k' }, { 'x-key': '' }];
  for (const headers of headerCases) {
    for (const query of cases) {
      for (let repeat = 0; repeat < 2; repeat++) {
        const input = (): IHttpRequest => ({
          method: operation.method as IHttpRequest['method'],
          url: { path: operation.path, query },
          headers,
        });
        const expected = await prism.request(input(), [operation], { ...CONFIG, mock: { dynamic: false } })();
        const got = direct(operation, input(), { ...CONFIG, mock: { dynamic: false } });
        const want = plain(
          expected._tag === 'Right' ? { ok: true, value: expected.right } : { ok: false, error: expected.left },
        );
        expect(plain(got), JSON.stringify({ query, headers })).toEqual(want);
      }
    }
  }
});
