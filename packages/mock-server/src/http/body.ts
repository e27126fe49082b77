// Reading a request body with a size cap, and parsing JSON the way PHP's json_decode does:
// nesting deeper than PHP's default limit is a malformed body, not a stack overflow later on
// (ajv, JSON.stringify and structuredClone all recurse).
import type { IncomingMessage } from 'node:http';

/** PHP's `json_decode` default depth; WordPress answers deeper bodies `rest_invalid_json`. */
export const MAX_JSON_DEPTH = 512;

const NO_BODY = Buffer.alloc(0);

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  // HTTP/1.1 frames a body by Content-Length or Transfer-Encoding: a request with neither (or
  // with a length of 0) has none, and node:http drains such a request itself.
  const { 'content-length': length, 'transfer-encoding': encoding } = req.headers;
  if (encoding === undefined && (length === undefined || length === '0')) return Promise.resolve(NO_BODY);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON text, refusing invalid UTF-8, invalid JSON and nesting beyond `maxDepth`. */
export function parseJson(raw: Buffer, maxDepth = MAX_JSON_DEPTH): JsonParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, reason: 'The JSON body is not valid UTF-8.' };
  }
  if (nestingDepth(text) > maxDepth) {
    return { ok: false, reason: `The JSON body is nested deeper than ${maxDepth} levels.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: 'Invalid JSON body passed.' };
  }
}

/** The deepest bracket nesting of a JSON text, skipping strings; a linear scan, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
