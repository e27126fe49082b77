#!/usr/bin/env node
// @ts-check
// Generates everything under src/generated/ from the bundled spec of @wawp/spec, all from
// the one operation model of @wawp/spec/tools:
//   openapi.ts       types (openapi-typescript), REST operations only
//   operations.ts    one tree-shakeable `defineOperation({ … })` per operation (the operation face)
//   groups.ts        the operations by group and method name, for `createWawp`
//   operations.json  the operation model itself (shipped as @wawp/client/operations.json)
//   type-samples.ts  compile-time checks of both faces for a sample of every tag
//   client-facts.ts  version, retry-safe route overrides and known error codes for the runtime
// The output is a build artefact: git-ignored, cached by turbo, never edited by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readOperations } from '@wawp/spec/tools';
import openapiTS, { astToString } from 'openapi-typescript';
import { emitClientFacts } from './lib/emit-client-facts.mjs';
import { emitGroups, emitOperations, HEADER } from './lib/emit-operations.mjs';
import { emitTypeSamples } from './lib/emit-type-samples.mjs';

const require = createRequire(import.meta.url);
const outDir = new URL('../src/generated/', import.meta.url);

const started = performance.now();
const doc = JSON.parse(await readFile(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
// The webhooks are requests the API sends, not operations the client calls: they are left
// out of the input, so the types have no `receive*` operation without a runtime function.
const { webhooks: _webhooks, ...restOnly } = doc;
const ast = await openapiTS(restOnly, {
  // Optional query parameters stay optional; required ones are required in the types.
  alphabetize: false,
  exportType: false,
  rootTypes: false,
  enum: false,
});
const ops = readOperations(doc);
const samples = emitTypeSamples(doc, ops);
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await mkdir(outDir, { recursive: true });
await Promise.all([
  writeFile(new URL('openapi.ts', outDir), `${HEADER}\n${astToString(ast)}`),
  writeFile(new URL('operations.ts', outDir), emitOperations(ops)),
  writeFile(new URL('groups.ts', outDir), emitGroups(ops)),
  writeFile(new URL('operations.json', outDir), `${JSON.stringify(ops, null, 2)}\n`),
  writeFile(new URL('type-samples.ts', outDir), samples.source),
  writeFile(new URL('client-facts.ts', outDir), emitClientFacts(doc, ops, version)),
]);

const groups = new Set(ops.map((o) => o.group)).size;
console.log(
  `generated src/generated/ in ${Math.round(performance.now() - started)} ms: ${ops.length} operations in ${groups} groups`,
);
for (const { tag, operations, checks } of samples.summary) {
  console.log(`  type samples ${tag}: ${operations.join(', ') || '(none)'} (${checks} must-not-compile lines)`);
}
