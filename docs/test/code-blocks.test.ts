// Every code block of every guide and package README, as a reader would copy it: each one is
// type-checked against the packages, and run (`node --import tsx`, which is what `npx tsx
// file.ts` does) against the mock server, with the mock's URL and credentials in the WAWP_*
// variables the blocks read. Blocks that need the real API are run with those variables unset
// and must refuse clearly. The blocks are read from the markdown when the test runs, so a block
// that another change adds is covered too.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@wawp/mock-server';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mockEnvironment,
  nameBlockPaths,
  needsRedis,
  refusalProblem,
  runBlock,
  where,
  withoutReaderVariables,
} from '../scripts/block-runs.mjs';
import { blockList, documentedFiles, extractBlocks, markdownFiles } from '../scripts/code-blocks.mjs';

const require = createRequire(import.meta.url);
const repoDir = fileURLToPath(new URL('../../', import.meta.url));
const outDir = fileURLToPath(new URL('../.blocks/', import.meta.url));
// vitest.config.ts wrote them while the config loaded, before the test files were collected.
const blocks = blockList(repoDir, outDir);
const typed = blocks.filter((b) => b.mode !== 'fragment');
const run = (file: string, env: Record<string, string | undefined>) =>
  runBlock(file, { env, tsx: require.resolve('tsx'), timeoutMs: 150_000 });

describe('markdown code', () => {
  it('has no sample placeholder left in any markdown file', () => {
    const withPlaceholder = markdownFiles(repoDir).filter((file: string) =>
      readFileSync(join(repoDir, file), 'utf8').includes('{{sample'),
    );
    expect(withPlaceholder).toEqual([]);
  });

  it('finds the blocks of the guides and the package READMEs', () => {
    const sources = new Set(blocks.map((b) => b.source));
    for (const file of ['docs/guides/getting-started.md', 'packages/client/README.md']) expect(sources).toContain(file);
    expect(documentedFiles(repoDir)).toContain('packages/mock-server/README.md');
    expect(blocks.filter((b) => b.mode === 'run').length).toBeGreaterThan(10);
  });

  it('reads fences and their words', () => {
    const [first, second] = extractBlocks(
      'x\n```ts file=a.ts run=refuses\nconst a = 1;\n```\n\n  ~~~js fragment\n  b();\n  ~~~\n',
    );
    expect(first).toMatchObject({ ext: 'ts', meta: { file: 'a.ts', run: 'refuses' }, code: 'const a = 1;\n', line: 2 });
    expect(second).toMatchObject({ ext: 'mjs', meta: { fragment: true }, code: 'b();\n' });
  });

  it('maps the extracted files in tsc output back to the markdown line', () => {
    const block = { source: 'docs/guides/a.md', line: 40, path: '/x/.blocks/docs__guides__a/b.ts' };
    expect(nameBlockPaths('blocks/docs__guides__a/b.ts(3,7): error TS2551: no', [block])).toBe(
      'docs/guides/a.md:43 (blocks/docs__guides__a/b.ts:3:7): error TS2551: no',
    );
    expect(nameBlockPaths('docs__guides__a/c.ts(1,1): other', [block])).toBe('docs__guides__a/c.ts(1,1): other');
  });

  it.each([
    ['exit 0', { code: 0, stderr: 'Set WAWP_ACCESS_TOKEN' }, /exited 0/],
    ['no variable named', { code: 1, stderr: 'missing a key' }, /names no WAWP_/],
    ['a stack trace', { code: 1, stderr: 'Set WAWP_ACCESS_TOKEN\n    at main (x.ts:1:1)' }, /stack trace/],
    ['a clear refusal', { code: 1, stderr: 'Set WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN first.' }, /^$/],
  ])('judges a refusal: %s', (_name, result, problem) => {
    expect(refusalProblem(result)).toMatch(problem);
  });

  it('parses every fragment', () => {
    for (const block of blocks.filter((b) => b.mode === 'fragment')) {
      const code = readFileSync(block.path, 'utf8');
      // Syntax only: a fragment may `return` at its top level, being a piece of a handler.
      const file = ts.createSourceFile(block.path, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const syntax = (file as unknown as { parseDiagnostics: { messageText: unknown }[] }).parseDiagnostics;
      expect(
        syntax.map((d) => String(d.messageText)),
        where(block),
      ).toEqual([]);
    }
  });

  it('type-checks every block that is not a fragment, as its own module', async () => {
    writeFileSync(
      join(outDir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(outDir, join(repoDir, 'tsconfig.base.json')),
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          checkJs: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: typed.map((b) => relative(outDir, b.path)),
      }),
    );
    // A package.json with "type": "module", as the guides tell readers to have.
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module", "private": true }\n');
    const tsc = require.resolve('typescript/bin/tsc');
    const result = await new Promise<string>((resolve) =>
      execFile(process.execPath, [tsc, '-p', outDir], { timeout: 120_000 }, (_e, stdout, stderr) =>
        resolve(stdout + stderr),
      ),
    );
    // tsc names the extracted file; the message maps it back to the markdown it came from.
    expect(nameBlockPaths(result, blocks).trim()).toBe('');
  });
});

// Concurrent: each block is its own process, mostly waiting on the mock or on tsx's start-up.
describe.concurrent('markdown code, run against the mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0 });
  });
  afterAll(() => mock?.close());

  // A block that needs a Redis (the queue's) runs when REDIS_URL names one; otherwise it is
  // type-checked only, and the run says so. (The release check runs them on a Redis of its own.)
  const noRedis = (b: (typeof blocks)[number]) => needsRedis(b) && !process.env.REDIS_URL;
  const runnable = blocks.filter((b) => b.mode === 'run' && !noRedis(b));
  const withoutRedis = blocks.filter((b) => b.mode === 'run' && noRedis(b));
  if (withoutRedis.length > 0) {
    console.info(`code blocks: type-checked only, no REDIS_URL to run them: ${withoutRedis.map(where).join(', ')}`);
  }
  it.each(runnable.map((b) => [where(b), b] as const))(
    '%s runs',
    async (_name, block) => {
      const result = await run(block.path, mockEnvironment(mock.url));
      expect(result.code, `${where(block)}\n${result.stdout}\n${result.stderr}`).toBe(0);
    },
    180_000,
  );

  const refusing = blocks.filter((b) => b.mode === 'refuses');
  it.each(refusing.map((b) => [where(b), b] as const))(
    '%s refuses clearly without its variables',
    async (_n, block) => {
      const result = await run(block.path, withoutReaderVariables());
      // A clear refusal names the variable and shows no stack trace.
      expect(refusalProblem(result), `${where(block)}\n${result.stderr}`).toBe('');
    },
  );
});
