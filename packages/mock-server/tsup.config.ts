import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig([
  {
    ...packagePreset,
    entry: ['src/index.ts'],
    // The CJS build needs `import.meta.url` (createRequire, bundled spec paths) shimmed.
    shims: true,
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
