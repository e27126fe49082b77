// The verifiers' key cache: each key is made ready once while it is among the last ones used.
import { expect, it } from 'vitest';
import { keyCache } from '../src/verification/key-cache.js';

it('prepares a key once, and again only after more keys than it holds pushed it out', () => {
  const made: string[] = [];
  const ready = keyCache((key) => {
    made.push(key);
    return { key };
  }, 3);
  const first = ready('a');
  expect(ready('a')).toBe(first);
  for (const key of ['b', 'c', 'b']) ready(key);
  expect(made).toEqual(['a', 'b', 'c']);
  ready('d'); // a fourth key: the first one made goes
  expect(ready('b')).toEqual({ key: 'b' });
  expect(made).toEqual(['a', 'b', 'c', 'd']);
  ready('a');
  expect(made).toEqual(['a', 'b', 'c', 'd', 'a']);
});
