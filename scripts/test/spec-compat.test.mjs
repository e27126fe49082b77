// The spec's breaking-change guard, on changes planted into the kept release bundle: each kind
// of breaking change is named, additions pass, and a major changeset is what lets a break in.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { breakingChanges, comparisons, hasMajorChangeset, lastRelease } from '../spec-compat.mjs';

const base = JSON.parse(readFileSync(lastRelease().path, 'utf8'));
const op = (doc, path, method) => doc.paths[path][method];
const bodyOf = (required) => ({
  required,
  content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string' } } } } },
});

test('names every kind of breaking change planted at once', async () => {
  const doc = structuredClone(base);
  delete doc.paths['/profile/picture'].delete; // a removed operation
  op(doc, '/send', 'post').parameters.push({
    name: 'priority',
    in: 'query',
    required: true,
    schema: { type: 'string' },
  });
  const presence = op(doc, '/presence', 'post').parameters.find((p) => p.name === 'presence');
  presence.schema.enum = presence.schema.enum.slice(0, 2); // a narrowed enum
  delete doc.components.schemas.SessionInfo.properties.engine; // a removed (optional) response field
  op(doc, '/session/logout', 'post').requestBody = bodyOf(true); // a body that must now be sent
  const { operationId: renamed } = op(doc, '/channels', 'get');
  op(doc, '/channels', 'get').operationId = `${renamed}Renamed`; // a renamed operation
  const found = (await breakingChanges(base, doc)).join('\n');
  assert.match(found, /operation deleteProfilePicture \(DELETE \/profile\/picture\) was removed or renamed/);
  assert.match(found, new RegExp(`operation ${renamed} \\(GET /channels\\) was removed or renamed`));
  assert.match(found, /sendText: request_parameters is not compatible/);
  assert.match(found, /setPresence: request_parameters is not compatible/);
  assert.match(found, /getSessionInfo: response_fields_kept is not compatible/);
  assert.match(found, /logoutSession: request_body is not compatible/);
});

test('passes additions: a new operation, an optional parameter, a new response field, a new webhook field', async () => {
  const doc = structuredClone(base);
  op(doc, '/send', 'post').parameters.push({
    name: 'priority',
    in: 'query',
    required: false,
    schema: { type: 'string' },
  });
  doc.paths['/session/extra'] = structuredClone(doc.paths['/session/info']);
  doc.paths['/session/extra'].get.operationId = 'getSessionExtra';
  doc.components.schemas.SessionInfo.properties.region = { type: 'string' };
  const presence = op(doc, '/presence', 'post').parameters.find((p) => p.name === 'presence');
  presence.schema.enum = [...presence.schema.enum, 'away']; // a request accepts more
  op(doc, '/session/logout', 'post').requestBody = bodyOf(false); // an optional body where there was none
  assert.deepEqual(await breakingChanges(base, doc), []);
});

test('a pending changeset bumping @wawp/spec by major is what allows a break', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wawp-changesets-'));
  writeFileSync(join(dir, 'a.md'), '---\n"@wawp/client": major\n"@wawp/spec": minor\n---\n\nx\n');
  assert.equal(hasMajorChangeset(dir), false);
  writeFileSync(join(dir, 'b.md'), "---\n'@wawp/spec': major\n---\n\nRemoved an operation.\n");
  assert.equal(hasMajorChangeset(dir), true);
});

test('compares v1 and v2; a description the release did not have yet is new, so nothing in it can break', () => {
  const plan = comparisons();
  assert.deepEqual(
    plan.map(({ name }) => name),
    ['openapi', 'openapi-v2'],
  );
  const [v1, v2] = plan;
  assert.equal(v1.base, lastRelease().path);
  // 0.1.0 predates v2: the guard reports it as new instead of failing on a missing file.
  assert.equal(v2.base, null);
  assert.match(v2.head, /spec\/dist\/openapi-v2\.json$/);
  // Once a release keeps a v2 bundle, v2 is compared like v1.
  const releases = mkdtempSync(join(tmpdir(), 'wawp-releases-'));
  mkdirSync(join(releases, '0.2.0'));
  writeFileSync(join(releases, '0.2.0', 'openapi-v2.json'), '{}');
  assert.equal(comparisons({ releasesDir: releases })[1].base, join(releases, '0.2.0', 'openapi-v2.json'));
  assert.equal(comparisons({ releasesDir: releases })[0].base, null);
});
