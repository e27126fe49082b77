import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries over one core: the shared chunk keeps a single copy of the client, its
  // error classes and its redaction context, in ESM and CJS alike.
  entry: { index: 'src/index.ts', operations: 'src/operations.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // The metadata the docs build code samples from (`@wawp/client/operations.json`).
  onSuccess: () => copyFile('src/generated/operations.json', 'dist/operations.json'),
});
