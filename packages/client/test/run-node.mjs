// Runs a snippet of ESM as a file of this package with Node, the way a user pastes a README
// block (JavaScript, so the type-checked tests need no Node typings).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;

/**
 * @param {string} source
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export async function runSnippet(source) {
  const dir = await mkdtemp(join(here, '.snippet-'));
  const file = join(dir, 'snippet.mjs');
  await writeFile(file, source);
  try {
    return await new Promise((resolve) => {
      execFile(process.execPath, [file], { timeout: 30_000, cwd: here }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The package's README, as a user reads it. */
export const readme = readFileSync(join(here, 'README.md'), 'utf8');
