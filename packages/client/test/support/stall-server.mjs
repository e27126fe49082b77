// A loopback HTTP server for body-read tests (JavaScript, so the type-checked tests need no
// Node typings): it sends an answer's headers and the start of its body, then stalls.
import { createServer } from 'node:http';

/**
 * @param {{ status?: number, contentType?: string, start?: string }} [answer]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startStallingServer(answer = {}) {
  /** @type {Set<import('node:http').ServerResponse>} */
  const open = new Set();
  const server = createServer((_request, response) => {
    response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' });
    response.write(answer.start ?? '{"name":');
    open.add(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
