// Every package as a vitest project: `npx vitest run` at the root runs the whole workspace,
// each project with its own vitest.config.ts (which extends vitest.shared.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { projects: ['spec', 'packages/*', 'docs'] } });
