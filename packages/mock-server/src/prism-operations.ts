// Prism's reading of an OpenAPI document (dereference, then one transform per operation) is
// the slowest step of the mock's start-up, and for the bundled documents it gives the same
// result every time. The build stores that result in dist/prism-operations/, keyed by a hash
// of Prism's version and the document's exact text, so a changed document or another Prism
// can never be served from a stale copy: it is read afresh instead. Each repeated part is
// stored once (packed-json.ts): parsing Prism's full text cost more than everything else here.
// The document's root (its extensions and servers, without paths and components) is stored
// beside it, so static mode needs no parse of the document at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IHttpOperation } from '@stoplight/types';
import { type Packed, pack, unpack } from './packed-json.js';
import { PRISM_HTTP_VERSION, prismHttp } from './prism-modules.js';

// From src/ (tests) and from dist/ (the package) alike, the package's own dist/.
const CACHE_DIR = fileURLToPath(new URL('../dist/prism-operations/', import.meta.url));
/** The parts of a document Prism's operations already hold. */
const NOT_ROOT = new Set(['paths', 'components', 'webhooks']);

export interface PrismReading {
  operations: IHttpOperation[];
  /** The document's root without paths and components, when the reading was stored. */
  root?: Record<string, unknown>;
}

function cacheFile(text: string): string {
  const key = createHash('sha256').update(`prism-http ${PRISM_HTTP_VERSION}\0`).update(text).digest('hex');
  return join(CACHE_DIR, `${key}.packed.json.gz`);
}

/** Prism's operations for a document (a path with its text, or a parsed object). */
export async function readPrismOperations(spec: string | object, text?: string): Promise<PrismReading> {
  if (typeof spec === 'string' && text !== undefined) {
    const file = cacheFile(text);
    if (existsSync(file))
      return unpack(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Packed) as PrismReading;
  }
  return { operations: await prismHttp.getHttpOperationsFromSpec(spec as string) };
}

/** The root of a parsed document: everything but what Prism's operations hold. */
export function documentRoot(document: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([key]) => !NOT_ROOT.has(key)));
}

/** Stores Prism's reading of the JSON document at `path` (the build does this for the bundles). */
export async function storePrismOperations(path: string): Promise<string> {
  const operations = await prismHttp.getHttpOperationsFromSpec(path);
  const text = readFileSync(path, 'utf8');
  const reading: PrismReading = { operations, root: documentRoot(JSON.parse(text) as object) };
  const file = cacheFile(text);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, gzipSync(JSON.stringify(pack(reading))));
  return file;
}
