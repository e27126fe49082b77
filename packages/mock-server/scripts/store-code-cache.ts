// Build step, after the Prism bundle and its stored operations: V8's code caches of the CLI
// (dist/cli.cjs) and of Prism (dist/prism.cjs), as src/prebuilt.ts loads them, written after
// both modes have answered a read and a send through the CLI's own modules, so the code of a
// first answer is in them too. A process of its own: the code that reads a document afresh
// (which the build's other steps run) stays out of the cache.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as CliBundle from '../src/cli-bundle.js';
import { codeCachePath, loadPrebuilt } from '../src/prebuilt.js';

const cli = loadPrebuilt<typeof CliBundle>(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)));
const { warmUp } = cli.exports;
const prism = await warmUp.prismBundle();
if (cli.loadedWith === 'require' || prism.loadedWith === 'require') {
  console.log("code cache: not written (Node's compile cache is on in this process)");
} else {
  const CREDS = 'instance_id=123456789&access_token=123456789';
  const controlToken = 'build-warm-up-token';
  const servers = [
    await warmUp.startSandbox({ controlToken }),
    await warmUp.startMockServer({ port: 0, controlToken }),
  ];
  for (const server of servers) {
    await (await fetch(`${server.url}/session/info?${CREDS}`)).text();
    await (await fetch(`${server.url}/send?${CREDS}&chatId=447700900123%40c.us&message=hi`, { method: 'POST' })).text();
    await server.close();
  }
  // Each where the CLI found it (Prism's bundle: src/prism-modules.ts).
  for (const loaded of [cli, prism]) {
    const cache = loaded.createCodeCache();
    const file = codeCachePath(loaded.file);
    writeFileSync(file, cache);
    console.log(`code cache: ${relative(process.cwd(), file)} (${Math.round(cache.length / 1024)} kB)`);
  }
}
