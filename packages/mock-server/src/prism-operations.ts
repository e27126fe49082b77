// Prism's reading of an OpenAPI document (dereference, then one transform per operation) is
// the slowest step of the mock's start-up, and for the bundled documents it gives the same
// result every time. The build stores that result in dist/prism-operations/, keyed by a hash
// of Prism's version and the document's exact text, so a changed document or another Prism
// can never be served from a stale copy: it is read afresh instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IHttpOperation } from '@stoplight/types';
import { PRISM_HTTP_VERSION, prismHttp } from './prism-modules.js';

// From src/ (tests) and from dist/ (the package) alike, the package's own dist/.
const CACHE_DIR = fileURLToPath(new URL('../dist/prism-operations/', import.meta.url));

function cacheFile(text: string): string {
  const key = createHash('sha256').update(`prism-http ${PRISM_HTTP_VERSION}\0`).update(text).digest('hex');
  return join(CACHE_DIR, `${key}.json.gz`);
}

/** Prism's operations for a document (a path with its text, or a parsed object). */
export async function readPrismOperations(spec: string | object, text?: string): Promise<IHttpOperation[]> {
  if (typeof spec === 'string' && text !== undefined) {
    const file = cacheFile(text);
    if (existsSync(file)) return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as IHttpOperation[];
  }
  return prismHttp.getHttpOperationsFromSpec(spec as string);
}

/** Stores Prism's operations for the document at `path` (the build does this for the bundles). */
export async function storePrismOperations(path: string): Promise<string> {
  const operations = await prismHttp.getHttpOperationsFromSpec(path);
  const file = cacheFile(readFileSync(path, 'utf8'));
  mkdirSync(CACHE_DIR, { recursive: true });
  // Gzipped: Prism repeats every shared schema in each operation, ten times the document's size.
  writeFileSync(file, gzipSync(JSON.stringify(operations)));
  return file;
}
