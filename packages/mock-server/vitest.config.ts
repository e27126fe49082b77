import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// Generous timeouts: the CLI tests start child processes, and the machine may be busy.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 150_000, hookTimeout: 150_000 } }));
