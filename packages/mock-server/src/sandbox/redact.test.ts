import fc from 'fast-check';
import { expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';

it('no token survives redaction, wherever it sits in the value', () => {
  const token = fc.string({ minLength: 6, maxLength: 20 }).filter((t) => !REDACTED.includes(t) && !t.includes('['));
  fc.assert(
    fc.property(token, fc.jsonValue(), fc.string(), fc.string(), (secret, value, before, after) => {
      const input = { value, nested: [{ text: `${before}${secret}${after}` }], access_token: secret };
      expect(JSON.stringify(redact(input, [secret]))).not.toContain(secret);
    }),
    { numRuns: 300 },
  );
});

it('keeps the instance id, redacts credential fields by name, leaves the input untouched', () => {
  const input = { instance_id: 'abc', access_token: 'other', hmac: { key: 'k' }, text: 'abc' };
  expect(redact(input, ['abc'])).toEqual({
    instance_id: 'abc',
    access_token: REDACTED,
    hmac: { key: REDACTED },
    text: REDACTED,
  });
  expect(input.access_token).toBe('other');
});
