#!/usr/bin/env node
// Rewrites the generated tables of guides/migrating-to-v2.md from the two bundles
// (`npm run migration-guide -w @wawp/docs`); test/migration-table.test.ts checks they match.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { migrationTables, withTables } from './migration-table.mjs';

const require = createRequire(import.meta.url);
export const GUIDE_PATH = fileURLToPath(new URL('../guides/migrating-to-v2.md', import.meta.url));

/** The two REST bundles of @wawp/spec. */
export function loadDescriptions() {
  const load = (name) => JSON.parse(readFileSync(require.resolve(`@wawp/spec/${name}.json`), 'utf8'));
  return { v1: load('openapi'), v2: load('openapi-v2') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { v1, v2 } = loadDescriptions();
  const before = readFileSync(GUIDE_PATH, 'utf8');
  const after = withTables(before, migrationTables(v1, v2));
  if (after === before) console.log('migration guide: tables already up to date');
  else {
    writeFileSync(GUIDE_PATH, after);
    console.log(`migration guide: tables rewritten in ${GUIDE_PATH}`);
  }
}
