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
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
      'content-length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

/** The mock is a local test double: browser apps and the docs' "try it" may call the API paths. */
export function setApiCorsHeaders(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
  res.setHeader('access-control-expose-headers', '*');
  res.setHeader('vary', 'origin');
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
