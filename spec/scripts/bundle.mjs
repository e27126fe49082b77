#!/usr/bin/env node
// Bundles the multi-file sources into spec/dist/{openapi,openapi-v2,asyncapi}.{json,yaml}:
// the v1 and v2 REST descriptions (two roots over one set of components) and the webhooks.
// Steps: resolve $refs with Redocly, stamp info.version from package.json, turn
// x-wawp-unverified notes into visible description text, generate the request bodies of
// the parameter placement rule, and write JSON + YAML.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, loadConfig } from '@redocly/openapi-core';
import { stringify } from 'yaml';
import { listOperations } from '../src/spec-tools.mjs';
import { addWebhooksSection } from './openapi-webhooks.mjs';
import { addPlacementBodies } from './parameter-placement.mjs';

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

/**
 * Appends the unverified note to the description so readers of the docs see it. v1 writes
 * the note as one text; v2 as a list of items (and marks confirmed operations `high`).
 */
function surfaceConfidenceNotes(openapi) {
  for (const { operation: op } of listOperations(openapi)) {
    const confidence = op['x-wawp-confidence'];
    if (!confidence) continue;
    const unverified = op['x-wawp-unverified'];
    let note;
    if (Array.isArray(unverified)) {
      if (unverified.length === 0) continue;
      note = `Not confirmed:\n${unverified.map((item) => `> - ${item}`).join('\n')}`;
    } else note = unverified?.trim() ?? 'Details of this operation are not confirmed by the vendor.';
    op.description = `${op.description.trimEnd()}\n\n> **Confidence: ${confidence}.** ${note}\n`;
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

/** One REST description, bundled and finished the same way for v1 and v2. */
async function bundleRest(root) {
  const doc = await bundleOne(root);
  doc.info.version = pkg.version;
  surfaceConfidenceNotes(doc);
  // Written once as a root rule; every operation's optional JSON and form bodies come from it.
  addPlacementBodies(doc);
  return doc;
}

const openapi = await bundleRest('openapi/openapi.yaml');
const openapiV2 = await bundleRest('openapi/openapi-v2.yaml');

const asyncapi = await bundleOne('asyncapi/asyncapi.yaml');
asyncapi.info.version = pkg.version;
// The webhook events are written once, in AsyncAPI; the OpenAPI `webhooks` section is derived.
// Both REST versions deliver the same events (one engine), so both show them.
const restSchemaDir = join(specDir, 'openapi/components/schemas');
const webhookCount = addWebhooksSection(openapi, asyncapi, { restSchemaDir });
addWebhooksSection(openapiV2, asyncapi, { restSchemaDir });

await write('openapi', openapi);
await write('openapi-v2', openapiV2);
await write('asyncapi', asyncapi);

const ops = listOperations(openapi).length;
console.log(
  `bundled openapi (${ops} operations, ${webhookCount} webhooks), openapi-v2 (${listOperations(openapiV2).length} operations) and asyncapi (${Object.keys(asyncapi.operations ?? {}).length} operations) ` +
    `to ${distDir} in ${Math.round(performance.now() - started)} ms`,
);
