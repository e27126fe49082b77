// The entry of dist/prism.cjs, the one-file build of the Prism modules the mock uses
// (scripts/build-prism-bundle.ts builds it; src/prism-modules.ts loads it). Loading Prism
// from node_modules meant finding, reading and compiling some 600 CommonJS files: most of
// the mock's start-up. Prism ships CommonJS only, and this file stays CommonJS too.
import { lazyObject } from './deferred-modules.js';

// Prism's own entry (its router, its request pipeline, its reading of documents, its proxy) is
// loaded on first use: a routed request needs only the validators and the mocker below, and
// the entry's modules were a tenth of the mock's start-up.
export const prismHttp = lazyObject(() => require('@stoplight/prism-http')) as typeof import('@stoplight/prism-http');
// Prism's request validators and its mocker, the pieces its request pipeline is made of: the mock
// calls them itself for one operation it has routed already (prism-request.ts says why). The
// same module instances as the ones above use.
export const prismValidator =
  require('@stoplight/prism-http/dist/validator') as typeof import('@stoplight/prism-http/dist/validator');
export const prismMock = (
  require('@stoplight/prism-http/dist/mocker') as typeof import('@stoplight/prism-http/dist/mocker')
).default;
export const PRISM_HTTP_VERSION = (require('@stoplight/prism-http/package.json') as { version: string }).version;
// The build resolves these two from Prism's own folder, so they are the copies Prism uses.
// Prism's data generator is a process-wide singleton: a seeded request leaves its seeded random
// source installed. Unseeded dynamic requests put Math.random back, so a seeded server in the
// same process (a test suite) does not make another server's "random" data repeat. Loaded on
// first use, as Prism's own generator is (scripts/build-prism-bundle.ts).
export const schemaFaker = lazyObject(() => require('json-schema-faker')) as {
  JSONSchemaFaker: { option(name: 'random', value: () => number): void };
};
// Prism's own YAML reader, so a YAML document's root extensions are read as Prism reads the
// rest; loaded on first use, as Prism's own reading of documents is (a bundle needs neither).
export const prismYaml = lazyObject(() => require('@stoplight/yaml')) as { parse(text: string): unknown };
