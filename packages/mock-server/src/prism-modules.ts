// Prism's modules, loaded here and nowhere else: ES modules run their imports first, so a
// second module requiring Prism on its own could load it before its fakers are deferred
// (lazy-faker.ts), and start-up would pay for them again.
import { createRequire } from 'node:module';
import { deferFakerLoading } from './lazy-faker.js';

const require = createRequire(import.meta.url);
const prismEntry = require.resolve('@stoplight/prism-http');
deferFakerLoading(prismEntry);
// Prism ships CommonJS only; loading it with require keeps the ESM and CJS builds identical.
export const prismHttp = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
export const prismCore = require('@stoplight/prism-core') as typeof import('@stoplight/prism-core');
export const PRISM_HTTP_VERSION = (require('@stoplight/prism-http/package.json') as { version: string }).version;

const requireFromPrism = createRequire(prismEntry);
// Prism's data generator is a process-wide singleton: a seeded request leaves its seeded random
// source installed. Unseeded dynamic requests put Math.random back, so a seeded server in the
// same process (a test suite) does not make another server's "random" data repeat.
export const schemaFaker = requireFromPrism('json-schema-faker') as {
  JSONSchemaFaker: { option(name: 'random', value: () => number): void };
};
// Prism's own YAML reader, so a YAML document's root extensions are read as Prism reads the rest.
export const prismYaml = requireFromPrism('@stoplight/yaml') as { parse(text: string): unknown };
