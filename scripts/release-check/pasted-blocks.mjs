// The guides' blocks as a reader pastes them into a new ESM project that has only the packed
// tarballs installed: the first message (against the installed mock) and the receiver
// (verify, parse, answer); and the mock README's emit commands, run by the shell against the
// receiver that the webhooks package ships. They are read from the markdown, compiled with the project's own
// settings (no path mapping to this repository) and run with Node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { extractBlocks } from '../../docs/scripts/code-blocks.mjs';

/** The blocks pasted, by guide and file name; the last of each guide is the one run. */
const PASTED = [
  { guide: 'docs/guides/getting-started.md', files: ['first-message.ts'], mock: true },
  { guide: 'docs/guides/receiving-webhooks.md', files: ['handle-delivery.ts', 'try-delivery.ts'], mock: false },
];

// Starts the installed mock on a free port, runs one compiled block against it with the
// variables the guides name, and exits with the block's exit code.
const WITH_MOCK = `import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startMockServer } from '@wawp/mock-server';
const mock = await startMockServer({ port: 0 });
// Not execFileSync: the mock answers from this process's event loop.
const child = spawn(process.execPath, [process.argv[2]], {
  stdio: 'inherit',
  env: { ...process.env, WAWP_BASE_URL: mock.url, WAWP_INSTANCE_ID: '123456789', WAWP_ACCESS_TOKEN: '123456789' },
});
const [code] = await once(child, 'exit');
await mock.close();
process.exitCode = code ?? 1;
`;

/**
 * Writes the guides' blocks into the project and returns their files, for the caller to
 * compile in its node16 program (to `out/`, next to the entry checks), and the checks to run
 * once that compiled: one promise per check, `[what, output]`, the output empty when it passed.
 */
export function preparePastedBlocks({ root, project, failed }) {
  const files = [];
  const runs = [];
  for (const [i, { guide, files: names, mock }] of PASTED.entries()) {
    const what = `pasted into the fresh project: ${guide} (${names.join(', ')}) compiles and runs`;
    const blocks = extractBlocks(readFileSync(join(root, guide), 'utf8'));
    const missing = names.filter((file) => !blocks.some((b) => b.meta.file === file));
    if (missing.length > 0) {
      runs.push(() => Promise.resolve([what, `no block file=${missing.join(', ')} in ${guide}`]));
      continue;
    }
    const dir = `pasted-${i}`;
    mkdirSync(join(project, dir));
    for (const name of names) {
      writeFileSync(join(project, dir, name), blocks.find((b) => b.meta.file === name).code);
      files.push(`${dir}/${name}`);
    }
    const main = join('out', dir, names.at(-1).replace(/\.ts$/, '.js'));
    if (mock) writeFileSync(join(project, `with-mock-${i}.mjs`), WITH_MOCK);
    runs.push(() => failed(process.execPath, mock ? [`with-mock-${i}.mjs`, main] : [main]).then((out) => [what, out]));
  }
  runs.push(() => checkEmitCommands({ root, project, failed }));
  return { files, runs };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * The mock README's `sh` block with `--payload`, as written, except for the port (3000 may be
 * taken on a shared machine) and a wait for the receiver it starts in the background to listen.
 */
async function checkEmitCommands({ root, project, failed }) {
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
