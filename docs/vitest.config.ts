import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The guide's test sample runs too, so what the guide says about the mock stays true.
    include: ['test/**/*.test.ts', 'guides/samples/*.test.ts'],
    // Picks the browser of the browser tests once (test/support/find-browser.ts says in which order).
    globalSetup: ['test/support/browser-setup.ts'],
    // The browser test and the sample type-check are slow on a busy 2-core machine, but never timed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
