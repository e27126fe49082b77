// The golden public surface: the committed surface/operations.md must be what the spec
// generates today. A difference fails with the changed lines; after reviewing it, run
// `npm run surface:update -w @wawp/client` and commit the file with the spec change.
import { readOperations } from '@wawp/spec/tools';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../scripts/lib/api-versions.mjs';
import { diffLines, emitSurface, SURFACE_FILE } from '../scripts/lib/emit-surface.mjs';
import { openapi, openapiOf, readPackageFile } from './support/spec-bundle.mjs';

const committed = readPackageFile(SURFACE_FILE);
const REVIEW = `the generated public surface differs from ${SURFACE_FILE} (- committed, + generated): review, then run npm run surface:update -w @wawp/client`;

describe('public surface', () => {
  it('matches the committed, reviewed surface', () => {
    expect(diffLines(committed, emitSurface(readOperations(openapi))), REVIEW).toEqual([]);
  });

  // v1's file above is the one the v1 surface is checked against, by its own name: v2 never moves it.
  it.each(API_VERSIONS.map((api) => [api.name, api] as const))(
    '%s matches its committed, reviewed surface file',
    (_name, api) => {
      const generated = emitSurface(readOperations(openapiOf(api.spec)), api.title);
      expect(diffLines(readPackageFile(api.surface), generated), REVIEW.replace(SURFACE_FILE, api.surface)).toEqual([]);
    },
  );

  it('v1 and v2 share the client names of the operations v2 kept (same operationId, same method name)', () => {
    const v1 = new Map(readOperations(openapi).map((o) => [o.id, `${o.group}.${o.name}`]));
    const kept = readOperations(openapiOf('@wawp/spec/openapi-v2.json')).filter((o) => v1.has(o.id));
    expect(kept.length).toBeGreaterThan(50);
    for (const op of kept) expect(`${op.group}.${op.name}`, op.id).toBe(v1.get(op.id));
  });

  it('fails, naming both lines, when a copy of the spec renames an operation id', () => {
    const renamed = structuredClone(openapi);
    renamed.paths['/session/info'].get.operationId = 'readSessionInfo';
    expect(diffLines(committed, emitSurface(readOperations(renamed)))).toEqual([
      '- - `getInfo` = `getSessionInfo`: `GET /session/info`; arguments none; answer json; retry-safe',
      '+ - `getInfo` = `readSessionInfo`: `GET /session/info`; arguments none; answer json; retry-safe',
    ]);
  });

  it('fails when a copy of the spec renames a client method', () => {
    const renamed = structuredClone(openapi);
    renamed.paths['/send'].post['x-wawp-method'] = 'messages.sendMessage';
    const diff = diffLines(committed, emitSurface(readOperations(renamed)));
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(/^- - `sendText` = `sendText`: `POST \/send`;/);
    expect(diff[1]).toMatch(/^\+ - `sendMessage` = `sendText`: `POST \/send`;/);
  });
});
