import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Added to the shared test/**/*.test.ts: the guide's test sample runs too, so what the
      // guide says about the mock stays true.
      include: ['guides/samples/*.test.ts'],
      // The browser test and the sample type-check are slower still on a busy machine.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
