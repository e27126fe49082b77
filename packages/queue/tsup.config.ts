import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig({
  ...packagePreset,
  entry: { index: 'src/index.ts' },
  target: 'es2022',
  // This package is for Node (BullMQ and ioredis are); its dependencies stay imports.
  platform: 'node',
  treeshake: true,
  removeNodeProtocol: false,
});
