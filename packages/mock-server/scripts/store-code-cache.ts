// Build step, after the Prism bundle and its stored operations: V8's code cache of
// dist/prism.cjs (src/prebuilt.ts), written after both modes have answered a read and a send,
// so the code of a first answer is in it too. A process of its own: the code that reads a
// document afresh (which the build's other steps run) stays out of the cache.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { codeCachePath } from '../src/prebuilt.js';
import { PRISM_BUNDLE, prismBundle } from '../src/prism-modules.js';
import { startSandbox } from '../src/sandbox/start.js';
import { startMockServer } from '../src/server.js';

const file = codeCachePath(PRISM_BUNDLE);
if (prismBundle.loadedWith === 'require') {
  console.log("code cache: not written (Node's compile cache is on in this process)");
} else {
  const CREDS = 'instance_id=123456789&access_token=123456789';
  const controlToken = 'build-warm-up-token';
  for (const server of [await startSandbox({ controlToken }), await startMockServer({ port: 0, controlToken })]) {
    await (await fetch(`${server.url}/session/info?${CREDS}`)).text();
    await (await fetch(`${server.url}/send?${CREDS}&chatId=447700900123%40c.us&message=hi`, { method: 'POST' })).text();
    await server.close();
  }
  const cache = prismBundle.createCodeCache();
  writeFileSync(file, cache);
  console.log(`code cache: ${relative(process.cwd(), file)} (${Math.round(cache.length / 1024)} kB)`);
}
