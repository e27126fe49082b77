// How a code block of the guides and READMEs is run, shared by the docs test (the blocks against
// the workspace packages) and the release check (the same blocks pasted into a fresh project
// that has only the packed tarballs): the values a reader sets, one Node process per block with
// tsx loaded (what `npx tsx file.ts` does), and what a clear refusal looks like.
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

/** The mock's credentials, and the webhook key the READMEs' examples use (`s3cret`). */
export const MOCK_VALUES = Object.freeze({
  WAWP_INSTANCE_ID: '123456789',
  WAWP_ACCESS_TOKEN: '123456789',
  WAWP_WEBHOOK_HMAC_KEY: 's3cret',
});

/** The WAWP_* variables a reader sets; a run starts without any of them from the caller's environment. */
export const READER_VARIABLES = Object.freeze(['WAWP_BASE_URL', ...Object.keys(MOCK_VALUES)]);

/** The environment without the reader's variables, as a block that must refuse sees it. */
export function withoutReaderVariables(env = process.env) {
  const copy = { ...env };
  for (const key of READER_VARIABLES) delete copy[key];
  return copy;
}

/** The environment a reader running the mock has: its URL and values in the WAWP_* variables. */
export function mockEnvironment(mockUrl, env = process.env) {
  return { ...withoutReaderVariables(env), WAWP_BASE_URL: mockUrl, ...MOCK_VALUES };
}

/** Where a block is written in the markdown: `docs/guides/x.md:42`. */
export function where(block) {
  return `${block.source}:${block.line}`;
}

/** A block that talks to a Redis: it reads REDIS_URL (the queue's guide and README). */
export function needsRedis(block) {
  return block.code.includes('REDIS_URL');
}

/**
 * Runs Node with `args` in `cwd`. Resolves `{ code, signal, stdout, stderr, ms }` and never
 * rejects; a run past `timeoutMs` is killed and says so in `stderr`.
 */
export function runNode(args, { env, cwd, timeoutMs }) {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const timedOut = error?.killed && error.signal === 'SIGKILL';
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          signal: error?.signal ?? null,
          stdout,
          stderr: timedOut ? `${stderr}\n(killed: no exit within ${timeoutMs} ms)` : stderr,
          ms: Date.now() - started,
        });
      },
    );
  });
}

/** Runs one block's file with tsx loaded (`tsx`: the path of the tsx to load), in the block's folder. */
export function runBlock(file, { env, tsx, timeoutMs }) {
  return runNode(['--import', tsx, file], { env, cwd: dirname(file), timeoutMs });
}

/**
 * What is wrong with a run of a block that must refuse without its variables: it stops (exit
 * code not 0) naming the variable it needs, without a stack trace. '' when nothing is.
 */
export function refusalProblem(result) {
  if (result.code === 0) return 'it exited 0 without its variables';
  if (!/WAWP_[A-Z_]+/.test(result.stderr)) return 'its message names no WAWP_* variable';
  if (/^\s+at /m.test(result.stderr)) return 'it printed a stack trace';
  return '';
}

/**
 * tsc's output with each extracted file's path (`page__dir/name.ts(13,34)`) preceded by the
 * markdown line it came from (`docs/guides/page.md:171`): the fence's line plus the line in the block.
 */
export function nameBlockPaths(output, blocks) {
  return output.replace(
    /((?:[\w.-]+\/)*[\w.-]+__[\w.-]+\/[\w.-]+)(?:\((\d+),(\d+)\))?/g,
    (text, path, line, column) => {
      const block = blocks.find((b) => b.path.endsWith(path.replace(/^.*?([\w.-]+__[\w.-]+\/)/, '$1')));
      if (!block) return text;
      return line === undefined
        ? `${where(block)} (${path})`
        : `${block.source}:${block.line + Number(line)} (${path}:${line}:${column})`;
    },
  );
}
