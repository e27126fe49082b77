import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // This package is for Node (BullMQ and ioredis are); its dependencies stay imports.
  platform: 'node',
  treeshake: true,
  removeNodeProtocol: false,
});
