import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// The CLI tests start child processes; the shared timeouts cover them.
export default mergeConfig(shared, defineConfig({}));
