import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// Generous timeouts: the CLI tests start child processes, and the machine may be busy.
// The sandbox's pure modules keep their unit tests beside them in src/.
export default mergeConfig(
  shared,
  defineConfig({
    test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 150_000, hookTimeout: 150_000 },
  }),
);
