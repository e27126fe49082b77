#!/usr/bin/env node
// @ts-check
// Rewrites the golden public surfaces (surface/operations.md for v1, surface/operations-v2.md
// for v2) from the specs. Run it after reviewing a change the surface test reported; commit
// the file with the change.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readOperations } from '@wawp/spec/tools';
import { API_VERSIONS } from './lib/api-versions.mjs';
import { emitSurface } from './lib/emit-surface.mjs';

const require = createRequire(import.meta.url);
for (const api of API_VERSIONS) {
  const doc = JSON.parse(await readFile(require.resolve(api.spec), 'utf8'));
  await writeFile(new URL(`../${api.surface}`, import.meta.url), emitSurface(readOperations(doc), api.title));
  console.log(`wrote ${api.surface}`);
}
