// The stored reading of the bundled document (src/prism-operations.ts) is exactly what Prism
// reads afresh, and a document that differs by one byte is never served from it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { bundledSpecPath } from '../src/prism.js';
import { readPrismOperations } from '../src/prism-operations.js';

const require = createRequire(import.meta.url);
const prismHttp = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
const path = bundledSpecPath();
const text = readFileSync(path, 'utf8');

it('the build stored the bundled document, and the stored copy equals a fresh reading', async () => {
  const stored = await readPrismOperations(path, text);
  const fresh = await prismHttp.getHttpOperationsFromSpec(path);
  expect(stored).toEqual(JSON.parse(JSON.stringify(fresh)));
  const dir = new URL('../dist/prism-operations/', import.meta.url);
  expect(existsSync(dir), 'npm run build stores the operations').toBe(true);
}, 60_000);

it('a document whose text differs is read afresh, not from the store', async () => {
  const spied: unknown[] = [];
  const original = prismHttp.getHttpOperationsFromSpec;
  const spy = (async (spec: unknown) => {
    spied.push(spec);
    return original(spec as string);
  }) as typeof original;
  Object.defineProperty(prismHttp, 'getHttpOperationsFromSpec', { value: spy, configurable: true });
  try {
    await readPrismOperations(path, `${text} `);
    expect(spied).toEqual([path]);
    await readPrismOperations(path, text);
    expect(spied).toEqual([path]);
  } finally {
    Object.defineProperty(prismHttp, 'getHttpOperationsFromSpec', { value: original, configurable: true });
  }
}, 60_000);
