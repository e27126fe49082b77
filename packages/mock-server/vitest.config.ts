import { defineConfig } from 'vitest/config';

// Generous timeouts: the CLI tests start child processes, and the machine may be busy.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 150_000, hookTimeout: 150_000 } });
