// The spec's breaking-change guard, on changes planted into the kept release bundle: each kind
// of breaking change is named, additions pass, and a major changeset is what lets a break in.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { breakingChanges, hasMajorChangeset, lastRelease } from '../spec-compat.mjs';

const base = JSON.parse(readFileSync(lastRelease().path, 'utf8'));
const op = (doc, path, method) => doc.paths[path][method];

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
  const { operationId: renamed } = op(doc, '/channels', 'get');
  op(doc, '/channels', 'get').operationId = `${renamed}Renamed`; // a renamed operation
  const found = (await breakingChanges(base, doc)).join('\n');
  assert.match(found, /operation deleteProfilePicture \(DELETE \/profile\/picture\) was removed or renamed/);
  assert.match(found, new RegExp(`operation ${renamed} \\(GET /channels\\) was removed or renamed`));
  assert.match(found, /sendText: request_parameters is not compatible/);
  assert.match(found, /setPresence: request_parameters is not compatible/);
  assert.match(found, /getSessionInfo: response_fields_kept is not compatible/);
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
  assert.deepEqual(await breakingChanges(base, doc), []);
});

test('a pending changeset bumping @wawp/spec by major is what allows a break', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wawp-changesets-'));
  writeFileSync(join(dir, 'a.md'), '---\n"@wawp/client": major\n"@wawp/spec": minor\n---\n\nx\n');
  assert.equal(hasMajorChangeset(dir), false);
  writeFileSync(join(dir, 'b.md'), "---\n'@wawp/spec': major\n---\n\nRemoved an operation.\n");
  assert.equal(hasMajorChangeset(dir), true);
});
