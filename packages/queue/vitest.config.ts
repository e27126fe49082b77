import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Multi-process tests spawn Node children and a real Redis; the machine has two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
