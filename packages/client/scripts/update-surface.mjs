#!/usr/bin/env node
// @ts-check
// Rewrites the golden public surface (surface/operations.md) from the spec. Run it after
// reviewing a change the surface test reported; commit the file with the change.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readOperations } from '@wawp/spec/tools';
import { emitSurface, SURFACE_FILE } from './lib/emit-surface.mjs';

const require = createRequire(import.meta.url);
const doc = JSON.parse(await readFile(require.resolve('@wawp/spec/openapi.json'), 'utf8'));
await writeFile(new URL(`../${SURFACE_FILE}`, import.meta.url), emitSurface(readOperations(doc)));
console.log(`wrote ${SURFACE_FILE}`);
