import fc from 'fast-check';
import { expect, it } from 'vitest';
import { matchesFields } from './match.js';

it('matches exactly when every given field is equal, ignoring absent ones', () => {
  const record = fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.constantFrom('x', 'y'), c: fc.boolean() });
  const query = fc.record(
    { a: fc.integer({ min: 0, max: 3 }), b: fc.constantFrom('x', 'y'), c: fc.boolean() },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(record, query, (r, q) => {
      const expected = Object.entries(q).every(([k, v]) => r[k as keyof typeof r] === v);
      expect(matchesFields(r, q)).toBe(expected);
    }),
    { numRuns: 500 },
  );
  expect(matchesFields({ a: 1 }, { a: undefined })).toBe(true);
});
