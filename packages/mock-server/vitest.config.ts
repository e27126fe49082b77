import { defineConfig } from 'vitest/config';

// Generous timeouts: the CLI tests start child processes, and the machine may be busy.
// The sandbox's pure modules keep their unit tests beside them in src/.
export default defineConfig({
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
