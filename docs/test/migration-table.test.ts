// The migration guide's tables: generated from the two descriptions joined by operationId,
// committed in guides/migrating-to-v2.md, and kept equal to what the generator says.
import { readFileSync } from 'node:fs';
import { listOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { GUIDE_PATH, loadDescriptions } from '../scripts/migration-guide.mjs';
import { MARKERS, migrationRows, migrationTables, withTables } from '../scripts/migration-table.mjs';

const { v1, v2 } = loadDescriptions();
const guide = readFileSync(GUIDE_PATH, 'utf8');
// The tables are padded to aligned columns; the checks read them with the padding collapsed.
const unpadded = (text: string) => text.replace(/ +\|/g, ' |');
const idsOf = (doc: object) => listOperations(doc).map(({ operation }) => operation.operationId as string);

describe('the migration guide', () => {
  it('carries exactly the tables the two descriptions produce (npm run migration-guide -w @wawp/docs)', () => {
    expect(guide).toBe(withTables(guide, migrationTables(v1, v2)));
  });

  it('has a row for every v1 operation with a v2 counterpart, with both calls', () => {
    const v2Ids = new Set(idsOf(v2));
    const shared = idsOf(v1).filter((id) => v2Ids.has(id));
    expect(shared.length).toBeGreaterThan(60);
    for (const id of shared) {
      const row = unpadded(guide)
        .split('\n')
        .find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      expect(row?.split(' | ')).toHaveLength(5);
    }
    expect(unpadded(guide)).toMatch(
      /\| `sendText` \| `messages\.sendText` \| `POST \/send` \| `POST \/send\/text` \| path renamed; `chatId`: query → body;/,
    );
    expect(unpadded(guide)).toContain(
      '| `getSessionInfo` | `sessions.getInfo` | `GET /session/info` | `POST /session/info` | method GET → POST |',
    );
  });

  it('accounts for every operation of both versions once', () => {
    const { moved, added, dropped } = migrationRows(v1, v2);
    expect([...moved, ...dropped].map((r) => r.id).sort()).toEqual(idsOf(v1).sort());
    expect([...moved, ...added].map((r) => r.id).sort()).toEqual(idsOf(v2).sort());
  });
});

/** A one-operation description, as small as the operation model accepts. */
function doc(path: string, method: string, op: Record<string, unknown>, operationId = 'moveIt') {
  return {
    openapi: '3.1.0',
    paths: {
      [path]: {
        [method]: { operationId, 'x-wawp-method': 'things.move', tags: ['Things'], responses: {}, ...op },
      },
    },
  };
}
const param = (name: string, where: string, required = false) => ({
  name,
  in: where,
  required,
  schema: { type: 'string' },
  example: 'x',
});

describe('migrationRows', () => {
  const before = doc('/things/{thingId}/move', 'put', {
    parameters: [param('thingId', 'path', true), param('to', 'query'), param('tags[]', 'query'), param('old', 'query')],
  });
  // v2 takes `to` and `tags` in a JSON body, `to` now required, and adds `speed`.
  const bodySchema = {
    type: 'object',
    required: ['to', 'speed'],
    properties: { to: { type: 'string' }, tags: { type: 'array' }, speed: { type: 'integer' } },
  };
  const after = doc('/things/move/{id}', 'post', {
    parameters: [param('id', 'path', true)],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: bodySchema, example: { to: 'x', speed: 1 } } },
    },
  });

  it('names the method, the path, moved, renamed, newly required, dropped and added fields', () => {
    const { moved, added, dropped } = migrationRows(before, after);
    expect(added).toEqual([]);
    expect(dropped).toEqual([]);
    expect(moved).toEqual([
      {
        id: 'moveIt',
        client: 'things.move',
        v1: '`PUT /things/{thingId}/move`',
        v2: '`POST /things/move/{id}`',
        changes: [
          'method PUT → POST',
          'path renamed',
          '`to`: query → body',
          '`to` now required',
          '`tags`: query → body',
          'path parameter `thingId` renamed `id`',
          '`old` (query) dropped',
          '`speed` (body, required) added',
        ],
      },
    ]);
  });

  it('puts an operation only one version has in its own table', () => {
    const other = doc('/elsewhere', 'get', {}, 'somethingNew');
    const tables = unpadded(migrationTables(before, other));
    expect(tables).toContain('| `somethingNew` | `things.move` | `GET /elsewhere` |');
    expect(tables).toContain('| `moveIt` | `PUT /things/{thingId}/move` |');
    expect(tables).toContain('### Operations in both versions (0, 0 of them changed)');
  });

  it('refuses a guide without its markers, and replaces only what is between them', () => {
    expect(() => withTables('# Guide\n', 'x')).toThrow(/markers/);
    const text = `a\n${MARKERS.start}\nold\n${MARKERS.end}\nb\n`;
    expect(withTables(text, 'new')).toBe(`a\n${MARKERS.start}\n\nnew\n\n${MARKERS.end}\nb\n`);
  });
});
