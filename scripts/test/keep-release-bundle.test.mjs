// `npm run version-packages` keeps the new release's bundle where the breaking-change guard
// looks for it, once per version.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keepReleaseBundle } from '../keep-release-bundle.mjs';
import { lastRelease } from '../spec-compat.mjs';

function fakeSpec(version) {
  const dir = mkdtempSync(join(tmpdir(), 'wawp-keep-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@wawp/spec', version }));
  mkdirSync(join(dir, 'releases', '0.1.0'), { recursive: true });
  writeFileSync(join(dir, 'releases', '0.1.0', 'openapi.json'), '{"info":{"version":"0.1.0"}}');
  return dir;
}
const bundleInto = (dir, version) => () => {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'openapi.json'), JSON.stringify({ info: { version } }));
  writeFileSync(join(dir, 'dist', 'asyncapi.json'), '{}');
};

test('bundles at the new version and keeps it as the release the guard compares against', () => {
  const dir = fakeSpec('0.2.0');
  const result = keepReleaseBundle({ specDir: dir, bundle: bundleInto(dir, '0.2.0') });
  assert.deepEqual(result, { version: '0.2.0', kept: ['openapi.json'], already: false });
  const kept = join(dir, 'releases', '0.2.0', 'openapi.json');
  assert.equal(JSON.parse(readFileSync(kept, 'utf8')).info.version, '0.2.0');
  assert.equal(lastRelease(join(dir, 'releases')).path, kept);
});

test('leaves a version already kept as it is, without bundling', () => {
  const dir = fakeSpec('0.1.0');
  const result = keepReleaseBundle({
    specDir: dir,
    bundle: () => assert.fail('must not bundle a version that is kept'),
  });
  assert.equal(result.already, true);
  assert.equal(readFileSync(join(dir, 'releases', '0.1.0', 'openapi.json'), 'utf8'), '{"info":{"version":"0.1.0"}}');
});

test('fails clearly when bundling left no openapi.json', () => {
  const dir = fakeSpec('0.3.0');
  assert.throws(() => keepReleaseBundle({ specDir: dir, bundle: () => {} }), /no .*openapi\.json after bundling/);
});
