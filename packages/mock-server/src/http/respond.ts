// Writing answers: JSON bodies, and the CORS headers the API paths carry (never the control
// paths: see control/guard.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  // With its length known, node:http writes the head and the body in one go; without, it
  // frames the body in chunks (four more pieces to write, and a last empty chunk).
  res
    .writeHead(
      status,
      headWith(res, {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
        'content-length': String(Buffer.byteLength(text)),
      }),
    )
    .end(text);
}

/** The CORS headers of each API answer being written (never a control answer: see control/guard.ts). */
const apiCors = new WeakMap<ServerResponse, Record<string, string>>();

/**
 * The mock is a local test double: browser apps and the docs' "try it" may call the API paths.
 * The headers join whatever head `res` then writes (`headWith`), in one object: headers set
 * one by one beforehand make node:http check and store every header of the head twice.
 */
export function setApiCorsHeaders(req: IncomingMessage, res: ServerResponse) {
  apiCors.set(res, {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-expose-headers': '*',
    vary: 'origin',
  });
}

/** `headers` (lower-case names) after the CORS headers of `res`, when it answers an API call; those win. */
export function headWith(res: ServerResponse, headers: Record<string, string>): Record<string, string> {
  const cors = apiCors.get(res);
  return cors ? { ...cors, ...headers } : headers;
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
