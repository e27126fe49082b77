// Every ts/js block of the guides and package READMEs, pasted into the fresh ESM project that has
// only the packed tarballs installed (plus vitest, which the testing guides have readers
// install: linked from this repository's install, the version it pins, since npm installing
// vitest's 47 packages costs 5 to 20 s on a busy machine), and run there with the docs test's run logic (docs/scripts/block-runs.mjs). A .ts
// block runs as TypeScript's transpileModule writes it, with plain Node: what tsx does, without
// its half a second of CPU per process, which on a 2-core machine is most of a block's cost.
//   - a block the docs test runs: with the WAWP_* variables of a mock started from the packed
//     @wawp/mock-server, and REDIS_URL of the queue tests' Redis (a database per page) if it reads it;
//   - `run=refuses` (and nothing says how to drive it): without those variables; it must stop
//     with a clear message (the docs test checks that of the driven ones too);
//   - `serves`, `serves=<export>`, `worker`, `sends` (docs/scripts/code-blocks.mjs says what they
//     mean): started, driven with a signed delivery from the packed mock's emitter or against a
//     receiver of the packed @wawp/webhooks-types, then stopped with SIGTERM;
//   - a `*.test.ts` block: `vitest run` in the project.
// A block that cannot be run here (no Redis to be had, nothing that says how to drive it) is
// only type-checked, by the project's node16 program, and the summary says why. Also the mock
// README's emit commands, run by the shell against the receiver the webhooks package ships.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MOCK_VALUES,
  mockEnvironment,
  needsRedis,
  refusalProblem,
  runNode,
  where,
  withoutReaderVariables,
} from '../../docs/scripts/block-runs.mjs';
import { extractBlocks, writeBlocks } from '../../docs/scripts/code-blocks.mjs';
import { freePort, useRedis } from '../../packages/queue/test/support/redis-server.mjs';

/** A block's run, its start-up included (the packages), on a busy 2-core machine. */
const BLOCK_TIMEOUT_MS = 60_000;
/** vitest's own start-up comes on top of the block's. */
const VITEST_TIMEOUT_MS = 120_000;
/** How long a worker may take to print that it handled the page's delivery. */
const WORKER_TIMEOUT_MS = 20_000;
/** How long a stopped receiver or worker may take to exit after SIGTERM. */
const STOP_TIMEOUT_MS = 5_000;
/** Block processes at once: each is mostly start-up, and the type-checks run beside them. */
const CONCURRENCY = 3;
const SERVE_EXPORT = join(import.meta.dirname, 'serve-export.mjs');
// The repository's TypeScript, as the type-check uses it: type syntax out, ES modules kept.
const ts = createRequire(import.meta.url)('typescript');
const TRANSPILE = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
const HMAC_KEY = MOCK_VALUES.WAWP_WEBHOOK_HMAC_KEY;

/**
 * Links vitest into the project, writes every documented block into `project/blocks/<page>/` (what the type-check and vitest
 * read), its JavaScript into `project/run/<page>/` (what Node runs: `runPath`), and a module
 * that re-exports the packed packages this script drives the blocks with. Returns the blocks,
 * and their files (relative to the project) for the caller's type-check program.
 */
export function pasteBlocks({ root, project }) {
  const vitest = dirname(createRequire(join(root, 'package.json')).resolve('vitest/package.json'));
  // A junction on Windows, which needs no privilege; a plain symlink elsewhere.
  symlinkSync(vitest, join(project, 'node_modules', 'vitest'), 'junction');
  const blocksDir = join(project, 'blocks');
  const blocks = writeBlocks(root, blocksDir);
  for (const block of blocks) {
    // vitest reads a test block's TypeScript itself.
    if (block.mode === 'fragment' || block.path.endsWith('.test.ts')) continue;
    block.runPath = join(project, 'run', relative(blocksDir, block.path)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(block.runPath), { recursive: true });
    const js = block.path.endsWith('.ts')
      ? ts.transpileModule(block.code, { compilerOptions: TRANSPILE, fileName: basename(block.path) }).outputText
      : block.code;
    writeFileSync(block.runPath, js);
  }
  writeFileSync(
    join(project, 'packed-drivers.mjs'),
    [
      "export { emitWebhook, startMockServer } from '@wawp/mock-server';",
      "export { createWebhookRouter } from '@wawp/webhooks-types';",
      "export { createNodeHandler } from '@wawp/webhooks-types/node';",
      '',
    ].join('\n'),
  );
  const files = blocks.filter((b) => b.mode !== 'fragment').map((b) => relative(project, b.path));
  return { blocks, files };
}

/** How the release check runs a block: the first of these that fits. */
function kindOf(block) {
  if (block.mode === 'fragment') return 'fragment';
  if (block.path.endsWith('.test.ts')) return 'vitest';
  if (block.meta.serves) return 'serves';
  if (block.meta.worker) return 'worker';
  if (block.meta.sends) return 'sends';
  if (block.mode === 'refuses') return 'refuses';
  if (block.mode === 'run') return 'mock';
  return 'types';
}

const KIND_WORDS = {
  mock: 'against the mock',
  serves: 'receiver started, sent a signed delivery, stopped',
  worker: 'worker beside a receiver, handled its delivery',
  sends: 'sender, a packed receiver accepted its delivery',
  vitest: 'vitest file',
  refuses: 'refused without its WAWP_* variables, as written for the real API',
};

/** Runs tasks (functions returning promises) at most `limit` at a time; resolves their results in order. */
function limited(tasks, limit) {
  const results = [];
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  return Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane)).then(() => results);
}

/** A long-running block process: its output so far, and `stop()` (SIGTERM) → a problem or ''. */
function startProcess(args, { env, cwd }) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  exited.then(() => {
    done = true;
  });
  return {
    stdout: () => stdout,
    output: () => `${stdout}${stderr}`,
    running: () => !done,
    async stop() {
      if (done) return `it exited before it was stopped (${JSON.stringify(await exited)})`;
      child.kill('SIGTERM');
      const timer = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, 'late'));
      const end = await Promise.race([exited, timer]);
      if (end === 'late') {
        child.kill('SIGKILL');
        return `it did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`;
      }
      // Exit 0 from its own SIGTERM handler, or Node's default end on the signal.
      return end.code === 0 || end.signal === 'SIGTERM' ? '' : `SIGTERM ended it with ${JSON.stringify(end)}`;
    },
  };
}

/** Resolves true once something accepts connections on the port, false if the process ends first or time runs out. */
async function listening(port, running, deadline) {
  while (Date.now() < deadline && running.running()) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      // Closed at once: an open probe connection would hold the server's close() later.
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function until(condition, deadline) {
  while (Date.now() < deadline && !condition()) await new Promise((resolve) => setTimeout(resolve, 100));
  return condition();
}

/**
 * Runs every pasted block (see the top of this file). Resolves `{ checks, summary }`: one
 * `[what, output]` per block, the output empty when it passed, and the summary line.
 */
export async function runPastedBlocks({ project, blocks }) {
  const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
  const packed = await import(pathToFileURL(join(project, 'packed-drivers.mjs')).href);
  const mock = await packed.startMockServer({ port: 0 });
  let redis;
  let noRedis = '';
  if (blocks.some((b) => b.mode !== 'fragment' && needsRedis(b))) {
    redis = await useRedis().catch((error) => {
      noRedis = error.message;
    });
  }
  // A database per page: the pages' receivers and workers use the same default queue names.
  const pages = [...new Set(blocks.map((b) => b.source))];
  const redisFor = (block) => {
    const url = new URL(redis.url);
    url.pathname = `/${1 + (pages.indexOf(block.source) % 15)}`;
    return url.href;
  };
  const envFor = (block, env = mockEnvironment(mock.url)) =>
    needsRedis(block) ? { ...env, REDIS_URL: redisFor(block) } : env;

  const results = [];
  const record = (block, kind, problem, output = '', ms = 0) => results.push({ block, kind, problem, output, ms });
  const outputOf = (result) => `${result.stdout}${result.stderr}`;

  /** A block that must run to exit 0: against the mock, or under vitest. */
  const runToEnd = async (block, kind) => {
    const env = envFor(block);
    const result =
      kind === 'vitest'
        ? await runNode([vitest, 'run', basename(block.path)], {
            env,
            cwd: dirname(block.path),
            timeoutMs: VITEST_TIMEOUT_MS,
          })
        : await runNode([block.runPath], { env, cwd: dirname(block.runPath), timeoutMs: BLOCK_TIMEOUT_MS });
    record(block, kind, result.code === 0 ? '' : `exit ${result.code}`, outputOf(result), result.ms);
  };

  /** A `run=refuses` block's run without the variables: it must stop with a clear message. */
  const refusal = async (block) => {
    const env = withoutReaderVariables();
    const result = await runNode([block.runPath], { env, cwd: dirname(block.runPath), timeoutMs: BLOCK_TIMEOUT_MS });
    const problem = refusalProblem(result);
    record(block, 'refuses', problem && `without its variables ${problem}`, outputOf(result), result.ms);
  };

  /** A receiver block (or a block's exported receiver) on a free port, sent one signed delivery. */
  const serve = async (block) => {
    const started = Date.now();
    const port = await freePort();
    const args =
      block.meta.serves === true ? [block.runPath] : [SERVE_EXPORT, block.runPath, String(block.meta.serves)];
    const server = startProcess(args, { env: { ...envFor(block), PORT: String(port) }, cwd: dirname(block.runPath) });
    let problem = '';
    if (!(await listening(port, server, started + BLOCK_TIMEOUT_MS))) {
      problem = `nothing listened on PORT=${port}`;
    } else {
      const delivery = await packed
        .emitWebhook({ event: 'session.status', to: `http://127.0.0.1:${port}/`, hmacKey: HMAC_KEY })
        .catch((error) => ({ ok: false, status: error.message }));
      if (!delivery.ok) problem = `it answered a signed session.status delivery with ${delivery.status}`;
    }
    const stopped = await server.stop();
    return { problem: problem || stopped, output: server.output(), ms: Date.now() - started };
  };

  /** A page's `serves` blocks, with its `worker` blocks running beside them. */
  const servePage = async (servers, workers) => {
    const started = Date.now();
    const running = workers.map((block) =>
      startProcess([block.runPath], { env: envFor(block), cwd: dirname(block.runPath) }),
    );
    // What they printed while starting; the line that counts comes after (BullMQ warns on stderr).
    const printedBefore = running.map((w) => w.stdout().length);
    for (const block of servers) {
      const { problem, output, ms } = await serve(block);
      record(block, 'serves', problem, output, ms);
    }
    for (const [i, block] of workers.entries()) {
      const worker = running[i];
      const printed = await until(
        () => worker.stdout().length > printedBefore[i] || !worker.running(),
        Date.now() + WORKER_TIMEOUT_MS,
      );
      const stopped = await worker.stop();
      const problem =
        servers.length === 0
          ? 'a worker block on a page without a `serves` block'
          : printed && worker.stdout().length > printedBefore[i]
            ? stopped
            : `it printed nothing after ${servers.map(where).join(', ')} had its delivery`;
      record(block, 'worker', problem, worker.output(), Date.now() - started);
    }
  };

  /** A block that sends a signed delivery to RECEIVER_URL, run against a packed receiver with the same key. */
  const sendTo = async (block) => {
    const handled = [];
    const router = packed.createWebhookRouter().onAny((event) => {
      handled.push(event.event);
    });
    const receiver = createServer(packed.createNodeHandler({ router, hmacKey: HMAC_KEY }));
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const env = { ...envFor(block), RECEIVER_URL: `http://127.0.0.1:${receiver.address().port}/hook` };
    const result = await runNode([block.runPath], { env, cwd: dirname(block.runPath), timeoutMs: BLOCK_TIMEOUT_MS });
    await new Promise((resolve) => receiver.close(resolve));
    const problem =
      result.code !== 0
        ? `exit ${result.code}`
        : handled.length === 0
          ? 'the receiver at RECEIVER_URL handled no delivery from it'
          : '';
    record(block, 'sends', problem, outputOf(result), result.ms);
  };

  const typesOnly = [];
  const tasks = [];
  for (const source of pages) {
    const page = blocks.filter((b) => b.source === source);
    const servers = [];
    const workers = [];
    for (const block of page) {
      const kind = kindOf(block);
      if (kind === 'fragment')
        typesOnly.push([block, 'a fragment: not even type-checked here (the docs test parses it)']);
      else if (kind === 'types') typesOnly.push([block, 'norun, and its fence names no way to drive it']);
      else if (needsRedis(block) && !redis) typesOnly.push([block, `it needs a Redis: ${noRedis}`]);
      else if (kind === 'serves') servers.push(block);
      else if (kind === 'worker') workers.push(block);
      else if (kind === 'sends') tasks.push(() => sendTo(block));
      else if (kind === 'refuses') tasks.push(() => refusal(block));
      else tasks.push(() => runToEnd(block, kind));
    }
    // A page's workers need its receivers: they run as one task; other receivers on their own.
    if (workers.length > 0) tasks.push(() => servePage(servers, workers));
    else for (const block of servers) tasks.push(() => servePage([block], []));
  }
  try {
    await limited(tasks, CONCURRENCY);
  } finally {
    await mock.close();
    await redis?.stop();
  }

  const order = (b) => blocks.indexOf(b);
  results.sort((a, b) => order(a.block) - order(b.block));
  const checks = results.map(({ block, kind, problem, output, ms }) => [
    `pasted block ${where(block)} (${basename(block.path)}) runs in the fresh project: ${kind}, ${(ms / 1000).toFixed(1)} s`,
    problem ? `${where(block)}: ${problem}\n${output.trim()}` : '',
  ]);
  const counts = Object.entries(KIND_WORDS)
    .map(([kind, words]) => [results.filter((r) => r.kind === kind).length, words])
    .filter(([n]) => n > 0)
    .map(([n, words]) => `${n} × ${words}`);
  const failed = results.filter((r) => r.problem).length;
  const summary = [
    `pasted blocks: ${results.length} ran (${failed} failed), ${typesOnly.length} type-checked only, ${blocks.length} total`,
    `     ran: ${counts.join('; ')}`,
    ...typesOnly.map(([block, why]) => `     type-checked only: ${where(block)} (${basename(block.path)}): ${why}`),
  ].join('\n');
  return { checks, summary };
}

/**
 * The mock README's `sh` block with `--payload`, as written, except for the port (3000 may be
 * taken on a shared machine) and a wait for the receiver it starts in the background to listen.
 */
export async function checkEmitCommands({ root, project, failed }) {
  const readme = 'packages/mock-server/README.md';
  const what = `pasted into the fresh project: ${readme} emit commands exit 0 against the shipped receiver`;
  const block = extractBlocks(readFileSync(join(root, readme), 'utf8')).find(
    (b) => b.lang === 'sh' && b.code.includes('--payload'),
  );
  if (!block) return [what, `no sh block with --payload in ${readme}`];
  const port = await freePort();
  const lines = block.code.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`).trimEnd().split('\n');
  const script = ['set -e', `export PORT=${port}`];
  for (const line of lines) {
    script.push(line);
    if (!/&\s*(#.*)?$/.test(line)) continue;
    script.push(
      'trap "kill $! 2>/dev/null" EXIT',
      `for i in $(seq 100); do (: > /dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.1; done`,
    );
  }
  writeFileSync(join(project, 'emit.sh'), `${script.join('\n')}\n`);
  return [what, await failed('bash', ['emit.sh'])];
}
