// vitest globalSetup: writes the code blocks of the guides and READMEs to docs/.blocks/ before
// the test files are collected, so code-blocks.test.ts reads them and a guide's own test block
// (`file=….test.ts`) runs as a test file of this suite.
import { fileURLToPath } from 'node:url';
import { writeBlocks } from '../../scripts/code-blocks.mjs';

export default function setup(): void {
  const repoDir = fileURLToPath(new URL('../../../', import.meta.url));
  writeBlocks(repoDir, fileURLToPath(new URL('../../.blocks/', import.meta.url)));
}
