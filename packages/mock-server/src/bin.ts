import * as nodeModule from 'node:module';

// Node 22+ can keep the compiled code of what a process loads for the next run: the CLI is
// started over and over, so it turns that on before loading anything else. Node 20 has only
// the build's code cache of the bundled Prism (src/prebuilt.ts).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./cli.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`wawp-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
