// The stored reading of the bundled documents (src/prism-operations.ts) is exactly what Prism
// reads afresh, a document that differs by one byte is never served from it, and serving
// from it changes nothing in it: its repeated parts are one object in all their places
// (src/packed-json.ts), so a change made through one place would show in every other.
// Its operations' requests and responses are parsed when first read: starting reads none,
// and a call reads those of the operation it reaches.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { handleApi } from '../src/api/pipeline.js';
import { isUnread } from '../src/lazy-property.js';
import { bundledSpecPath, bundledV2SpecPath, createMockEngine, type MockEngine } from '../src/prism.js';
import { prismHttp } from '../src/prism-modules.js';
import { readPrismOperations, readStoredDocument } from '../src/prism-operations.js';
import { buildRequest, listOperations, loadOpenApi } from './support/openapi.js';

const path = bundledSpecPath();
const text = readFileSync(path, 'utf8');

it('the build stored the bundled document, and the stored copy equals a fresh reading', async () => {
  const stored = await readPrismOperations(path, text);
  const fresh = await prismHttp.getHttpOperationsFromSpec(path);
  expect(stored.operations).toEqual(JSON.parse(JSON.stringify(fresh)));
  // The document, for the placement rule and the servers (and the sandbox's own reading).
  expect(stored.document).toEqual(JSON.parse(text));
  expect(stored.document).toHaveProperty('x-wawp-parameter-placement');
  const dir = new URL('../dist/prism-operations/', import.meta.url);
  expect(existsSync(dir), 'npm run build stores the operations').toBe(true);
}, 60_000);

it('the stored document parses a path item or component when read, as JSON.parse does, afresh for each reading', () => {
  const document = readStoredDocument(readFileSync(path)) as { paths: Record<string, unknown>; components: object };
  const paths = document.paths;
  const names = Object.keys(paths);
  expect(names.length).toBeGreaterThan(50);
  expect(names.filter((name) => !isUnread(paths, name))).toEqual([]);
  expect(paths['/session/info']).toStrictEqual(JSON.parse(text).paths['/session/info']);
  expect(names.filter((name) => !isUnread(paths, name))).toEqual(['/session/info']);
  // No part is shared between two readings (two sandboxes), as none is between two parses.
  const again = readStoredDocument(readFileSync(path)) as typeof document;
  expect(again.paths['/session/info']).not.toBe(paths['/session/info']);
  expect(readStoredDocument(Buffer.from(`${text} `))).toBeUndefined();
});

it('a document whose text differs is read afresh, not from the store', async () => {
  const spied: unknown[] = [];
  const original = prismHttp.getHttpOperationsFromSpec;
  const spy = (async (spec: unknown) => {
    spied.push(spec);
    return original(spec as string);
  }) as typeof original;
  Object.defineProperty(prismHttp, 'getHttpOperationsFromSpec', { value: spy, configurable: true });
  try {
    const afresh = await readPrismOperations(path, `${text} `);
    expect(spied).toEqual([path]);
    expect(afresh.document).toBeUndefined();
    await readPrismOperations(path, text);
    expect(spied).toEqual([path]);
  } finally {
    Object.defineProperty(prismHttp, 'getHttpOperationsFromSpec', { value: original, configurable: true });
  }
}, 60_000);

/** A server for one engine, as the mock mounts it; `base` includes the engine's base path. */
async function serve(engine: MockEngine) {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const [target, search] = at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
    void handleApi(engine, req, res, target.slice(engine.basePath.length) || '/', search, { maxBodyBytes: 1 << 20 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${engine.basePath}` };
}

const unreadParts = (engine: MockEngine) =>
  engine.operations.filter((op) => isUnread(op, 'request') || isUnread(op, 'responses')).map((op) => op.iid);

it("starting reads no operation's request or responses; a call reads those of its operation only", async () => {
  const engine = await createMockEngine({ spec: path });
  const all = engine.operations.map((op) => op.iid);
  expect(unreadParts(engine)).toEqual(all);
  const { server, base } = await serve(engine);
  try {
    const res = await fetch(`${base}/session/info?instance_id=123456789&access_token=123456789`);
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('me');
    // An error answer names the parameters as the spec spells them.
    const bad = await fetch(`${base}/send?instance_id=123456789&access_token=123456789&chatid=1`, { method: 'POST' });
    expect(await bad.json()).toMatchObject({ data: { status: 400, params: ['chatId', 'message'] } });
  } finally {
    server.close();
  }
  const reached = new Set(['getSessionInfo', 'sendText']);
  expect(unreadParts(engine)).toEqual(all.filter((iid) => !reached.has(iid as string)));
});

it('an engine on the stored reading has the operations of one on a fresh reading, examples in the same order', async () => {
  const stored = await createMockEngine({ spec: path });
  const fresh = await createMockEngine({ spec: JSON.parse(text) });
  expect(stored.operations).toEqual(fresh.operations);
}, 60_000);

/** Objects reached at more than one place of the tree. */
function sharedObjects(value: unknown): number {
  const seen = new Set<object>();
  let shared = 0;
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    if (seen.has(node)) {
      shared++;
      return;
    }
    seen.add(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(value);
  return shared;
}

it.each([
  { name: 'v1, examples', spec: bundledSpecPath(), doc: '@wawp/spec/openapi.json', dynamic: false },
  { name: 'v2, examples', spec: bundledV2SpecPath(), doc: '@wawp/spec/openapi-v2.json', dynamic: false },
  { name: 'v1, generated', spec: bundledSpecPath(), doc: '@wawp/spec/openapi.json', dynamic: true },
])(
  'answering every operation, valid or not, leaves the stored operations as read ($name)',
  async ({ spec, doc, dynamic }) => {
    const engine = await createMockEngine({ spec, dynamic, seed: 3 });
    expect(sharedObjects(engine.operations)).toBeGreaterThan(100);
    const before = JSON.stringify(engine.operations);
    const { server, base } = await serve(engine);
    const statuses = new Set<number>();
    try {
      const openapi = loadOpenApi(doc);
      for (const operation of listOperations(openapi)) {
        const { url, init } = buildRequest(openapi, operation, base);
        statuses.add((await fetch(url, init)).status);
        // Without its credentials, and with a parameter of the wrong kind.
        const bare = new URL(url);
        bare.searchParams.delete('access_token');
        bare.searchParams.set('limit', 'many');
        statuses.add((await fetch(bare, init)).status);
      }
    } finally {
      server.close();
    }
    expect([...statuses].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    expect(JSON.stringify(engine.operations)).toBe(before);
  },
  120_000,
);
