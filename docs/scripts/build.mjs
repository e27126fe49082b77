#!/usr/bin/env node
// Builds the docs site into docs/dist/, offline, from the bundled spec and the client:
//   1. adds generated TypeScript `x-codeSamples` to a docs-only copy of the OpenAPI bundle
//      (dist/openapi.json; spec/dist is never touched);
//   2. `redocly build-docs` renders that copy (REST operations and the webhooks section);
//   3. the Redoc runtime it would load from a CDN is inlined, so the page works offline and
//      from file://, and the site's navigation bar is added;
//   4. the same for the v2 description (dist/openapi-v2.json → dist/v2.html), with curl
//      samples from the spec's operation model; the navigation's version switch joins them;
//   5. the markdown guides and the changelog are rendered to dist/guides/*.html.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOperations } from '@wawp/spec/tools';
import { changelogMarkdown } from './changelog.mjs';
import { addCodeSamples } from './code-samples.mjs';
import { renderMarkdown } from './guides.mjs';
import { addSiteNavigation, inlineRedocRuntime } from './redoc-page.mjs';
import { GUIDES, guideFile, guidePage, REFERENCES, SITE_CSS } from './site.mjs';

const require = createRequire(import.meta.url);
const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(docsDir, '..');
const distDir = join(docsDir, 'dist');
const guidesDir = join(docsDir, 'guides');
const started = performance.now();

const cliDir = dirname(require.resolve('@redocly/cli/package.json'));
const redocCli = join(cliDir, 'bin', 'cli.js');
const standalonePath = join(cliDir, 'lib', 'chunks', 'redoc.standalone.js');

await rm(distDir, { recursive: true, force: true });
await mkdir(join(distDir, 'assets'), { recursive: true });
await mkdir(join(distDir, 'guides'), { recursive: true });

// 1-4. The reference pages: v1 with the client's TypeScript and curl samples, v2 with curl.
const operations = await loadOperations();
const runtime = await readFile(standalonePath, 'utf8');
for (const reference of REFERENCES) {
  const openapi = JSON.parse(await readFile(require.resolve(`@wawp/spec/${reference.spec}.json`), 'utf8'));
  // v2's client face is not in operations.json: its samples come from the spec's own model.
  const v1 = reference.spec === 'openapi';
  const decorated = v1
    ? addCodeSamples(openapi, operations.entries)
    : addCodeSamples(openapi, readOperations(openapi), { typescript: false });
  console.log(`docs: ${reference.version}: code samples for ${decorated.count} operations`);
  const decoratedPath = join(distDir, `${reference.spec}.json`);
  await writeFile(decoratedPath, `${JSON.stringify(decorated.document, null, 2)}\n`);
  const pagePath = join(distDir, reference.file);
  renderReference(decoratedPath, pagePath, `${openapi.info.title} reference`);
  const page = addSiteNavigation(await readFile(pagePath, 'utf8'), reference.id);
  await writeFile(pagePath, inlineRedocRuntime(page, runtime));
}
await writeFile(join(distDir, 'assets', 'site.css'), SITE_CSS.trimStart());

// 5. Guides.
console.log(`docs: rendering ${GUIDES.length} guide pages…`);
for (const guide of GUIDES) {
  const markdown =
    guide.source === null ? await changelogMarkdown(repoDir) : await readFile(join(guidesDir, guide.source), 'utf8');
  const { html, headings, title } = renderMarkdown(markdown);
  await writeFile(
    join(distDir, guideFile(guide.slug)),
    guidePage({ slug: guide.slug, title: title ?? guide.title, bodyHtml: html, headings }),
  );
}

const { files, bytes } = await measure(distDir);
console.log(
  `docs: built ${files} files, ${(bytes / 1024).toFixed(0)} KiB, into ${distDir} ` +
    `in ${Math.round(performance.now() - started)} ms`,
);

/** Renders one description with `redocly build-docs` to a page that still loads Redoc from a CDN. */
function renderReference(source, output, title) {
  console.log(`docs: rendering ${output} with redocly build-docs…`);
  try {
    execFileSync(
      process.execPath,
      [redocCli, 'build-docs', source, '--config', join(docsDir, 'redocly.yaml'), '--output', output, '--title', title],
      {
        stdio: 'pipe',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
  } catch (error) {
    // Redocly's banners are noise on success; on failure its output is the diagnosis.
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
    throw new Error('docs: redocly build-docs failed');
  }
}

/** The client's operation model (@wawp/client/operations.json); the docs need the client built. */
async function loadOperations() {
  const path = require.resolve('@wawp/client/operations.json');
  const entries = JSON.parse(await readFile(path, 'utf8'));
  const valid =
    Array.isArray(entries) &&
    entries.every((e) => ['id', 'group', 'name'].every((key) => typeof e?.[key] === 'string'));
  if (!valid) throw new Error(`docs: ${path} is not the operation model ({ id, group, name, … }[])`);
  return { path, entries };
}

async function measure(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
