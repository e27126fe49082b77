import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Added to the shared test/**/*.test.ts: a guide's test block (written to .blocks/ by
      // blocks-setup) runs too, so what the guide says about the mock stays true.
      include: ['.blocks/**/*.test.ts'],
      // Writes the markdown's code blocks out, and picks the browser of the browser tests once
      // (test/support/find-browser.ts says in which order).
      globalSetup: ['test/support/blocks-setup.ts', 'test/support/browser-setup.ts'],
      // The browser test and the sample type-check are slower still on a busy machine.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // The code-block runs are concurrent child processes; a 2-core machine takes three at a time.
      maxConcurrency: 3,
    },
  }),
);
