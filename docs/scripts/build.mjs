#!/usr/bin/env node
// Builds the reference docs into docs/dist/ from the bundled spec:
//   1. `redocly build-docs` renders the OpenAPI bundle (REST operations and webhooks);
//   2. the Redoc runtime it would load from a CDN is inlined, so the page works offline
//      and straight from the filesystem (file:// cannot import remote or local modules).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(docsDir, 'dist');
const started = performance.now();

const openapiPath = require.resolve('@wawp/spec/openapi.json');
const cliDir = dirname(require.resolve('@redocly/cli/package.json'));
const redocCli = join(cliDir, 'bin', 'cli.js');
const standalonePath = join(cliDir, 'lib', 'chunks', 'redoc.standalone.js');

await rm(distDir, { recursive: true, force: true });
await mkdir(distDir, { recursive: true });
const indexPath = join(distDir, 'index.html');

console.log('docs: rendering the API reference with redocly build-docs…');
try {
  execFileSync(process.execPath, [redocCli, 'build-docs', openapiPath, '--output', indexPath], {
    stdio: 'pipe',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} catch (error) {
  // Redocly's banners are noise on success; on failure its output is the diagnosis.
  process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
  throw new Error('docs: redocly build-docs failed');
}

console.log('docs: inlining the Redoc runtime so the page needs no network…');
await writeFile(
  indexPath,
  inlineRedocRuntime(await readFile(indexPath, 'utf8'), await readFile(standalonePath, 'utf8')),
);

const { size } = await stat(indexPath);
console.log(
  `docs: built ${indexPath} (${(size / 1024).toFixed(0)} KiB) in ${Math.round(performance.now() - started)} ms`,
);

/**
 * Replaces `import { hydrate } from "https://cdn…/redoc.standalone.js"` in the page's module
 * script with the runtime itself. Fails loudly if Redocly changes the page's shape, rather
 * than shipping docs that silently depend on a CDN.
 */
export function inlineRedocRuntime(html, runtime) {
  const importLine = /import\s*\{\s*hydrate\s*\}\s*from\s*"https:\/\/cdn\.redocly\.com\/[^"]+";/;
  if (!importLine.test(html)) throw new Error('docs: the Redoc CDN import was not found in the built page');
  const exportTail = /export\s*\{\s*RedocStandalone\s*,\s*hydrate\s*,\s*init\s*\}\s*;?\s*$/;
  if (!exportTail.test(runtime)) throw new Error('docs: the Redoc runtime does not end with its expected exports');
  // The page also preloads the runtime from the CDN; with the runtime inlined that goes.
  const preload = /<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com\/[^"]+"[^>]*>/g;
  const rest = html.replace(importLine, '').replace(preload, '');
  if (/https:\/\/cdn\./.test(rest)) throw new Error('docs: the page loads more from a CDN than the Redoc runtime');
  const inlined = runtime.replace(exportTail, '').replaceAll('</script', '<\\/script');
  return html.replace(preload, '').replace(importLine, () => inlined);
}
