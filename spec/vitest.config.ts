import { defineConfig } from 'vitest/config';

// The example checks compile the whole bundle with ajv; on a loaded shared machine that can
// pass 5 s, so the timeout leaves room without hiding a hang.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
