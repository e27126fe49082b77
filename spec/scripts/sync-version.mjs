#!/usr/bin/env node
// Writes spec/package.json's version into info.version of both source documents, so the
// sources read true after `changeset version` (the bundle stamps it anyway).
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
for (const file of ['openapi/openapi.yaml', 'asyncapi/asyncapi.yaml']) {
  const url = new URL(file, root);
  const text = await readFile(url, 'utf8');
  const next = text.replace(/^(info:\n(?:[ \t].*\n|\n)*? {2}version: ).*$/m, `$1${version}`);
  if (next === text && !text.includes(`  version: ${version}`)) throw new Error(`no info.version found in ${file}`);
  await writeFile(url, next);
  console.log(`${file}: info.version = ${version}`);
}
