#!/usr/bin/env node
// @ts-check
// Generates everything under src/generated/ from the bundled specs of @wawp/spec, all from
// the one operation model of @wawp/spec/tools, once per API version (the same emitters for
// both: v1 into src/generated/, v2 into src/generated/v2/):
//   openapi.ts       types (openapi-typescript), REST operations only
//   operations.ts    one tree-shakeable `defineOperation({ … })` per operation (the operation face)
//   groups.ts        the operations by group and method name, for `createWawp` / `createWawpV2`
//   operations.json  the operation model itself (shipped as @wawp/client/operations.json, …/v2/operations.json)
//   type-samples.ts  compile-time checks of both faces for a sample of every tag
//   client-facts.ts  version, server, retry-safe route overrides and known error codes for the runtime
// The output is a build artefact: git-ignored, cached by turbo, never edited by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readOperations } from '@wawp/spec/tools';
import openapiTS, { astToString } from 'openapi-typescript';
import { API_VERSIONS } from './lib/api-versions.mjs';
import { emitClientFacts } from './lib/emit-client-facts.mjs';
import { emitGroups, emitOperations, HEADER } from './lib/emit-operations.mjs';
import { emitTypeSamples } from './lib/emit-type-samples.mjs';

const require = createRequire(import.meta.url);
const started = performance.now();
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

for (const api of API_VERSIONS) {
  const outDir = new URL(`../src/generated/${api.dir}`, import.meta.url);
  const doc = JSON.parse(await readFile(require.resolve(api.spec), 'utf8'));
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
  const samples = emitTypeSamples(doc, ops, api.runtime);

  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(new URL('openapi.ts', outDir), `${HEADER}\n${astToString(ast)}`),
    writeFile(new URL('operations.ts', outDir), emitOperations(ops, api.runtime.operation)),
    writeFile(new URL('groups.ts', outDir), emitGroups(ops)),
    writeFile(new URL('operations.json', outDir), `${JSON.stringify(ops, null, 2)}\n`),
    writeFile(new URL('type-samples.ts', outDir), samples.source),
    writeFile(new URL('client-facts.ts', outDir), emitClientFacts(doc, ops, version)),
  ]);

  const groups = new Set(ops.map((o) => o.group)).size;
  console.log(`generated src/generated/${api.dir} (${api.name}): ${ops.length} operations in ${groups} groups`);
  for (const { tag, operations, checks } of samples.summary) {
    console.log(`  type samples ${tag}: ${operations.join(', ') || '(none)'} (${checks} must-not-compile lines)`);
  }
}
console.log(`generated in ${Math.round(performance.now() - started)} ms`);
