import { defineConfig } from 'vitest/config';

// Generous timeouts: the CLI tests start child processes, and the machine may be busy.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } });
