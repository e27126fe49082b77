import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jsonOfUnshared, keepJsonOf, sendJson } from './respond.js';

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

it('sends a body kept with keepJsonOf as its JSON of that moment, whatever it holds later', () => {
  const body = { status: 'WORKING' };
  keepJsonOf(body);
  // The promise is the caller's: nobody changes a kept body (here it is broken on purpose).
  body.status = 'STOPPED';
  let written = '';
  const res = {
    headersSent: false,
    writeHead: () => res,
    end: (text: string) => {
      written = text;
    },
  };
  sendJson(res as never, 200, body);
  expect(written).toBe('{"status":"WORKING"}');
});
