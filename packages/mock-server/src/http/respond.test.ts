import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jsonOfUnshared } from './respond.js';

it('writes the JSON.stringify text of any JSON value, and the same text again for the same object', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const first = jsonOfUnshared(value);
      expect(first).toBe(JSON.stringify(value));
      expect(jsonOfUnshared(value)).toBe(first);
    }),
  );
});

it('keeps the text per object: an equal but other object is written on its own', () => {
  const body = { status: 'WORKING' };
  expect(jsonOfUnshared(body)).toBe('{"status":"WORKING"}');
  expect(jsonOfUnshared({ ...body, status: 'STOPPED' })).toBe('{"status":"STOPPED"}');
});
