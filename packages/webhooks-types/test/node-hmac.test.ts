// The one-shot HMAC of the Node verifier against node:crypto's own createHmac, the reference:
// published vectors, then many generated keys and bodies around every size where the code
// changes its path (key block, reused buffer, the copy limit).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha512Hex } from '../src/verification/node-hmac.js';

const reference = (key: string, body: string | Uint8Array) =>
  createHmac('sha512', Buffer.from(key, 'utf8')).update(body).digest('hex');

describe('hmacSha512Hex', () => {
  it('gives the RFC 4231 HMAC-SHA-512 results', () => {
    // Test cases 1 and 2 of RFC 4231, whose keys are text.
    expect(hmacSha512Hex('\x0b'.repeat(20), new TextEncoder().encode('Hi There'))).toBe(
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    );
    expect(hmacSha512Hex('Jefe', new TextEncoder().encode('what do ya want for nothing?'))).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('equals createHmac for keys of every length and kind of character', () => {
    fc.assert(
      fc.property(
        // Up to 300 UTF-16 units: keys shorter than, equal to and longer than the 128-byte block
        // once encoded, lone surrogates included (both sides encode them the same way).
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 })),
        fc.uint8Array({ maxLength: 600 }),
        (key, body) => {
          expect(hmacSha512Hex(key, body)).toBe(reference(key, body));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('equals createHmac at the sizes where its path changes, for bytes and for text', () => {
    const key = 'a webhook key';
    // 128 bytes of key block + the reused buffer's first size, doubling, then the copy limit.
    const sizes = [0, 1, 127, 128, 129, 3_967, 3_968, 3_969, 8_191, 8_192, 65_535, 65_536, 65_537, 200_000];
    for (const size of sizes) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + size) & 0xff);
      expect(hmacSha512Hex(key, bytes), `${size} bytes`).toBe(reference(key, bytes));
      const text = 'é'.repeat(Math.floor(size / 2));
      expect(hmacSha512Hex(key, text), `${size} bytes of text`).toBe(reference(key, text));
    }
  });

  it('gives each key its own result when more keys are used than it keeps prepared', () => {
    const body = new TextEncoder().encode('{"event":"message"}');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 40; i++) expect(hmacSha512Hex(`key-${i}`, body)).toBe(reference(`key-${i}`, body));
    }
  });

  it('leaves the caller’s body as it was, and a smaller body after a larger one is not mixed with it', () => {
    const large = new Uint8Array(5_000).fill(7);
    const small = new Uint8Array([1, 2, 3]);
    hmacSha512Hex('k', large);
    expect(hmacSha512Hex('k', small)).toBe(reference('k', small));
    expect([...small]).toEqual([1, 2, 3]);
    expect(large.every((b) => b === 7)).toBe(true);
  });
});
