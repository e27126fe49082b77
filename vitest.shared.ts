// The one vitest convention of the workspace: each package's vitest.config.ts merges its own
// settings over this (so turbo still runs and caches `vitest run` per package), and the root
// vitest.config.ts lists the packages as projects for a run from the root.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type tests (`*.test-d.ts`) are checked by tsc inside vitest and reported as tests.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // Real servers and child processes on a shared 2-core machine: never timed, only bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
