#!/usr/bin/env node
// Release readiness of every published package, as `npm test` checks it (turbo task
// //#release-check, cached on the packages' builds and the files below):
//   - metadata: license, repository (this repo, with the package's directory), homepage, bugs,
//     keywords; the root LICENSE, identical in each package; absolute links in each README;
//   - the tarball: `npm publish --dry-run` passes and ships LICENSE, README.md, CHANGELOG.md
//     and the package's examples; its size is printed;
//   - a fresh project with only the packed tarballs installed (from the local files and npm's
//     cache) type-checks with skipLibCheck: false under node10, node16 and bundler resolution,
//     from ESM and from CJS, and imports every entry point at run time, ESM and CJS;
//   - every ts/js block of the guides and package READMEs, pasted into that project as a reader
//     would (with vitest, which the testing guides have readers install), type-checks and runs
//     against a mock from the packed tarball: receivers are started, sent a signed delivery and
//     stopped (see pasted-blocks.mjs); a summary line counts what ran and what was only type-checked.
// Prints one line per check and exits 1 with the list of what failed.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nameBlockPaths } from '../docs/scripts/block-runs.mjs';
import { checkEmitCommands, pasteBlocks, runPastedBlocks } from './release-check/pasted-blocks.mjs';

const run = promisify(execFile);
const started = Date.now();
const root = join(import.meta.dirname, '..');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repoUrl = rootPkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
// The repository's own TypeScript: the fresh project installs only what a user of the
// packages would, and the compiler is the same whichever node_modules it sits in.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const failures = [];
const phase = (name) => console.log(`     -- ${name} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};

const dirs = ['spec', ...readdirSync(join(root, 'packages')).map((d) => `packages/${d}`)].filter((dir) => {
  const file = join(root, dir, 'package.json');
  return existsSync(file) && !JSON.parse(readFileSync(file, 'utf8')).private;
});

// 1. Metadata, LICENSE, README links.
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const n = pkg.name;
  check(pkg.license === 'MIT', `${n}: license MIT`);
  check(
    pkg.repository?.url === rootPkg.repository.url && pkg.repository?.directory === dir,
    `${n}: repository with directory ${dir}`,
  );
  check(typeof pkg.homepage === 'string' && pkg.homepage.startsWith(repoUrl), `${n}: homepage in ${repoUrl}`);
  check(pkg.bugs?.url === `${repoUrl}/issues`, `${n}: bugs`);
  check(Array.isArray(pkg.keywords) && pkg.keywords.length > 0, `${n}: keywords`);
  check(readFileSync(join(root, dir, 'LICENSE'), 'utf8') === license, `${n}: LICENSE is the root's`);
  check(existsSync(join(root, dir, 'CHANGELOG.md')), `${n}: CHANGELOG.md`);
  const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
  const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^(https?:|mailto:|#)/.test(href));
  check(
    relative.length === 0,
    `${n}: README links are absolute${relative.length ? ` (relative: ${relative.join(', ')})` : ''}`,
  );
}

// 2. Tarballs: one `npm pack` and one `npm publish --dry-run` for all packages (an npm process
// costs seconds on a busy machine).
phase('pack');
const work = mkdtempSync(join(tmpdir(), 'wawp-release-'));
const workspaces = dirs.flatMap((dir) => ['-w', dir]);
const infos = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', work, ...workspaces], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }),
);
const packed = [];
for (const [i, info] of infos.entries()) {
  const files = new Set(info.files.map((f) => f.path));
  for (const need of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json'])
    check(files.has(need), `${info.name}: tarball has ${need}`);
  if (existsSync(join(root, dirs[i], 'examples')))
    check(
      [...files].some((f) => f.startsWith('examples/')),
      `${info.name}: tarball has examples/`,
    );
  console.log(
    `     ${info.name}: ${(info.size / 1024).toFixed(1)} kB packed, ${(info.unpackedSize / 1024).toFixed(1)} kB unpacked, ${info.entryCount} files`,
  );
  packed.push({ name: info.name, tarball: join(work, info.filename) });
}
phase('publish --dry-run');
let dryRun = true;
try {
  execFileSync('npm', ['publish', '--dry-run', '--tag', 'next', ...workspaces], { cwd: root, stdio: 'pipe' });
} catch (error) {
  dryRun = false;
  console.error(String(error.stderr).split('\n').slice(-20).join('\n'));
}
check(dryRun, `${packed.length} packages: npm publish --dry-run`);

// 3. A fresh project with the tarballs and nothing from this repository.
phase('install');
const project = join(work, 'project');
mkdirSync(project);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh', private: true, type: 'module' }));
execFileSync(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--ignore-scripts',
    ...packed.map((p) => p.tarball),
    `@types/node@${rootPkg.devDependencies['@types/node']}`,
  ],
  { cwd: project, stdio: 'pipe' },
);

/** Every entry point with types, and whether it can be required (it has a CJS build). */
const entries = packed.flatMap(({ name }) => {
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
  return Object.entries(pkg.exports ?? {})
    .filter(([key, target]) => !key.endsWith('.json') && (target.types || target.import?.types))
    .map(([key, target]) => ({
      specifier: key === '.' ? name : `${name}/${key.slice(2)}`,
      // An entry without a `require` build is ESM-only (the spec's tools, for build scripts):
      // a CommonJS user reaches it with `import()`, which is what the CJS file below does.
      esmOnly: !target.require,
    }));
});
const esmOnly = entries.filter((e) => e.esmOnly).map((e) => e.specifier);
console.log(`     ESM-only entry points (reached from CJS with import()): ${esmOnly.join(', ') || 'none'}`);
// No CJS build of a package may pull an ESM-only entry into a CommonJS user's graph.
for (const { name } of packed) {
  const dist = join(project, 'node_modules', name, 'dist');
  if (!existsSync(dist)) continue;
  const cjs = readdirSync(dist).filter((f) => f.endsWith('.cjs') || f.endsWith('.d.cts'));
  const leaking = cjs.filter((f) => {
    const text = readFileSync(join(dist, f), 'utf8');
    return esmOnly.some((s) => text.includes(`'${s}'`) || text.includes(`"${s}"`));
  });
  check(
    leaking.length === 0,
    `${name}: CJS build does not reference an ESM-only entry${leaking.length ? ` (${leaking.join(', ')})` : ''}`,
  );
}

const esm = entries.map((e, i) => `import * as m${i} from '${e.specifier}';\nconsole.log(typeof m${i});`);
const cjs = entries.map((e, i) =>
  e.esmOnly
    ? `void import('${e.specifier}').then((m${i}) => console.log(typeof m${i}));`
    : `import * as m${i} from '${e.specifier}';\nconsole.log(typeof m${i});`,
);
writeFileSync(join(project, 'esm.mts'), `${esm.join('\n')}\n`);
writeFileSync(join(project, 'cjs.cts'), `${cjs.join('\n')}\n`);
// The same at run time, as Node loads them: one process (Node's start-up and the shared
// dependencies cost seconds) that requires every CJS build, then imports every ESM one.
writeFileSync(
  join(project, 'load.cjs'),
  [
    ...entries.filter((e) => !e.esmOnly).map((e) => `require('${e.specifier}');`),
    "console.log('cjs ok');",
    `(async () => {\n${entries.map((e) => `  await import('${e.specifier}');`).join('\n')}\n  console.log('esm ok');\n})();`,
    '',
  ].join('\n'),
);
/** Runs a command; resolves with its output when it failed, '' when it passed. Prints its time. */
const failed = (file, args, cwd = project) => {
  const begun = Date.now();
  return run(file, args, { cwd, encoding: 'utf8', timeout: 180_000 })
    .then(
      () => '',
      (error) => `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || String(error),
    )
    .finally(() =>
      console.log(
        `     ${((Date.now() - begun) / 1000).toFixed(1)} s: ${[file, ...args].map((a) => a.split('/').pop()).join(' ')}`,
      ),
    );
};

// One TypeScript program per resolution mode (each costs seconds of CPU); the node16 one also
// checks the pasted blocks (checkJs for the .mjs ones), as a reader's ESM project would.
const pasted = pasteBlocks({ root, project });
const modes = {
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['cjs.cts'] },
  node16: {
    module: 'node16',
    moduleResolution: 'node16',
    files: ['esm.mts', 'cjs.cts', ...pasted.files],
    allowJs: true,
    checkJs: true,
  },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['esm.mts'] },
};
const compilerOptions = { target: 'es2022', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] };
const typeCheck = (mode, { files, ...options }) => {
  const config = join(project, `tsconfig.${mode}.json`);
  writeFileSync(
    config,
    JSON.stringify({ compilerOptions: { ...compilerOptions, ...options, ignoreDeprecations: '5.0' }, files }),
  );
  return failed(process.execPath, [tsc, '-p', config]);
};
const typeChecked = (mode, out) => [
  `fresh project: ${entries.length} entry points type-check under ${mode} (${modes[mode].files.slice(0, 2).join(', ')}), skipLibCheck false`,
  out,
];

phase('type-check, load, pasted blocks');
// Started at once, beside the type-checks: a block runs from its own JavaScript, not from tsc.
const blockRuns = runPastedBlocks({ project, blocks: pasted.blocks }).catch((error) => ({
  checks: [['pasted blocks: run in the fresh project', String(error?.stack ?? error)]],
  summary: 'pasted blocks: not run',
}));
const checks = [
  typeCheck('node10', modes.node10).then((out) => typeChecked('node10', out)),
  typeCheck('bundler', modes.bundler).then((out) => typeChecked('bundler', out)),
  // Without require(esm), as Node before 20.19 and 22.12 and CJS bundlers: a CJS build that
  // require()s an ES module fails here, although this Node could load it.
  failed(process.execPath, ['--no-experimental-require-module', 'load.cjs']).then((out) => [
    'fresh project: Node loads every entry point, with require (CJS builds, no require(esm)) and import (ESM)',
    out,
  ]),
  typeCheck('node16', modes.node16).then((out) => [
    `${typeChecked('node16', out)[0]}, and the ${pasted.files.length} pasted blocks`,
    nameBlockPaths(out, pasted.blocks),
  ]),
  blockRuns.then(({ checks }) => checks),
  checkEmitCommands({ root, project, failed }),
];
for (const [what, out] of (await Promise.all(checks)).flatMap((r) => (Array.isArray(r[0]) ? r : [r]))) {
  if (out) console.error(out.split('\n').slice(0, 20).join('\n'));
  check(out === '', what);
}

console.log((await blockRuns).summary);

rmSync(work, { recursive: true, force: true });
console.log(
  `release-check: ${failures.length === 0 ? 'all passed' : `${failures.length} failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
