// A small static file server for docs/dist, used by `npm start` (in the same process as the
// mock, so nothing a visitor does may throw out of a request handler).
// - Only GET and HEAD: anything else is 405, with `Allow`.
// - Nothing outside the served folder, not even through a symlink inside it: the real path of
//   every file is checked against the real path of the root.
// - The file is opened once and served from that descriptor, so a file removed or replaced
//   while it is read either answers 404 (gone before the open) or finishes from the open file;
//   a read error after the headers ends that one response, never the process.
import { createReadStream } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const docsDistDir = fileURLToPath(new URL('../dist/', import.meta.url));

/** Serves `root` on host:port; resolves to { url, close }. */
export async function serveDocs({ port = 8080, host = '127.0.0.1', root = docsDistDir } = {}) {
  const realRoot = await realpath(root);
  const server = createServer((req, res) => {
    respond(realRoot, req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function respond(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://docs.invalid').pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    return;
  }
  if (pathname.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    return;
  }
  const file = await openInside(root, join(root, pathname));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const { handle, size, path } = file;
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': size });
  if (req.method === 'HEAD') {
    await handle.close();
    res.end();
    return;
  }
  // pipeline closes the descriptor and destroys the response on any error on either side.
  pipeline(createReadStream(null, { fd: handle, autoClose: true }), res, () => {});
}

/** Opens a regular file (or a directory's index.html) whose real path lies inside `root`. */
async function openInside(root, candidate) {
  for (const path of [candidate, join(candidate, 'index.html')]) {
    const real = await realpath(path).catch(() => undefined);
    if (!real || (real !== root && !real.startsWith(root + sep))) continue;
    const handle = await open(real, 'r').catch(() => undefined);
    if (!handle) continue;
    const info = await handle.stat().catch(() => undefined);
    if (info?.isFile()) return { handle, size: info.size, path: real };
    await handle.close().catch(() => {});
  }
  return undefined;
}
