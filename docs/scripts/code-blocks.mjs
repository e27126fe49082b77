// The code blocks of the guides and READMEs, pulled out of the markdown so a test can
// type-check and run them. The markdown is the one home of that code: what a reader copies is
// exactly what the test ran.
//
// A block's fence may carry words after the language, which tell the test what to do:
//
//   ```ts file=webhooks-router.ts    saved under that name, so a later block of the same page
//                                    can import it as './webhooks-router.js'
//   ```ts run=refuses                run with the WAWP_* variables unset: it must stop with a
//                                    clear message (exit code not 0, no stack trace)
//   ```ts norun                      type-checked only (it needs the real API, or serves until
//                                    Ctrl-C); the page says how to run it
//   ```js fragment                   a piece of a larger program (an Express or Fastify route):
//                                    only parsed, never type-checked or run
//
// Every other ts/js block is type-checked and run against the mock server.
//
// The release check (scripts/release-check/pasted-blocks.mjs) pastes every block into a fresh
// project with the packed tarballs and runs it there too; these words tell it how to drive a
// block that the docs test only type-checks or sees refuse:
//
//   ```ts serves                     a receiver that listens on PORT until stopped: started on
//                                    a free port, sent one signed delivery, stopped with SIGTERM
//   ```ts serves=POST                the block exports a receiver under that name (a Fetch
//                                    handler, an object with `fetch`, or the receiver core):
//                                    served on PORT, then driven the same way
//   ```ts worker                     runs beside the page's `serves` block until stopped: it
//                                    must print a line once that block has had its delivery
//   ```js sends                      sends a signed delivery to RECEIVER_URL: run against a
//                                    receiver that must accept it
//
// A `*.test.ts` block runs under vitest, here and there.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const CODE_LANGS = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'mjs'],
  ['javascript', 'mjs'],
  ['mjs', 'mjs'],
]);
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', '.git', '.blocks', 'test-results', 'coverage']);

/** Every markdown file of the repository, outside dependencies and build outputs. */
export function markdownFiles(repoDir, dir = repoDir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...markdownFiles(repoDir, path));
    else if (name.endsWith('.md')) found.push(relative(repoDir, path).replaceAll('\\', '/'));
  }
  return found.sort();
}

/** The markdown files whose code blocks are tested: the guides and every package's README. */
export function documentedFiles(repoDir) {
  return markdownFiles(repoDir).filter(
    (file) =>
      file === 'README.md' ||
      /^docs\/guides\/[^/]+\.md$/.test(file) ||
      /^(spec|packages\/[^/]+)\/README\.md$/.test(file),
  );
}

/** The fenced blocks of one markdown text: `{ lang, ext, meta, code, line }`. */
export function extractBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    blocks.push({
      lang: lang.toLowerCase(),
      ext: CODE_LANGS.get(lang.toLowerCase()),
      meta: parseMeta(rest),
      code: `${body.join('\n')}\n`,
      line: i + 1,
    });
    i = j;
  }
  return blocks;
}

/** `file=x.ts run=refuses norun` → `{ file: 'x.ts', run: 'refuses', norun: true }`. */
export function parseMeta(text) {
  const meta = {};
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const [key, value] = word.split('=');
    meta[key] = value ?? true;
  }
  return meta;
}

/**
 * Writes the ts/js blocks of every documented file under `outDir/<page>/`, one file per block,
 * and returns what it wrote: `{ source, line, path, mode, meta, code }` with mode `run`,
 * `refuses`, `types` or `fragment`, and the fence's words in `meta`.
 */
export function writeBlocks(repoDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const written = blockList(repoDir, outDir);
  for (const block of written) {
    mkdirSync(dirname(block.path), { recursive: true });
    writeFileSync(block.path, block.code);
  }
  return written;
}

/** What writeBlocks writes, without writing it. */
export function blockList(repoDir, outDir) {
  const written = [];
  for (const source of documentedFiles(repoDir)) {
    const blocks = extractBlocks(readFileSync(join(repoDir, source), 'utf8')).filter((b) => b.ext);
    if (blocks.length === 0) continue;
    const pageDir = join(outDir, source.replace(/\.md$/, '').replaceAll('/', '__'));
    blocks.forEach((block, index) => {
      const name = typeof block.meta.file === 'string' ? block.meta.file : `block-${index + 1}.${block.ext}`;
      const path = join(pageDir, name);
      const mode = block.meta.fragment
        ? 'fragment'
        : block.meta.norun
          ? 'types'
          : block.meta.run === 'refuses'
            ? 'refuses'
            : 'run';
      written.push({ source, line: block.line, path, mode, meta: block.meta, code: block.code });
    });
  }
  return written;
}
