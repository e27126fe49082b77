// pack/unpack: every JSON value comes back equal to its JSON reading, repeated parts come back
// as one object, and a value that uses the reference key is refused rather than misread.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from './packed-json.js';

const roundTrip = (value: unknown) => unpack(JSON.parse(JSON.stringify(pack(value))));

describe('packed JSON', () => {
  it('gives back the JSON reading of any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(roundTrip(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back values whose parts repeat, in their places and order', () => {
    const part = fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, picks) => {
          const value = { list: picks.map((i) => parts[i % parts.length]), nested: { again: parts } };
          expect(roundTrip(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stores a repeated part once and gives back one object for its places', () => {
    const schema = { type: 'object', description: 'a description long enough to be worth sharing', required: ['x'] };
    const packed = pack([{ a: schema }, { b: schema }, { c: structuredClone(schema) }]);
    expect(packed.shared).toHaveLength(1);
    expect(JSON.stringify(packed).split('worth sharing')).toHaveLength(2);
    const [first, second, third] = unpack(JSON.parse(JSON.stringify(packed))) as Record<string, unknown>[];
    expect(first?.a).toBe(second?.b);
    expect(third?.c).toBe(first?.a);
  });

  it('keeps __proto__ keys as the own properties JSON.parse makes of them', () => {
    const text = '{"__proto__":{"polluted":true,"pad":"long enough to be shared, twice over"},"x":[1]}';
    const value = JSON.parse(`[${text},${text}]`);
    const back = roundTrip(value) as { x: number[] }[];
    expect(back).toStrictEqual(value);
    expect(Object.hasOwn(back[0] as object, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses a value with the reference key, which it could not tell from a reference', () => {
    expect(() => pack({ ok: [{ '\u0000': 3 }] })).toThrow(/reference key/);
    expect(() => pack({ '\u0000': 1, other: 2 })).toThrow(/reference key/);
  });
});
