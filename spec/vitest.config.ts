import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared';

// Compiling ajv over the whole bundle takes seconds; the shared timeouts cover it.
export default mergeConfig(shared, defineConfig({}));
