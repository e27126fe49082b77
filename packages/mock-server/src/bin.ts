import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadPrebuilt } from './prebuilt.js';

// Node 22+ can keep the compiled code of what a process loads for the next run: the CLI is
// started over and over, so it turns that on before loading anything else. On Node 20 the
// CLI (dist/cli.cjs, see cli-bundle.ts) and the bundled Prism load with the build's code cache.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = loadPrebuilt<typeof import('./cli-bundle.js')>(
  fileURLToPath(new URL('./cli.cjs', import.meta.url)),
).exports;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wawp-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
