import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The bundles are build outputs of `npm run bundle`; turbo runs it before the tests.
export function loadBundle(name: 'openapi' | 'openapi-v2' | 'asyncapi'): Record<string, any> {
  const url = new URL(`../dist/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
}

/** A fresh deep copy, for tests that break a document on purpose. */
export const clone = <T>(value: T): T => structuredClone(value);
