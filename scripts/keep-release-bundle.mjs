#!/usr/bin/env node
// Part of `npm run version-packages`, after `changeset version` and the spec's version sync:
// bundles the spec at its new version and keeps the bundle as spec/releases/<version>/, the
// release the breaking-change guard (spec-compat.mjs) compares the next changes against.
// A version already kept is left as it is: a release's bundle never changes afterwards.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Rebuilds spec/dist with the version just written into the sources. */
function bundleSpec() {
  execFileSync('npm', ['run', 'bundle', '-w', '@wawp/spec'], { cwd: root, stdio: 'inherit' });
}

/**
 * Copies every OpenAPI bundle of `specDir/dist` into `specDir/releases/<version>/`.
 * Returns what it did, for the log and the tests.
 */
export function keepReleaseBundle({ specDir = join(root, 'spec'), bundle = bundleSpec } = {}) {
  const { version } = JSON.parse(readFileSync(join(specDir, 'package.json'), 'utf8'));
  const target = join(specDir, 'releases', version);
  if (existsSync(join(target, 'openapi.json'))) return { version, kept: [], already: true };
  bundle();
  const dist = join(specDir, 'dist');
  const bundles = existsSync(dist) ? readdirSync(dist).filter((f) => /^openapi.*\.json$/.test(f)) : [];
  if (!bundles.includes('openapi.json'))
    throw new Error(`keep-release-bundle: no ${join(dist, 'openapi.json')} after bundling`);
  mkdirSync(target, { recursive: true });
  for (const file of bundles) copyFileSync(join(dist, file), join(target, file));
  return { version, kept: bundles, already: false };
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const { version, kept, already } = keepReleaseBundle();
  console.log(
    already
      ? `spec/releases/${version}/ is kept already`
      : `spec/releases/${version}/: kept ${kept.join(', ')} (commit it with the release)`,
  );
}
