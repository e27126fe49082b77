import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A guide's test block (written to .blocks/ by blocks-setup) runs too, so what the guide
    // says about the mock stays true.
    include: ['test/**/*.test.ts', '.blocks/**/*.test.ts'],
    // Writes the markdown's code blocks out, and picks the browser of the browser tests once
    // (test/support/find-browser.ts says in which order).
    globalSetup: ['test/support/blocks-setup.ts', 'test/support/browser-setup.ts'],
    // The browser test and the sample type-check are slow on a busy 2-core machine, but never timed.
    testTimeout: 120_000,
    // The code-block runs are concurrent child processes; a 2-core machine takes three at a time.
    maxConcurrency: 3,
    hookTimeout: 120_000,
  },
});
