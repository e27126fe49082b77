// Writing answers: JSON bodies, and the CORS headers the API paths carry (never the control
// paths: see control/guard.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The CORS headers of the API answer a response is writing, kept on the response itself
 * rather than as a WeakMap entry per request (to add, look up, and clear when collected).
 */
const API_CORS = Symbol('wawp-mock.apiCors');
type ApiResponse = ServerResponse & { [API_CORS]?: Record<string, string> };

/** `known`: the body's JSON when the caller has it already (see `jsonOfUnshared`). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
  known?: string,
) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = known ?? unchangingJson.get(body as object) ?? JSON.stringify(body);
  // One object, in the order of the head: the CORS headers, the type, the caller's headers
  // (which win over both), and the length. With its length known, node:http writes the head
  // and the body in one go; without, it frames the body in chunks (four more pieces to
  // write, and a last empty chunk).
  const cors = (res as ApiResponse)[API_CORS];
  const head: Record<string, string> = cors ? { ...cors, 'content-type': JSON_TYPE } : { 'content-type': JSON_TYPE };
  if (headers) Object.assign(head, headers);
  head['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, head).end(text);
}

/** JSON texts of bodies nobody changes any more (see `keepJsonOf`). */
const unchangingJson = new WeakMap<object, string>();

/**
 * Declares that nobody changes `body` any more (the sandbox's repeated answers, see
 * sandbox/repeated.ts): `sendJson` then writes its JSON once, however often it is answered.
 */
export function keepJsonOf(body: object): void {
  if (!unchangingJson.has(body)) unchangingJson.set(body, JSON.stringify(body));
}

/** JSON texts of answer bodies that only the mock itself holds (see `jsonOfUnshared`). */
const unsharedJson = new WeakMap<object, string>();

/**
 * The JSON of a body no code outside the mock ever holds, written once per body object.
 * Prism hands out a documented example as the same object on every call: when no responder
 * and no observer sees the answer, nothing can change that object, so its text stays right.
 */
export function jsonOfUnshared(body: unknown): string {
  if (body === null || typeof body !== 'object') return JSON.stringify(body);
  let text = unsharedJson.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    unsharedJson.set(body, text);
  }
  return text;
}

/**
 * The mock is a local test double: browser apps and the docs' "try it" may call the API paths.
 * The headers join whatever head `res` then writes (`headWith`), in one object: headers set
 * one by one beforehand make node:http check and store every header of the head twice.
 */
export function setApiCorsHeaders(req: IncomingMessage, res: ServerResponse) {
  (res as ApiResponse)[API_CORS] = {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-expose-headers': '*',
    vary: 'origin',
  };
}

/** `headers` (lower-case names) after the CORS headers of `res`, when it answers an API call; those win. */
export function headWith(res: ServerResponse, headers: Record<string, string>): Record<string, string> {
  const cors = (res as ApiResponse)[API_CORS];
  return cors ? { ...cors, ...headers } : headers;
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
