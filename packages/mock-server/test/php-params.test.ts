// Query strings and form bodies read as PHP fills $_GET / $_POST, which WordPress then serves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePhpQuery } from '../src/index.js';
import { keyPath, MAX_INPUT_VARS, parsePhpPairs } from '../src/placement/php.js';

describe('parsePhpQuery', () => {
  it.each([
    ['a=1&b=2', { a: '1', b: '2' }],
    ['a=1&a=2', { a: '2' }],
    ['ids[]=x&ids[]=y', { ids: ['x', 'y'] }],
    ['ids[0]=x&ids[1]=y', { ids: ['x', 'y'] }],
    ['ids[5]=x&ids[]=y', { ids: { 5: 'x', 6: 'y' } }],
    ['file[url]=u&file[filename]=f', { file: { url: 'u', filename: 'f' } }],
    ['a[b][c]=1&a[b][d][]=2', { a: { b: { c: '1', d: ['2'] } } }],
    ['c[0][name]=A&c[0][phone]=1&c[1][name]=B', { c: [{ name: 'A', phone: '1' }, { name: 'B' }] }],
    ['a=1&a[b]=2', { a: { b: '2' } }],
    ['a[b]=2&a=1', { a: '1' }],
    ['a[b=1', { a_b: '1' }],
    ['a[b]c=1', { a: { b: '1' } }],
    ['[]=x&=y', {}],
    ['%20a=1', { a: '1' }],
    ['filter.timestamp.lte=5', { 'filter.timestamp.lte': '5' }],
    ['a+b=c+d&e=%2B', { 'a b': 'c d', e: '+' }],
  ])('%s', (query, expected) => {
    expect(parsePhpQuery(query)).toEqual(expected);
  });

  it('keeps a plain key last-wins and a [] key in order, for any values', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 20 }), (values) => {
        const plain = parsePhpPairs(values.map((v) => ['k', v] as const));
        const listed = parsePhpPairs(values.map((v) => ['k[]', v] as const));
        expect(plain).toEqual({ k: values.at(-1) });
        expect(listed).toEqual({ k: values });
      }),
    );
  });

  it('reads keys without brackets (its shortcut) exactly as the bracket-aware reading does', () => {
    const key = fc.oneof(
      fc.constantFrom('', ' ', ' a', 'a', '0', '7', '10', '__proto__', 'constructor', 'a.b', 'a]'),
      fc.string({ maxLength: 4 }).filter((k) => !k.includes('[')),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 3 })), { maxLength: 30 }), (pairs) => {
        const shortcut = parsePhpPairs(pairs);
        // A key PHP ignores (`[]`: no name) that has a bracket, so the full reading runs.
        const full = parsePhpPairs([...pairs, ['[]', 'ignored']]);
        expect(shortcut).toEqual(full);
        expect(Object.keys(shortcut)).toEqual(Object.keys(full));
        expect(Object.getPrototypeOf(shortcut)).toBe(Object.prototype);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and never pollutes a prototype, whatever the keys', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', '__proto__[x]', 'constructor[prototype][x]', 'a[__proto__][x]', '[', ']', '[[]]'),
      fc.array(fc.constantFrom('a', '[', ']', '[]', '__proto__', 'x'), { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string()), { maxLength: 30 }), (pairs) => {
        const parsed = parsePhpPairs(pairs);
        expect(typeof parsed).toBe('object');
        expect(({} as Record<string, unknown>).x).toBeUndefined();
        expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps names that are digits as names at the top level, as $_GET does', () => {
    expect(parsePhpPairs([['0', '']])).toEqual({ 0: '' });
    expect(parsePhpQuery('0=a&1=b')).toEqual({ 0: 'a', 1: 'b' });
    expect(parsePhpQuery('a[0]=x&a[1]=y')).toEqual({ a: ['x', 'y'] });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const parsed = parsePhpQuery('__proto__[x]=1');
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("stops at PHP's limits: 1000 pairs, 64 levels of nesting", () => {
    const many = Array.from({ length: MAX_INPUT_VARS + 50 }, (_, i) => [`p${i}`, 'v'] as const);
    expect(Object.keys(parsePhpPairs(many))).toHaveLength(MAX_INPUT_VARS);
    expect(keyPath(`a${'[x]'.repeat(64)}`)).toHaveLength(65);
    expect(keyPath(`a${'[x]'.repeat(65)}`)).toBeUndefined();
  });
});
