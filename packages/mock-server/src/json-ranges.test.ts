// memberRanges: every member's range parses to that member, in any spacing and with any
// characters in keys and strings; a broken text is refused rather than misread.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberRanges } from './json-ranges.js';

const at = (value: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);

describe('JSON member ranges', () => {
  it('finds every member of any JSON value, each range parsing to the member', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (value, space) => {
        const bytes = new TextEncoder().encode(JSON.stringify(value, null, space));
        const parsed = JSON.parse(new TextDecoder().decode(bytes));
        for (const { path, start, end } of memberRanges(bytes, () => true)) {
          expect(JSON.parse(new TextDecoder().decode(bytes.subarray(start, end)))).toStrictEqual(at(parsed, path));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the wanted members only, in the order of the text', () => {
    const text = ' { "paths" : { "/a\\"b" : { "get" : 1 } , "/é" : [ true ] } , "info" : { "x" : "}" } } \n';
    const bytes = new TextEncoder().encode(text);
    const ranges = memberRanges(bytes, (path) => path.length === 2 && path[0] === 'paths');
    expect(ranges.map((r) => r.path)).toEqual([
      ['paths', '/a"b'],
      ['paths', '/é'],
    ]);
    expect(ranges.map((r) => new TextDecoder().decode(bytes.subarray(r.start, r.end)))).toEqual([
      '{ "get" : 1 }',
      '[ true ]',
    ]);
  });

  it('refuses a text that is not one JSON value', () => {
    for (const text of ['', '{"a":1', '{"a" 1}', '{"a":1} x', '["unterminated]']) {
      expect(() => memberRanges(new TextEncoder().encode(text), () => true), text).toThrow(SyntaxError);
    }
  });
});
