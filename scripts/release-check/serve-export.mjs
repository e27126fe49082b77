// Serves a pasted block's exported receiver on PORT, as the framework the block is written for
// would: a Fetch handler (`export const POST = …`, a Next.js route), an object with `fetch`
// (`export default { fetch }`, Bun and Workers), or the receiver core of @wawp/webhooks-types
// (`createReceiver()`'s `receive`). Run as `node serve-export.mjs <block's JavaScript> <export>`
// from the fresh project; SIGTERM stops it. Plain Node APIs only: the block brings the packages.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const [file, name] = process.argv.slice(2);
// biome-ignore lint/suspicious/noUndeclaredEnvVars: pasted-blocks.mjs sets it per run; turbo never does.
const port = Number(process.env.PORT);
const exported = (await import(pathToFileURL(file).href))[name];

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const fetchStyle = typeof exported === 'function' ? exported : exported?.fetch?.bind(exported);
/** One node:http request answered as `{ status, headers, body }`. */
const answer = fetchStyle
  ? async (request) => {
      const response = await fetchStyle(
        new Request(`http://127.0.0.1${request.url}`, {
          method: request.method,
          headers: request.headers,
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(request),
        }),
      );
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    }
  : typeof exported?.receive === 'function'
    ? (request) =>
        exported.receive({
          method: request.method,
          url: request.url,
          headers: request.headers,
          readBody: () => readBody(request),
        })
    : undefined;
if (!answer) {
  console.error(`${file} exports no receiver named ${name} (a function, an object with fetch, or receive)`);
  process.exit(1);
}

const server = createServer((request, response) => {
  answer(request).then(
    ({ status, headers, body }) => response.writeHead(status, headers).end(body),
    (error) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${name} of ${file} on http://127.0.0.1:${port}/`);
});
process.once('SIGTERM', () => server.close());
