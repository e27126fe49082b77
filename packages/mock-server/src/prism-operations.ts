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
// The document itself is stored beside it as its root plus the byte range of each path item
// and component in the document's own file (json-ranges.ts): the mock reads the root (its
// placement rule, its servers) and the sandbox the few parts it needs (its default session,
// the webhook retry defaults), each parsed when read, instead of parsing two megabytes of
// JSON at every start. A part parsed from the file is what JSON.parse makes of it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IHttpOperation } from '@stoplight/types';
import { memberRanges } from './json-ranges.js';
import { defineLazyProperty } from './lazy-property.js';
import { createUnpacker, type Json, pack } from './packed-json.js';
import { PRISM_HTTP_VERSION, prismHttp } from './prism-modules.js';

// From src/ (tests) and from dist/ (the package) alike, the package's own dist/.
const CACHE_DIR = fileURLToPath(new URL('../dist/prism-operations/', import.meta.url));
/** The parts of a document parsed when read: its path items, webhooks and components. */
const isDocumentPart = (path: readonly string[]) =>
  (path.length === 2 && (path[0] === 'paths' || path[0] === 'webhooks')) ||
  (path.length === 3 && path[0] === 'components');
/** The parts of an operation that stay unparsed until read: all but what routing needs. */
const READ_ON_USE = new Set(['request', 'responses', 'callbacks']);
/** The stored layout (below), part of the key: a file of another layout is never misread. */
const LAYOUT = 3;

export interface PrismReading {
  operations: IHttpOperation[];
  /** The document, its parts parsed when read, when the reading was stored. */
  document?: Record<string, unknown>;
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
 * The stored layout: a line of JSON for the document, a line for the operations, then the
 * stretches the second points at by byte range. The document's `root` is the document without
 * its parts; each part names where it is in the document and its range in the document's file.
 * Shared part `i` (packed-json.ts) is stretch `i`; an operation's parts read on use name their
 * stretch in `later`.
 */
interface DocumentLine {
  root: Json;
  parts: [path: string[], start: number, end: number][];
}
interface OperationsLine {
  stretches: [start: number, end: number][];
  operations: { now: Json; later: Record<string, number> }[];
}

/** Prism's operations for a document (a path with its contents, or a parsed object). */
export async function readPrismOperations(
  spec: string | object,
  contents?: string | Uint8Array,
): Promise<PrismReading> {
  if (typeof spec === 'string' && contents !== undefined) {
    const stored = storedFile(contents);
    if (stored) {
      const documentEnd = stored.indexOf(10);
      return {
        document: documentFrom(stored.subarray(0, documentEnd), contents),
        operations: operationsFrom(stored.subarray(documentEnd + 1)),
      };
    }
  }
  return { operations: await prismHttp.getHttpOperationsFromSpec(spec as string) };
}

/** The stored document for these contents, its parts parsed when read; undefined when none is stored. */
export function readStoredDocument(contents: string | Uint8Array): Record<string, unknown> | undefined {
  const stored = storedFile(contents);
  return stored ? documentFrom(stored.subarray(0, stored.indexOf(10)), contents) : undefined;
}

/** The stored file of a document's bytes, read once: the sandbox's reading and the engine both ask. */
const storedFiles = new WeakMap<Uint8Array, { file: Buffer | undefined }>();

function storedFile(contents: string | Uint8Array): Buffer | undefined {
  const known = typeof contents === 'string' ? undefined : storedFiles.get(contents);
  if (known) return known.file;
  const path = cacheFile(contents);
  const file = existsSync(path) ? readFileSync(path) : undefined;
  if (typeof contents !== 'string') storedFiles.set(contents, { file });
  return file;
}

/** Stores Prism's reading of the JSON document at `path` (the build does this for the bundles). */
export async function storePrismOperations(path: string): Promise<string> {
  const operations = await prismHttp.getHttpOperationsFromSpec(path);
  const bytes = readFileSync(path);
  const file = cacheFile(bytes);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, Buffer.concat([storedDocument(bytes), Buffer.from('\n'), storedOperations(operations)]));
  return file;
}

function storedDocument(bytes: Buffer): Buffer {
  const document = JSON.parse(bytes.toString('utf8')) as { [key: string]: Json };
  const parts: DocumentLine['parts'] = [];
  for (const { path, start, end } of memberRanges(bytes, isDocumentPart)) {
    delete parentOf(document, path)[path.at(-1) as string];
    parts.push([path, start, end]);
  }
  return Buffer.from(JSON.stringify({ root: document, parts } satisfies DocumentLine));
}

function documentFrom(line: Buffer, contents: string | Uint8Array): Record<string, unknown> {
  const { root, parts } = JSON.parse(line.toString('utf8')) as DocumentLine;
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
  const decoder = new TextDecoder();
  for (const [path, start, end] of parts) {
    const parse = () => JSON.parse(decoder.decode(bytes.subarray(start, end)));
    defineLazyProperty(parentOf(root, path), path.at(-1) as string, parse);
  }
  return root as Record<string, unknown>;
}

/** The object that holds the member at `path`. */
function parentOf(root: unknown, path: readonly string[]): Record<string, unknown> {
  let node = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  return node;
}

function storedOperations(operations: IHttpOperation[]): Buffer {
  const { shared, root } = pack(operations);
  const packed = root as { [key: string]: Json }[];
  const texts = shared.map((part) => JSON.stringify(part));
  const stored = packed.map((operation) => {
    const now: { [key: string]: Json } = {};
    const later: Record<string, number> = {};
    for (const key of Object.keys(operation)) {
      // A placeholder keeps the key where Prism put it; the stretch replaces it when read.
      now[key] = READ_ON_USE.has(key) ? null : (operation[key] as Json);
      if (READ_ON_USE.has(key)) later[key] = texts.push(JSON.stringify(operation[key])) - 1;
    }
    return { now, later };
  });
  const stretches: OperationsLine['stretches'] = [];
  let at = 0;
  for (const text of texts) {
    const length = Buffer.byteLength(text);
    stretches.push([at, at + length]);
    at += length;
  }
  const line: OperationsLine = { stretches, operations: stored };
  return Buffer.from(`${JSON.stringify(line)}\n${texts.join('')}`);
}

function operationsFrom(file: Buffer): IHttpOperation[] {
  const newline = file.indexOf(10);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as OperationsLine;
  const body = newline + 1;
  const stretch = (index: number): Json => {
    const [start, end] = header.stretches[index] as [number, number];
    return JSON.parse(file.toString('utf8', body + start, body + end)) as Json;
  };
  const expand = createUnpacker(stretch);
  return header.operations.map(({ now, later }) => {
    const operation = expand(now) as object;
    for (const [key, index] of Object.entries(later)) defineLazyProperty(operation, key, () => expand(stretch(index)));
    return operation as IHttpOperation;
  });
}
