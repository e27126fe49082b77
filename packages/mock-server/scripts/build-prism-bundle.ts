// Build step: dist/prism.cjs, the Prism modules the mock uses in one file (src/prism-bundle.ts
// says why). The modules Prism requires but the mock rarely uses become stand-ins that load
// the installed copy on first use (src/deferred-modules.ts); everything else of Prism is
// inside, and dist/prism.cjs.licenses.txt carries the licence of every package that is.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { DEFERRED_MODULES } from '../src/deferred-modules.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const ENTRY = join(here, '../src/prism-bundle.ts');
const DEFERRED = join(here, '../src/deferred-modules.ts');
export const PRISM_BUNDLE = join(here, '../dist/prism.cjs');
const prismDir = dirname(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
const FROM_PRISM = new Set(['json-schema-faker', '@stoplight/yaml']);
const PRISM_FORWARDER = /prism-http[\\/]dist[\\/]forwarder[\\/]index\.js$/;
/** Prism's module that validates values against schemas, with one set of Ajv instances per draft. */
const PRISM_SCHEMA_CHECKS = /prism-http[\\/]dist[\\/]validator[\\/]validators[\\/]utils\.js$/;
/** fp-ts's functions, with `dual`: what makes each of its pipeable functions callable both ways. */
const FP_TS_FUNCTION = /fp-ts[\\/]lib[\\/]function\.js$/;
/**
 * fp-ts's `dual` copies its arguments into a new array on every call, and a call that returns
 * the data-last form copies them again, with tslib's spread helper, when that form is applied.
 * Prism's validators make a dozen such calls per request: under load that was the largest self
 * time of a static answer. The same function, minus the copies where nothing needs them: the
 * body receives the same arguments, with the same `this`, in both forms.
 */
const FP_TS_DUAL_CALL =
  /return function \(\) \{\s*var args = Array\.from\(arguments\);\s*if \(isDataFirst\(arguments\)\) \{\s*return body\.apply\(this, args\);\s*\}\s*return function \(self\) \{ return body\.apply\(void 0, __spreadArray\(\[self\], args, false\)\); \};\s*\};/;
const FP_TS_DUAL_CALL_WITHOUT_COPIES = `return function () {
        if (isDataFirst(arguments)) return body.apply(this, arguments);
        if (arguments.length === 1) {
            var only = arguments[0];
            return function (self) { return body(self, only); };
        }
        var args = Array.from(arguments);
        return function (self) { return body.apply(void 0, [self].concat(args)); };
    };`;
/** Prism's module that validates query, header and path parameters against their specs. */
const PRISM_PARAMS = /prism-http[\\/]dist[\\/]validator[\\/]validators[\\/]params\.js$/;
/**
 * How Prism gathers a request's parameter values: lodash's keyBy, mapValues and pickBy, and,
 * once per documented parameter, a copy of all of the request's values under lower-cased
 * names (mapKeys), so its cost grows with parameters times values; under load the gathering
 * was a third of Prism's share of an answer. PARAMETER_VALUES_BY_LOOPS is the same, in loops,
 * with that copy made once: no deserializer writes to what it is handed, and each is called
 * for the same parameters, in the same order, with the same arguments.
 */
const PARAMETER_VALUES =
  /const parameterValues = \(0, lodash_1\.pickBy\)\(\(0, lodash_1\.mapValues\)\(\(0, lodash_1\.keyBy\)\(specs, s => s\.name\.toLowerCase\(\)\), el => \{\s*const resolvedStyle = el\.style \|\| defaultStyle;\s*const deserializer = deserializers\[resolvedStyle\];\s*return deserializer\s*\? deserializer\(el\.name\.toLowerCase\(\), \(0, lodash_1\.mapKeys\)\(target, \(_value, key\) => key\.toLowerCase\(\)\), schema\.properties && schema\.properties\[el\.name\.toLowerCase\(\)\], el\.explode \|\| false\)\s*: undefined;\s*\}\)\);/;
const PARAMETER_VALUES_BY_LOOPS = `const parameterValues = parameterValuesByLoops(target, specs, deserializers, defaultStyle, schema);`;
const PARAMETER_VALUES_HELPERS = `
// Written in by the mock's build (scripts/build-prism-bundle.ts, PARAMETER_VALUES).
function assignOwnByLoops(object, key, value) {
    // lodash's baseAssignValue: \`__proto__\` becomes an own property, never the prototype.
    if (key === '__proto__') Object.defineProperty(object, key, { configurable: true, enumerable: true, value, writable: true });
    else object[key] = value;
}
function parameterValuesByLoops(target, specs, deserializers, defaultStyle, schema) {
    const byName = {};
    for (const spec of specs) assignOwnByLoops(byName, spec.name.toLowerCase(), spec);
    let lowered;
    const values = {};
    for (const name of Object.keys(byName)) {
        const el = byName[name];
        const deserializer = deserializers[el.style || defaultStyle];
        if (!deserializer) continue;
        if (lowered === undefined) {
            lowered = {};
            for (const key of Object.keys(target)) assignOwnByLoops(lowered, key.toLowerCase(), target[key]);
        }
        const value = deserializer(el.name.toLowerCase(), lowered, schema.properties && schema.properties[el.name.toLowerCase()], el.explode || false);
        // lodash's pickBy keeps what is truthy, and its baseSet leaves these three names out.
        if (value && name !== '__proto__' && name !== 'constructor' && name !== 'prototype') values[name] = value;
    }
    return values;
}
`;

/** Prism's params.js (\`source\`, read from \`path\`) gathering parameter values in loops (PARAMETER_VALUES says why). */
export function parameterValuesByLoops(source: string, path: string): string {
  if (!PARAMETER_VALUES.test(source)) {
    throw new Error(`${path}: Prism's parameter validator no longer gathers values as the build expects`);
  }
  return `${source.replace(PARAMETER_VALUES, PARAMETER_VALUES_BY_LOOPS)}${PARAMETER_VALUES_HELPERS}`;
}

/**
 * Inside the bundle, but run on first use: Prism reaches each only through a property it reads
 * when it calls it, so a stand-in (deferred-modules.ts' `lazyObject`) can wait until then.
 * `callable`: the module is a function Prism calls (`pino(options)`).
 */
const ON_FIRST_USE: { specifier: string; importer: RegExp; callable?: true }[] = [
  // The reading of a document afresh (http-spec, the $ref resolver, YAML): stored for the bundles.
  { specifier: './utils/operations', importer: /prism-http[\\/]dist[\\/]index\.js$/ },
  { specifier: './instanceWithSpec', importer: /prism-http[\\/]dist[\\/]index\.js$/ },
  // Only a failed security check uses it, and building its curried functions is slow.
  { specifier: 'lodash/fp', importer: /prism-http[\\/]dist[\\/]validator[\\/]validators[\\/]security[\\/]index\.js$/ },
  // The agents of proxy mode (with TLS), which the mock never runs. Prism's log of every answer
  // reaches the rest of its forwarder (its body serializer), so that part stays.
  { specifier: 'http-proxy-agent', importer: PRISM_FORWARDER, callable: true },
  { specifier: 'https-proxy-agent', importer: PRISM_FORWARDER, callable: true },
  // Generated answers (json-schema-faker, its $ref parser and YAML reader, the sampler): an
  // answer from a documented example needs none of it.
  { specifier: './generator/JSONSchema', importer: /prism-http[\\/]dist[\\/]mocker[\\/]index\.js$/ },
  { specifier: './JSONSchema', importer: /prism-http[\\/]dist[\\/]mocker[\\/]generator[\\/]HttpParamGenerator\.js$/ },
  // Prism's own logger, for which the mock hands it a silent stand-in (src/prism.ts).
  { specifier: 'pino', importer: /prism-core[\\/]dist[\\/]logger\.js$/, callable: true },
  // Callbacks, the requests an operation's answer makes the mock send (with node-fetch, chalk
  // and a JSON Pointer reader of their own): only an operation that documents callbacks runs them.
  { specifier: './callback/callbacks', importer: /prism-http[\\/]dist[\\/]mocker[\\/]index\.js$/ },
  // MIME types by file extension (mime-db's 2,000 entries, indexed when loaded): type-is and
  // accepts look one up only for a bare extension (`json`); Prism hands them full media types.
  { specifier: 'mime-types', importer: /node_modules[\\/](type-is|accepts)[\\/]index\.js$/ },
  // JSON Schema 2019-09 and 2020-12 validators: Prism's reading marks every schema draft-07.
  { specifier: 'ajv/dist/2019', importer: PRISM_SCHEMA_CHECKS },
  { specifier: 'ajv/dist/2020', importer: PRISM_SCHEMA_CHECKS },
];

/**
 * The lodash functions the bundled modules call on the whole of `require('lodash')`. Loading
 * lodash.js builds all three hundred of its functions and their chaining wrappers (the largest
 * share of evaluating the bundle); each of these is lodash's own module for that one function,
 * of the same lodash release, required when first read. The build refuses a bundle in which
 * a module reads any other member of it (LODASH_MEMBER_USE).
 */
export const LODASH_FUNCTIONS = [
  'cloneDeep',
  'compact',
  'defaults',
  'defaultsDeep',
  'escapeRegExp',
  'flatten',
  'get',
  'groupBy',
  'has',
  'inRange',
  'isEmpty',
  'isEqualWith',
  'isMatch',
  'isNumber',
  'isString',
  'keyBy',
  'mapKeys',
  'mapValues',
  'omit',
  'partial',
  'pick',
  'pickBy',
  'set',
  'setWith',
  'tail',
  'trimStart',
  'upperFirst',
] as const;
/** The lodash release whose one-function modules the bundle uses instead of its whole (see LODASH_FUNCTIONS). */
export const LODASH_VERSION = '4.18.1';

/** The source of the stand-in for `require('lodash')`: one getter per function, each requiring lodash's own module. */
export function lodashFunctionsSource(): string {
  const getters = LODASH_FUNCTIONS.map(
    (name) => `  get ${name}() { return require(${JSON.stringify(`lodash/${name}.js`)}); },`,
  );
  return `module.exports = {\n${getters.join('\n')}\n};\n`;
}

/** `x = require("lodash")` (or with single quotes), in a module that requires the whole of lodash. */
const LODASH_BINDING = /\b(?:var|let|const)\s+([\w$]+)\s*=\s*require\((["'])lodash\2\)/g;

/**
 * Refuses a module (`source`, read from `path`) that uses the whole of lodash other than by
 * reading one of LODASH_FUNCTIONS from the name it bound it to: the stand-in has nothing else.
 */
export function checkLodashUse(source: string, path: string): void {
  const names = [...source.matchAll(LODASH_BINDING)].map((m) => m[1] as string);
  const requires = source.match(/require\((["'])lodash\1\)/g)?.length ?? 0;
  if (names.length === 0 || names.length !== requires) {
    throw new Error(`${path}: requires lodash in a way the build's stand-in does not expect`);
  }
  const known = new Set<string>(LODASH_FUNCTIONS);
  for (const name of new Set(names)) {
    const escaped = name.replace(/\$/g, '\\$');
    for (const use of source.matchAll(
      new RegExp(`(?<![\\w$.'"/])${escaped}(?![\\w$'"/])(\\s*\\.\\s*([\\w$]+))?`, 'g'),
    )) {
      const member = use[2];
      const declaration = /^\s*=\s*require\(/.test(source.slice((use.index ?? 0) + name.length));
      if (declaration) continue;
      if (member === undefined || !known.has(member)) {
        throw new Error(
          `${path}: reads ${member === undefined ? 'lodash itself' : `lodash.${member}`}, which the build's stand-in for lodash does not have`,
        );
      }
    }
  }
}

const prismLayout: Plugin = {
  name: 'prism-layout',
  setup(b) {
    b.onResolve({ filter: /^lodash$/ }, async (args) => {
      checkLodashUse(await readFile(args.importer, 'utf8'), args.importer);
      const version = (createRequire(args.importer)('lodash/package.json') as { version: string }).version;
      if (version !== LODASH_VERSION) {
        throw new Error(
          `${args.importer}: requires lodash ${version}; the build's stand-in is checked against ${LODASH_VERSION}`,
        );
      }
      return { path: 'lodash', namespace: 'lodash-functions', pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lodash-functions' }, (args) => ({
      contents: lodashFunctionsSource(),
      resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      loader: 'js',
    }));
    // The entry's json-schema-faker and YAML reader are the ones Prism itself requires.
    b.onResolve({ filter: /^(json-schema-faker|@stoplight\/yaml)$/ }, (args) =>
      args.importer === ENTRY && FROM_PRISM.has(args.path)
        ? b.resolve(args.path, { resolveDir: prismDir, kind: args.kind })
        : undefined,
    );
    // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build is the same code.
    b.onResolve({ filter: /^jsonc-parser$/ }, (args) =>
      b.resolve('jsonc-parser/lib/esm/main.js', { resolveDir: args.resolveDir, kind: args.kind }),
    );
    const later = new RegExp(`^(${ON_FIRST_USE.map((m) => m.specifier.replace(/[./]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: later }, async (args) => {
      const entry = ON_FIRST_USE.find((m) => m.specifier === args.path && m.importer.test(args.importer));
      if (!entry) return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind });
      // Named relative to the package, like every module in the file.
      return { path: relative(packageDir, real.path), namespace: 'on-first-use', pluginData: entry };
    });
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (args) => {
      const entry = args.pluginData as (typeof ON_FIRST_USE)[number];
      const real = `require(${JSON.stringify(join(packageDir, args.path))})`;
      const options = entry.callable ? ', { callable: true }' : '';
      return {
        contents: `module.exports = require(${JSON.stringify(DEFERRED)}).lazyObject(() => ${real}${options});`,
        resolveDir: here,
        loader: 'js',
      };
    });
    // Prism makes an Ajv pair (coercing or not) for each JSON Schema draft when it loads, and
    // uses the pair of the schema's draft: each is made when first used instead.
    b.onLoad({ filter: PRISM_SCHEMA_CHECKS }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = /const ajvInstances = \{\n((?:\s+\w+: createAjvInstances\([\w.]+\),\n)+)\};/;
      const match = eager.exec(source);
      if (!match) throw new Error(`${args.path}: Prism's Ajv instances are no longer made as the build expects`);
      const members = (match[1] as string).replace(
        /(\w+): (createAjvInstances\([\w.]+\))/g,
        `$1: require(${JSON.stringify(DEFERRED)}).lazyObject(() => $2)`,
      );
      return { contents: source.replace(eager, `const ajvInstances = {\n${members}};`), loader: 'js' };
    });
    b.onLoad({ filter: PRISM_PARAMS }, async (args) => {
      return { contents: parameterValuesByLoops(await readFile(args.path, 'utf8'), args.path), loader: 'js' };
    });
    b.onLoad({ filter: FP_TS_FUNCTION }, async (args) => {
      return { contents: dualWithoutCopies(await readFile(args.path, 'utf8'), args.path), loader: 'js' };
    });
    const deferred = new RegExp(`^(${DEFERRED_MODULES.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter: deferred }, (args) => ({ path: args.path, namespace: 'deferred' }));
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      // `require.resolve` runs in dist/prism.cjs: the installed Prism, as the package depends on
      // it (a name in a variable, so esbuild leaves the call to run time without a warning).
      contents: `const prism = '@stoplight/prism-http';\nmodule.exports = require(${JSON.stringify(DEFERRED)}).standIn(${JSON.stringify(args.path)}, require.resolve(prism));`,
      resolveDir: here,
      loader: 'js',
    }));
  },
};

/** fp-ts's lib/function.js (`source`, read from `path`) with `dual` copying no arguments (FP_TS_DUAL_CALL says why). */
export function dualWithoutCopies(source: string, path: string): string {
  if (!FP_TS_DUAL_CALL.test(source)) throw new Error(`${path}: fp-ts's dual is no longer written as the build expects`);
  return source.replace(FP_TS_DUAL_CALL, FP_TS_DUAL_CALL_WITHOUT_COPIES);
}

/** Builds the bundle to `outfile` (dist/prism.cjs by default) and returns its path. */
export async function buildPrismBundle(outfile = PRISM_BUNDLE): Promise<string> {
  const { metafile } = await build({
    entryPoints: [ENTRY],
    outfile,
    // Module names in the file are relative to the package: the same bytes from any folder.
    absWorkingDir: packageDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Whitespace and syntax only: Prism's names stay readable in a stack trace.
    minifyWhitespace: !process.env.PRISM_BUNDLE_READABLE,
    minifySyntax: true,
    legalComments: 'eof',
    plugins: [prismLayout],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
  writeFileSync(`${outfile}.licenses.txt`, licences(Object.keys(metafile.inputs)));
  return outfile;
}

/**
 * esbuild writes non-ASCII characters as escapes, except in regular expression literals (two of
 * Prism's dependencies have some). V8 keeps a source with even one of them as two bytes per
 * character, and reading the file then cost a UTF-8 decode of its 2 MB at every start. In a
 * regular expression, as in a string or a comment, a `\\u` escape means the same character.
 */
function asciiOnly(source: string): string {
  return source.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The name, version, licence and licence text of every package a file of the bundle comes from. */
function licences(inputs: string[]): string {
  const packages = new Set<string>();
  for (const name of inputs) {
    // Without the plugin's namespace (`on-first-use:../../node_modules/…`).
    const input = name.replace(/^[\w-]+:/, '');
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [scope, pkg] = input.slice(at + 'node_modules/'.length).split('/');
    packages.add(
      join(packageDir, input.slice(0, at), 'node_modules', scope?.startsWith('@') ? `${scope}/${pkg}` : `${scope}`),
    );
  }
  const sections = [...packages].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file
      ? readFileSync(join(dir, file), 'utf8').trim()
      : `(no licence file; package.json says ${pkg.license ?? 'nothing'})`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'see below'})\n\n${text}\n`;
  });
  return `dist/prism.cjs includes code from these packages, under these licences.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  // The code cache of the previous bundle would only be rejected: the build writes a new one.
  rmSync(`${PRISM_BUNDLE}.code-cache`, { force: true });
  const file = await buildPrismBundle();
  console.log(`prism bundle: ${file} (${Math.round(performance.now() - started)} ms)`);
}
