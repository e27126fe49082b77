// The one tsup preset of the workspace: every published package ships ESM + CJS with types
// and source maps, from a clean dist/. Each tsup.config.ts adds its entries and platform.
import type { Options } from 'tsup';

export const packagePreset = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
} satisfies Options;
