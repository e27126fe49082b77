import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// The CLI tests start child processes; the shared timeouts cover them.
// The sandbox's pure modules keep their unit tests beside them in src/.
export default mergeConfig(shared, defineConfig({ test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] } }));
