import fc from 'fast-check';
import { expect, it } from 'vitest';
import { copyJson } from './copy.js';

it('copies JSON-shaped data as structuredClone does, sharing nothing with the original', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const copy = copyJson(value);
      expect(copy).toEqual(structuredClone(value));
      const objects = (v: unknown): object[] =>
        v !== null && typeof v === 'object' ? [v, ...Object.values(v).flatMap(objects)] : [];
      const originals = new Set(objects(value));
      for (const part of objects(copy)) expect(originals.has(part)).toBe(false);
    }),
    { numRuns: 500 },
  );
});

it('keeps __proto__ as an own key, never as a prototype', () => {
  const copy = copyJson(JSON.parse('{"__proto__": {"polluted": true}, "a": [1, {"b": null}]}'));
  expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
