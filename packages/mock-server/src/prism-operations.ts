// Prism's reading of an OpenAPI document (dereference, then one transform per operation) is
// the slowest step of the mock's start-up, and for the bundled documents it gives the same
// result every time. The build stores that result in dist/prism-operations/, keyed by a hash
// of Prism's version and the document's exact bytes, so a changed document or another Prism
// can never be served from a stale copy: it is read afresh instead. Each repeated part is
// stored once (packed-json.ts), and each one, like each operation's request and responses,
// is its own stretch of the file, parsed the first time something reads it (lazy-property.ts):
// start-up parses only what routing needs (each operation's method, path, security, servers),
// and a request pays for the parts of the operation it reaches. Parsing and expanding all of
// it was the largest share of start-up once Prism was loaded.
// The document's root (its extensions and servers, without paths and components) is stored
// beside it, so static mode needs no parse of the document at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IHttpOperation } from '@stoplight/types';
import { defineLazyProperty } from './lazy-property.js';
import { createUnpacker, type Json, pack } from './packed-json.js';
import { PRISM_HTTP_VERSION, prismHttp } from './prism-modules.js';

// From src/ (tests) and from dist/ (the package) alike, the package's own dist/.
const CACHE_DIR = fileURLToPath(new URL('../dist/prism-operations/', import.meta.url));
/** The parts of a document Prism's operations already hold. */
const NOT_ROOT = new Set(['paths', 'components', 'webhooks']);
/** The parts of an operation that stay unparsed until read: all but what routing needs. */
const READ_ON_USE = new Set(['request', 'responses', 'callbacks']);
/** The stored layout (below), part of the key: a file of another layout is never misread. */
const LAYOUT = 2;

export interface PrismReading {
  operations: IHttpOperation[];
  /** The document's root without paths and components, when the reading was stored. */
  root?: Record<string, unknown>;
}

/** `contents`: the document's bytes (or its text, hashed as its UTF-8 bytes). */
function cacheFile(contents: string | Uint8Array): string {
  const key = createHash('sha256')
    .update(`prism-http ${PRISM_HTTP_VERSION}\0layout ${LAYOUT}\0`)
    .update(contents)
    .digest('hex');
  return join(CACHE_DIR, `${key}.reading`);
}

/**
 * The stored layout: a first line of JSON (the header), then the stretches it points at by
 * byte range. Shared part `i` (packed-json.ts) is stretch `i`; an operation's parts read on
 * use name their stretch in `later`.
 */
interface Header {
  stretches: [start: number, end: number][];
  root: Json;
  operations: { now: Json; later: Record<string, number> }[];
}

/** Prism's operations for a document (a path with its contents, or a parsed object). */
export async function readPrismOperations(
  spec: string | object,
  contents?: string | Uint8Array,
): Promise<PrismReading> {
  if (typeof spec === 'string' && contents !== undefined) {
    const file = cacheFile(contents);
    if (existsSync(file)) return readStored(readFileSync(file));
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
  const bytes = readFileSync(path);
  const reading: PrismReading = { operations, root: documentRoot(JSON.parse(bytes.toString('utf8')) as object) };
  const file = cacheFile(bytes);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, storedForm(reading));
  return file;
}

function storedForm(reading: PrismReading): Buffer {
  const { shared, root } = pack(reading);
  const packed = root as { operations: { [key: string]: Json }[]; root: Json };
  const texts = shared.map((part) => JSON.stringify(part));
  const operations = packed.operations.map((operation) => {
    const now: { [key: string]: Json } = {};
    const later: Record<string, number> = {};
    for (const key of Object.keys(operation)) {
      // A placeholder keeps the key where Prism put it; the stretch replaces it when read.
      now[key] = READ_ON_USE.has(key) ? null : (operation[key] as Json);
      if (READ_ON_USE.has(key)) later[key] = texts.push(JSON.stringify(operation[key])) - 1;
    }
    return { now, later };
  });
  const stretches: Header['stretches'] = [];
  let at = 0;
  for (const text of texts) {
    const length = Buffer.byteLength(text);
    stretches.push([at, at + length]);
    at += length;
  }
  const header: Header = { stretches, root: packed.root, operations };
  return Buffer.from(`${JSON.stringify(header)}\n${texts.join('')}`);
}

function readStored(file: Buffer): PrismReading {
  const newline = file.indexOf(10);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as Header;
  const body = newline + 1;
  const stretch = (index: number): Json => {
    const [start, end] = header.stretches[index] as [number, number];
    return JSON.parse(file.toString('utf8', body + start, body + end)) as Json;
  };
  const expand = createUnpacker(stretch);
  const operations = header.operations.map(({ now, later }) => {
    const operation = expand(now) as object;
    for (const [key, index] of Object.entries(later)) defineLazyProperty(operation, key, () => expand(stretch(index)));
    return operation as IHttpOperation;
  });
  return { operations, root: expand(header.root) as Record<string, unknown> };
}
