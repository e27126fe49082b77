#!/usr/bin/env node
// Release readiness of every published package, as `npm test` checks it (turbo task
// //#release-check, cached on the packages' outputs):
//   - metadata: license, repository (this repo, with the package's directory), homepage, bugs,
//     keywords; the root LICENSE, identical in each package; absolute links in each README;
//   - the tarball: `npm publish --dry-run` passes and ships LICENSE, README.md, CHANGELOG.md
//     and the package's examples;
//   - a fresh project with the packed tarballs installed type-checks with skipLibCheck: false,
//     under node10, node16 and bundler resolution, from ESM and from CJS.
// Prints one line per check and exits 1 with the list of what failed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repoUrl = rootPkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const license = readFileSync(join(root, 'LICENSE'), 'utf8');
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
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

// 2. Tarballs.
const work = mkdtempSync(join(tmpdir(), 'wawp-release-'));
const packed = [];
for (const dir of dirs) {
  const pkgDir = join(root, dir);
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkgDir, encoding: 'utf8' }),
  );
  const files = new Set(info.files.map((f) => f.path));
  for (const need of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json'])
    check(files.has(need), `${info.name}: tarball has ${need}`);
  if (existsSync(join(pkgDir, 'examples')))
    check(
      [...files].some((f) => f.startsWith('examples/')),
      `${info.name}: tarball has examples/`,
    );
  let dryRun = true;
  try {
    execFileSync('npm', ['publish', '--dry-run', '--json', '--tag', 'next', join(work, info.filename)], {
      cwd: work,
      stdio: 'pipe',
    });
  } catch (error) {
    dryRun = false;
    console.error(String(error.stderr));
  }
  check(dryRun, `${info.name}: npm publish --dry-run`);
  packed.push({ name: info.name, tarball: join(work, info.filename) });
}

// 3. A fresh project with the tarballs.
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
    `typescript@${rootPkg.devDependencies.typescript}`,
    `@types/node@${rootPkg.devDependencies['@types/node']}`,
  ],
  { cwd: project, stdio: 'pipe' },
);
const entries = packed.flatMap(({ name }) => {
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
  return Object.keys(pkg.exports ?? {})
    .filter((key) => !key.endsWith('.json') && (pkg.exports[key].types || pkg.exports[key].import?.types))
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
});
const lines = entries.map((spec, i) => `import * as m${i} from '${spec}';\nconsole.log(typeof m${i});`).join('\n');
writeFileSync(join(project, 'esm.mts'), `${lines}\n`);
writeFileSync(join(project, 'cjs.cts'), `${lines}\n`);
const modes = {
  node10: { module: 'commonjs', moduleResolution: 'node10', files: ['cjs.cts'] },
  node16: { module: 'node16', moduleResolution: 'node16', files: ['esm.mts', 'cjs.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['esm.mts'] },
};
const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
for (const [mode, { files, ...options }] of Object.entries(modes)) {
  const config = join(project, `tsconfig.${mode}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        ...options,
        target: 'es2022',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
        ignoreDeprecations: '5.0',
      },
      files,
    }),
  );
  let out = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', config], { cwd: project, encoding: 'utf8' });
  } catch (error) {
    out = String(error.stdout);
  }
  if (out) console.error(out.split('\n').slice(0, 20).join('\n'));
  check(
    out === '',
    `fresh project: ${entries.length} entry points type-check under ${mode} (${files.join(', ')}), skipLibCheck false`,
  );
}

rmSync(work, { recursive: true, force: true });
console.log(`release-check: ${failures.length === 0 ? 'all passed' : `${failures.length} failed`}`);
process.exitCode = failures.length === 0 ? 0 : 1;
