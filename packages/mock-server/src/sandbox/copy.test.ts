import fc from 'fast-check';
import { expect, it } from 'vitest';
import { copyJson, copyMessage, copyUnlessSame, frozenJson, sameJson } from './copy.js';

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

it('shares a frozen part (nobody can change it) and copies every other', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.dictionary(fc.string(), fc.jsonValue()),
      (open, data) => {
        const frozen = Object.freeze(data);
        const value = { open, frozen, list: [open] };
        for (const copy of [copyJson(value), copyMessage(value)]) {
          expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
          expect(copy.frozen).toBe(frozen);
          expect(copy.open).not.toBe(open);
          expect(copy.list[0]).not.toBe(open);
        }
      },
    ),
    { numRuns: 200 },
  );
});

it('keeps __proto__ as an own key, never as a prototype', () => {
  const copy = copyJson(JSON.parse('{"__proto__": {"polluted": true}, "a": [1, {"b": null}]}'));
  expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('copyUnlessSame gives what copyJson gives, sharing an earlier copy only when it holds the same data', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), fc.boolean(), (value, other, same) => {
      const kept = copyJson(same ? value : other);
      const result = copyUnlessSame(kept, value);
      expect(result).toStrictEqual(copyJson(value));
      expect(JSON.stringify(result)).toBe(JSON.stringify(value));
      if (same && value !== null && typeof value === 'object') expect(result).toBe(kept);
    }),
    { numRuns: 500 },
  );
  // Key order and -0 count: the copy must write out exactly as the value does.
  const kept = { a: 1, b: 2 };
  expect(copyUnlessSame(kept, { b: 2, a: 1 })).not.toBe(kept);
  expect(copyUnlessSame({ n: 0 }, { n: -0 })).toStrictEqual({ n: -0 });
  expect(copyUnlessSame([1, 2], { 0: 1, 1: 2 })).toStrictEqual({ 0: 1, 1: 2 });
});

it('frozenJson freezes a copy all the way down, which copies then share as it is', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (source) => {
      const frozen = frozenJson(source);
      expect(JSON.stringify(frozen)).toBe(JSON.stringify(source));
      const objects = (v: unknown): object[] =>
        v !== null && typeof v === 'object' ? [v, ...Object.values(v).flatMap(objects)] : [];
      for (const part of objects(frozen)) expect(Object.isFrozen(part)).toBe(true);
      // The source stays as it was, and apart.
      if (objects(source).length > 0) expect(Object.isFrozen(source)).toBe(false);
      expect(copyJson({ frozen }).frozen).toBe(frozen);
    }),
    { numRuns: 200 },
  );
});

it('copyMessage gives what copyJson gives for an object', () => {
  fc.assert(
    fc.property(fc.object(), (value) => {
      const copy = copyMessage(value);
      expect(copy).toEqual(copyJson(value));
      expect(Object.keys(copy)).toEqual(Object.keys(value));
    }),
  );
});

it('sameJson tells the same data as a key-by-key walk with Object.is does', () => {
  const reference = (a: unknown, b: unknown): boolean => {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every(
        (key, i) =>
          key === keysB[i] && reference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  };
  const value = fc.jsonValue();
  fc.assert(
    fc.property(value, value, (a, b) => {
      expect(sameJson(a, b)).toBe(reference(a, b));
      expect(sameJson(a, copyJson(a))).toBe(true);
    }),
    { numRuns: 1000 },
  );
  expect(sameJson({ n: 0 }, { n: -0 })).toBe(false);
  expect(sameJson([Number.NaN], [Number.NaN])).toBe(true);
});
