import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig([
  {
    ...packagePreset,
    entry: ['src/index.ts'],
    // The CJS build needs `import.meta.url` (createRequire, bundled spec paths) shimmed.
    shims: true,
    // `@wawp/spec/tools` is ESM-only: built in, so the CJS build never require()s an ES
    // module (Node before 20.19 and 22.12, and CJS bundlers, cannot).
    noExternal: ['@wawp/spec/tools'],
    target: 'node20',
    platform: 'node',
  },
  {
    // The CLI: ESM only, no types; added to the dist/ the library build has just cleaned.
    entry: ['src/bin.ts', 'src/cli.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
