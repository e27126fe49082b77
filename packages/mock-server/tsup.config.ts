import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    // The CJS build needs `import.meta.url` (createRequire, bundled spec paths) shimmed.
    shims: true,
    target: 'node20',
    platform: 'node',
  },
  {
    entry: ['src/bin.ts', 'src/cli.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
