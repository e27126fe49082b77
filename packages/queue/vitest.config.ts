import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

export default mergeConfig(
  shared,
  defineConfig({
    // Multi-process tests spawn Node children and a real Redis.
    test: { globalSetup: ['test/support/global-setup.ts'] },
  }),
);
