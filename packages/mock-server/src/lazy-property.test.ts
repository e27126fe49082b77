// A lazy property is its value to every reader, computed once and only when first read; a
// change registered with whenRead is made before any reader sees the value, whether the value
// is already there or still to come.
import { describe, expect, it } from 'vitest';
import { defineLazyProperty, isUnread, whenRead } from './lazy-property.js';

function lazyRecord() {
  let loads = 0;
  const record: Record<string, unknown> = { before: 1, big: null, after: 2 };
  defineLazyProperty(record, 'big', () => {
    loads++;
    return { list: [3, 1, 2] };
  });
  return { record, loads: () => loads };
}

describe('lazy properties', () => {
  it('load on first read, once, and keep their place among the keys', () => {
    const { record, loads } = lazyRecord();
    expect(Object.keys(record)).toEqual(['before', 'big', 'after']);
    expect(loads()).toBe(0);
    expect(isUnread(record, 'big')).toBe(true);
    const first = record.big;
    expect(record.big).toBe(first);
    expect(loads()).toBe(1);
    expect(isUnread(record, 'big')).toBe(false);
  });

  it('read as plain properties by spreads, JSON, structuredClone and deep equality', () => {
    const expected = { before: 1, big: { list: [3, 1, 2] }, after: 2 };
    expect({ ...lazyRecord().record }).toStrictEqual(expected);
    expect(JSON.parse(JSON.stringify(lazyRecord().record))).toStrictEqual(expected);
    expect(structuredClone(lazyRecord().record)).toStrictEqual(expected);
    expect(lazyRecord().record).toEqual(expected);
  });

  it('take a written value instead, without loading', () => {
    const { record, loads } = lazyRecord();
    record.big = 'replaced';
    expect(record.big).toBe('replaced');
    expect(loads()).toBe(0);
    expect(isUnread(record, 'big')).toBe(false);
  });

  it('run whenRead changes before the first reader, or at once on a loaded or plain property', () => {
    const { record } = lazyRecord();
    const sort = (value: { list: number[] }) => void value.list.sort();
    whenRead(record, 'big', sort);
    expect(isUnread(record, 'big')).toBe(true);
    expect(record.big).toEqual({ list: [1, 2, 3] });
    const plain = { big: { list: [2, 1] } };
    whenRead(plain, 'big', sort);
    expect(plain.big.list).toEqual([1, 2]);
  });
});
