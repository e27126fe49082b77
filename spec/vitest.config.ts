import { defineConfig } from 'vitest/config';

// Compiling ajv over the whole bundle takes seconds on a busy 2-core machine; never timed.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } });
