// The signature comparison of the Node verifier: exactly string equality, never a shortcut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqualAscii } from '../src/verification/node.js';

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

describe('constantTimeEqualAscii', () => {
  it('is plain string equality for an ASCII left side, whatever the right side holds', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', maxLength: 300 }),
        // Every kind of UTF-16 unit on the right: lone surrogates, astral pairs, control characters.
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 })),
        (ascii, text) => {
          expect(constantTimeEqualAscii(ascii, text)).toBe(ascii === text);
          expect(constantTimeEqualAscii(ascii, ascii)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses a signature that differs in one character in any way: digit, case, a look-alike, a surrogate', () => {
    const variants = ['0', 'A', 'F', '\u0430', '\u00e1', '\u0161', '\ud800', '\udfff', '\u0000', ' '];
    fc.assert(
      fc.property(hex(128), fc.nat({ max: 127 }), fc.constantFrom(...variants), (signature, at, swap) => {
        const changed = signature.slice(0, at) + swap + signature.slice(at + 1);
        expect(constantTimeEqualAscii(signature, changed)).toBe(changed === signature);
      }),
      { numRuns: 2_000 },
    );
    // A pair of UTF-16 units standing for one astral character has the length of two digits.
    const signature = 'a'.repeat(128);
    expect(constantTimeEqualAscii(signature, `${'a'.repeat(126)}\u{1f600}`)).toBe(false);
  });

  it('compares strings longer than its reusable buffers, and lengths that differ', () => {
    expect(constantTimeEqualAscii('x'.repeat(1000), 'x'.repeat(1000))).toBe(true);
    expect(constantTimeEqualAscii('x'.repeat(1000), `${'x'.repeat(999)}y`)).toBe(false);
    expect(constantTimeEqualAscii('abc', 'abcd')).toBe(false);
    expect(constantTimeEqualAscii('', '')).toBe(true);
    // And still the short ones afterwards, and the long ones again: no bytes left from before.
    expect(constantTimeEqualAscii('ab', 'ab')).toBe(true);
    expect(constantTimeEqualAscii('ab', 'ac')).toBe(false);
    expect(constantTimeEqualAscii('y'.repeat(1000), 'y'.repeat(1000))).toBe(true);
    expect(constantTimeEqualAscii('a'.repeat(128), 'a'.repeat(127) + 'b')).toBe(false);
  });
});
