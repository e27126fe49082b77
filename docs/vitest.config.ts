import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';
import { writeBlocks } from './scripts/code-blocks.mjs';

// The guides' and READMEs' code blocks are written to .blocks/ here, while the config loads:
// vitest collects its test files before any globalSetup runs, so a guide's own test block
// (`file=….test.ts`) written there was missed on a fresh clone (and ran, from the previous
// run's copy, everywhere else).
writeBlocks(fileURLToPath(new URL('../', import.meta.url)), fileURLToPath(new URL('./.blocks/', import.meta.url)));

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Added to the shared test/**/*.test.ts: a guide's test block (written to .blocks/
      // above) runs too, so what the guide says about the mock stays true.
      include: ['.blocks/**/*.test.ts'],
      // Picks the browser of the browser tests once (test/support/find-browser.ts says in which order).
      globalSetup: ['test/support/browser-setup.ts'],
      // The browser test and the sample type-check are slow on a busy 2-core machine, but never timed.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // The code-block runs are concurrent child processes; a 2-core machine takes three at a time.
      maxConcurrency: 3,
    },
  }),
);
