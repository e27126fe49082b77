import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

// `@wawp/spec/tools` is one entry over several modules, one of which imports ajv for the
// spec's own example check, which the mock never runs. Its modules only define functions:
// marked free of side effects, a module nothing uses is left out, and ajv with it, instead
// of loading at every start.
const specToolsWithoutSideEffects: Plugin = {
  name: 'spec-tools-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\.mjs$/ }, (args) =>
      /[\\/]spec[\\/]src$/.test(args.resolveDir)
        ? { path: join(args.resolveDir, args.path), sideEffects: false }
        : undefined,
    );
  },
};

export default defineConfig([
  {
    ...packagePreset,
    entry: ['src/index.ts'],
    // The CJS build needs `import.meta.url` (createRequire, bundled spec paths) shimmed.
    shims: true,
    // `@wawp/spec/tools` is ESM-only: built in, so the CJS build never require()s an ES
    // module (Node before 20.19 and 22.12, and CJS bundlers, cannot).
    noExternal: ['@wawp/spec/tools'],
    esbuildPlugins: [specToolsWithoutSideEffects],
    target: 'node20',
    platform: 'node',
  },
  {
    // The CLI, no types, added to the dist/ the library build has just cleaned: its launcher
    // (dist/bin.cjs, which bin/wawp-mock.js, CommonJS as well, requires) and the CLI itself, one file
    // (dist/cli.cjs) that the launcher loads with V8's code cache of it (src/cli-bundle.ts
    // says why). CommonJS both: Node 20 resolves, links and compiles ES modules afresh on
    // every start. The spec's tools are built in, so only the parts the CLI uses load, and so
    // is the webhook header check (resolving a package's exports map took longer than running it).
    entry: { bin: 'src/bin.ts', cli: 'src/cli-bundle.ts' },
    format: ['cjs'],
    shims: true,
    noExternal: ['@wawp/spec/tools', '@wawp/webhooks-types/verify'],
    esbuildPlugins: [specToolsWithoutSideEffects],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
