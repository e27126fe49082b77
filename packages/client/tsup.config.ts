import { copyFile, mkdir } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { packagePreset } from '../../tsup.shared';

export default defineConfig({
  // Three entries over one core (v1's two faces, and v2's): the shared chunk keeps a single
  // copy of the client, its error classes and its redaction context, in ESM and CJS alike.
  ...packagePreset,
  entry: { index: 'src/index.ts', operations: 'src/operations.ts', v2: 'src/v2.ts' },
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // The operation models, shipped as `@wawp/client/operations.json` and `…/v2/operations.json`
  // (the docs read them): written once by the generator, copied after tsup has cleaned dist/.
  onSuccess: async () => {
    await mkdir('dist/v2', { recursive: true });
    await Promise.all([
      copyFile('src/generated/operations.json', 'dist/operations.json'),
      copyFile('src/generated/v2/operations.json', 'dist/v2/operations.json'),
    ]);
  },
});
