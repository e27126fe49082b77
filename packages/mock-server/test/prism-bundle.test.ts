// The mock's start-up mechanisms (issue 14's start-up goal): Prism comes from the one-file
// build in dist/ (src/prism-bundle.ts), which is what the build makes of the installed Prism
// today, with the build's V8 code cache accepted; and starting reads each bundled document
// once. Fresh processes, because the require cache and V8's caches are per process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import {
  buildPrismBundle,
  checkLodashUse,
  dualWithoutCopies,
  LODASH_FUNCTIONS,
  LODASH_VERSION,
  lodashFunctionsSource,
  PRISM_BUNDLE,
  parameterValuesByLoops,
} from '../scripts/build-prism-bundle.js';
import { codeCachePath, loadPrebuilt } from '../src/prebuilt.js';

const require = createRequire(import.meta.url);
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'wawp-prism-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `body` (CommonJS, `mock` is the built package) in a fresh Node and returns what it prints as JSON. */
function inFreshNode(body: string, before = ''): unknown {
  const script = `${before}\nimport(${JSON.stringify(dist)}).then(async (mock) => { ${body} });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

it('dist/prism.cjs is what the build makes of the installed Prism now', async () => {
  const fresh = await buildPrismBundle(join(work, 'prism.cjs'));
  expect(readFileSync(fresh).equals(readFileSync(PRISM_BUNDLE)), 'run the package build').toBe(true);
  // ASCII only: V8 keeps it one byte per character, and decoding it is a copy.
  expect(readFileSync(PRISM_BUNDLE, 'utf8')).not.toMatch(/[\u0080-\uffff]/);
}, 120_000);

it('the built mock answers with the bundled Prism, no Prism file required, its code cache accepted', () => {
  const result = inFreshNode(`
    const server = await mock.startMockServer({ port: 0 });
    const res = await fetch(server.url + '/session/info?instance_id=123456789&access_token=123456789');
    await server.close();
    const fromNodeModules = Object.keys(require.cache).filter((f) => /[\\\\/]@stoplight[\\\\/]/.test(f));
    const { getCompileCacheDir } = require('node:module');
    console.log(JSON.stringify({ status: res.status, fromNodeModules, compileCache: Boolean(getCompileCacheDir?.()) }));`);
  expect(result).toMatchObject({ status: 200, fromNodeModules: [] });
  // Which way it loads: with the build's code cache, unless Node's own compile cache is on.
  const modules = fileURLToPath(new URL('../src/prism-modules.ts', import.meta.url));
  const script = `import(${JSON.stringify(modules)}).then(({ prismBundle }) => console.log(JSON.stringify(prismBundle.loadedWith)));`;
  const loadedWith = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }),
  );
  expect(loadedWith).toBe((result as { compileCache: boolean }).compileCache ? 'require' : 'code-cache');
}, 60_000);

it("the CLI's one-file build loads with the code cache the build stored for it", () => {
  const loader = fileURLToPath(new URL('../src/prebuilt.ts', import.meta.url));
  const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
  const script = `import(${JSON.stringify(loader)}).then(({ loadPrebuilt }) => {
    const { loadedWith, exports } = loadPrebuilt(${JSON.stringify(cli)});
    const { getCompileCacheDir } = require('node:module');
    console.log(JSON.stringify({ loadedWith, main: typeof exports.main, compileCache: Boolean(getCompileCacheDir?.()) }));
  });`;
  const result = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
  expect(result).toEqual({
    loadedWith: result.compileCache ? 'require' : 'code-cache',
    main: 'function',
    compileCache: result.compileCache,
  });
}, 60_000);

it('loads a prebuilt file with its code cache, and compiles it afresh when the cache is not its own', () => {
  const file = join(work, 'answer.cjs');
  writeFileSync(
    file,
    'module.exports = { answer: () => 42, helper: require("helper").name, path: require("node:path").sep };',
  );
  const standIns = { helper: () => ({ name: 'stand-in' }) };
  const first = loadPrebuilt<{ answer(): number; helper: string; path: string }>(file, standIns);
  expect(first.loadedWith).toBe('compiled');
  expect([first.exports.answer(), first.exports.helper, first.exports.path]).toEqual([42, 'stand-in', '/']);
  writeFileSync(codeCachePath(file), first.createCodeCache());
  const cached = inFreshNodeLoad(file);
  expect(cached).toEqual({ loadedWith: 'code-cache', answer: 42 });
  // Another source of the same file: V8 refuses the cache, the file still loads.
  writeFileSync(file, 'module.exports = { answer: () => 43, helper: require("helper").name, path: "" };');
  expect(inFreshNodeLoad(file)).toEqual({ loadedWith: 'compiled', answer: 43 });
}, 60_000);

function inFreshNodeLoad(file: string): unknown {
  const loader = fileURLToPath(new URL('../src/prebuilt.ts', import.meta.url));
  const script = `
    import(${JSON.stringify(loader)}).then(({ loadPrebuilt }) => {
      const loaded = loadPrebuilt(${JSON.stringify(file)}, { helper: () => ({ name: 'x' }) });
      console.log(JSON.stringify({ loadedWith: loaded.loadedWith, answer: loaded.exports.answer() }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

it('starting reads each bundled OpenAPI document once, in both modes, and no AsyncAPI one', () => {
  const countReads = `
    const fs = require('node:fs');
    const reads = {};
    const original = fs.readFileSync;
    fs.readFileSync = function (path, ...rest) {
      const name = String(path).match(/(openapi|asyncapi)[^\\\\/]*$/)?.[0];
      if (name) reads[name] = (reads[name] ?? 0) + 1;
      return original.call(this, path, ...rest);
    };
    require('node:module').syncBuiltinESMExports();`;
  const result = inFreshNode(
    `
    const sandbox = await mock.startSandbox({ port: 0 });
    const afterSandbox = { ...reads };
    await sandbox.close();
    for (const key of Object.keys(reads)) delete reads[key];
    const server = await mock.startMockServer({ port: 0 });
    await server.close();
    console.log(JSON.stringify({ sandbox: afterSandbox, static: reads }));`,
    countReads,
  );
  expect(result).toEqual({
    // The AsyncAPI bundle waits for the first inbound action (the sandbox's known events).
    sandbox: { 'openapi.json': 1, 'openapi-v2.json': 1 },
    static: { 'openapi.json': 1, 'openapi-v2.json': 1 },
  });
}, 60_000);

it("the bundle's fp-ts dual (copying no arguments) calls its body as fp-ts's own does, both ways", () => {
  // The fp-ts Prism requires, as the build finds it.
  const fromPrism = createRequire(require.resolve('@stoplight/prism-http'));
  const path = fromPrism.resolve('fp-ts/lib/function.js');
  const patched = { exports: {} as { dual: typeof realDual } };
  // The module as the build rewrites it, run as CommonJS (it requires nothing).
  new Function('exports', 'module', 'require', dualWithoutCopies(readFileSync(path, 'utf8'), path))(
    patched.exports,
    patched,
    require,
  );
  const realDual = (fromPrism('fp-ts/lib/function.js') as { dual: (arity: unknown, body: unknown) => unknown }).dual;
  type Dual = (arity: unknown, body: unknown) => (this: unknown, ...args: unknown[]) => unknown;
  // What the body saw: its `this` and every argument, in order.
  const run = (dual: Dual, arity: number | 'predicate', self: unknown, args: unknown[]) => {
    const seen: unknown[] = [];
    const body = function (this: unknown, ...received: unknown[]) {
      seen.push(this, received.length, ...received);
      return received.length;
    };
    const isDataFirst = arity === 'predicate' ? (a: IArguments) => typeof a[0] === 'string' : arity;
    const fn = dual(isDataFirst, body);
    const out = fn.apply(self, args) as ((data: unknown) => unknown) | number;
    const applied = typeof out === 'function' ? out('data') : out;
    return { applied, seen, curried: typeof out === 'function' };
  };
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant('predicate' as const)),
      fc.anything(),
      fc.array(fc.oneof(fc.anything(), fc.array(fc.anything())), { maxLength: 5 }),
      (arity, self, args) => {
        expect(run(patched.exports.dual as Dual, arity, self, args)).toEqual(run(realDual as Dual, arity, self, args));
      },
    ),
    { numRuns: 500 },
  );
});

it("the bundle's stand-in for lodash gives each function it has, and each behaves as the whole lodash's", () => {
  // The lodash Prism requires, as the build finds it, and the stand-in run as CommonJS from there.
  const fromPrism = createRequire(require.resolve('@stoplight/prism-http'));
  expect((fromPrism('lodash/package.json') as { version: string }).version).toBe(LODASH_VERSION);
  const standIn = { exports: {} as Record<string, unknown> };
  new Function('module', 'require', lodashFunctionsSource())(standIn, fromPrism);
  const whole = fromPrism('lodash') as Record<string, unknown>;
  expect(Object.keys(standIn.exports)).toEqual([...LODASH_FUNCTIONS]);
  type Fn = (...args: unknown[]) => unknown;
  // A value in plain data: each object by its kind and own keys in order (functions by kind
  // alone, as the two sides are handed equal functions that are not the same object).
  const plainData = (value: unknown): unknown => {
    if (typeof value === 'function') return '[function]';
    if (typeof value !== 'object' || value === null) return Object.is(value, -0) ? '[-0]' : value;
    const kind = Object.prototype.toString.call(value);
    const prototype = Object.getPrototypeOf(value);
    const made = prototype === null ? 'null' : (prototype.constructor?.name ?? '?');
    const keys = Reflect.ownKeys(value).map((key) => [
      String(key),
      plainData((value as Record<PropertyKey, unknown>)[key]),
    ]);
    return { kind, made, keys };
  };
  // What a call gives: its result (a function by what it answers), what became of its
  // arguments (some functions write to the first), or what it threw.
  const outcome = (fn: Fn, args: unknown[]) => {
    try {
      const result = fn(...args);
      return plainData({ result: typeof result === 'function' ? (result as Fn)('x', 2) : result, args });
    } catch (error) {
      return { threw: (error as Error).constructor.name, message: (error as Error).message };
    }
  };
  // Short keys (never `length`: an object with a length of two billion is a long loop on both
  // sides), some that lodash treats apart, paths and functions (iteratees, customisers).
  const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('constructor', '__proto__', 'a.b', 'a[0]'));
  const anything = (maxDepth: number) => fc.anything({ maxDepth, maxKeys: 3, key });
  const value = fc.oneof(
    anything(2),
    fc.func(anything(1)),
    fc.array(fc.oneof(key, fc.integer({ min: -1, max: 3 })), { maxLength: 3 }),
    fc.dictionary(key, anything(1), { maxKeys: 4 }),
  );
  for (const name of LODASH_FUNCTIONS) {
    fc.assert(
      fc.property(fc.clone(fc.array(value, { maxLength: 4 }), 2), ([mine, theirs]) => {
        expect(outcome(standIn.exports[name] as Fn, mine), name).toEqual(outcome(whole[name] as Fn, theirs));
      }),
      { numRuns: 300 },
    );
  }
});

it('the build refuses a module that reads from lodash what its stand-in lacks', () => {
  const uses = (body: string) => () => checkLodashUse(`const lodash_1 = require("lodash");\n${body}`, 'x.js');
  expect(uses('(0, lodash_1.pickBy)(a); lodash_1.get(a, "b");')).not.toThrow();
  expect(uses('(0, lodash_1.debounce)(a);')).toThrow(/lodash\.debounce/);
  expect(uses('call(lodash_1);')).toThrow(/lodash itself/);
  expect(() => checkLodashUse('const { get } = require("lodash");', 'x.js')).toThrow(/does not expect/);
});

it("the bundle's Prism gathers parameter values in loops and validates them as Prism's own lodash gathering does", () => {
  // Prism's params.js as installed and as the build rewrites it, each run as CommonJS from
  // Prism's folder, so both use the same lodash, fp-ts, deserializers and Ajv.
  const path = require.resolve('@stoplight/prism-http/dist/validator/validators/params.js');
  const fromParams = createRequire(path);
  type Validate = (
    target: unknown,
    specs: unknown[],
    context: unknown,
    bundle: unknown,
  ) => (style: { deserializers: unknown; prefix: string; defaultStyle: string }) => unknown;
  const original = (fromParams(path) as { validateParams: Validate }).validateParams;
  const rewritten = { exports: {} as { validateParams: Validate } };
  new Function('exports', 'module', 'require', parameterValuesByLoops(readFileSync(path, 'utf8'), path))(
    rewritten.exports,
    rewritten,
    fromParams,
  );
  const deserializers = fromParams('../deserializers') as Record<string, unknown>;
  const places = [
    { deserializers: deserializers.query, prefix: 'query', defaultStyle: 'form' },
    { deserializers: deserializers.header, prefix: 'header', defaultStyle: 'simple' },
    { deserializers: deserializers.path, prefix: 'path', defaultStyle: 'simple' },
  ];
  const name = fc.constantFrom(
    'chatId',
    'ChatId',
    'CHATID',
    'limit',
    'ids',
    'filter',
    'x-Key',
    '__proto__',
    'constructor',
  );
  const schema = fc.constantFrom(
    undefined,
    { type: 'string' },
    { type: 'string', pattern: '^[0-9]+@c\\.us$' },
    { type: 'integer', minimum: 1 },
    { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
    { type: 'array', items: { type: 'integer' } },
    { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } },
  );
  const spec = fc.record(
    {
      name,
      style: fc.constantFrom('form', 'simple', 'deepObject', 'spaceDelimited', 'pipeDelimited', 'label', 'matrix'),
      explode: fc.boolean(),
      required: fc.boolean(),
      deprecated: fc.boolean(),
      schema,
    },
    { requiredKeys: ['name'] },
  );
  const text = fc.constantFrom('', '1', '-5', 'abc', 'true', '447700900123@c.us', 'a,b', 'a,1,b,2');
  const target = fc.dictionary(
    fc.oneof(name, fc.constantFrom('filter[a]', 'ids[0]', 'other')),
    fc.oneof(text, fc.array(text, { maxLength: 2 })),
    { maxKeys: 6 },
  );
  // What a validation gives, or what it threw (a delimited style on a value that is not an array).
  const outcome = (validate: Validate, args: [unknown, unknown[]], place: (typeof places)[number]) => {
    try {
      return JSON.parse(JSON.stringify(validate(args[0], args[1], 'input', undefined)(place)));
    } catch (error) {
      return { threw: (error as Error).message };
    }
  };
  fc.assert(
    fc.property(
      fc.clone(fc.tuple(target, fc.array(spec, { minLength: 1, maxLength: 4 })), 2),
      fc.constantFrom(...places),
      ([mine, theirs], place) => {
        expect(outcome(rewritten.exports.validateParams, mine, place)).toEqual(outcome(original, theirs, place));
      },
    ),
    { numRuns: 400 },
  );
});
