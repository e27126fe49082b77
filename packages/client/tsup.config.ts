import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig({
  // Two entries over one core: the shared chunk keeps a single copy of the client, its
  // error classes and its redaction context, in ESM and CJS alike.
  ...packagePreset,
  entry: { index: 'src/index.ts', operations: 'src/operations.ts' },
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // The operation model, shipped as `@wawp/client/operations.json` (the docs read it): written
  // once by the generator, copied after tsup has cleaned dist/.
  onSuccess: () => copyFile('src/generated/operations.json', 'dist/operations.json'),
});
