#!/usr/bin/env node
// Bundles the multi-file sources into spec/dist/{openapi,asyncapi}.{json,yaml}.
// Steps: resolve $refs with Redocly, stamp info.version from package.json, turn
// x-wawp-unverified notes into visible description text, and write JSON + YAML.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, loadConfig } from '@redocly/openapi-core';
import { stringify } from 'yaml';
import { listOperations } from '../src/spec-tools.mjs';
import { addWebhooksSection } from './openapi-webhooks.mjs';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(specDir, 'dist');
const pkg = JSON.parse(await readFile(join(specDir, 'package.json'), 'utf8'));

const started = performance.now();
const config = await loadConfig({ configPath: join(specDir, 'redocly.yaml') });

async function bundleOne(root) {
  const { bundle: result, problems } = await bundle({ ref: join(specDir, root), config, dereference: false });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    for (const p of errors) console.error(`  ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
    throw new Error(`bundling ${root} failed with ${errors.length} error(s)`);
  }
  return result.parsed;
}

/** Appends the unverified note to the description so readers of the docs see it. */
function surfaceConfidenceNotes(openapi) {
  for (const { operation: op } of listOperations(openapi)) {
    if (!op['x-wawp-confidence']) continue;
    const note = op['x-wawp-unverified']?.trim() ?? 'Details of this operation are not confirmed by the vendor.';
    op.description = `${op.description.trimEnd()}\n\n> **Confidence: ${op['x-wawp-confidence']}.** ${note}\n`;
  }
}

// Write-then-rename, so a reader (another package's generator or a running mock) never sees half a file.
async function writeAtomically(path, text) {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

async function write(name, doc) {
  await writeAtomically(join(distDir, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  await writeAtomically(join(distDir, `${name}.yaml`), stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }));
}

await mkdir(distDir, { recursive: true });

const openapi = await bundleOne('openapi/openapi.yaml');
openapi.info.version = pkg.version;
surfaceConfidenceNotes(openapi);

const asyncapi = await bundleOne('asyncapi/asyncapi.yaml');
asyncapi.info.version = pkg.version;
// The webhook events are written once, in AsyncAPI; the OpenAPI `webhooks` section is derived.
const webhookCount = addWebhooksSection(openapi, asyncapi, {
  restSchemaDir: join(specDir, 'openapi/components/schemas'),
});

await write('openapi', openapi);
await write('asyncapi', asyncapi);

const ops = listOperations(openapi).length;
console.log(
  `bundled openapi (${ops} operations, ${webhookCount} webhooks) and asyncapi (${Object.keys(asyncapi.operations ?? {}).length} operations) ` +
    `to ${distDir} in ${Math.round(performance.now() - started)} ms`,
);
