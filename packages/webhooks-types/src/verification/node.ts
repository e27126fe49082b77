import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import type { HmacSha512 } from './hmac.js';
import { hmacSha512Hex } from './node-hmac.js';

// Both strings of a comparison, side by side; reused, as comparisons are synchronous. Copying a
// one-byte string into a Buffer is one native call, and timingSafeEqual compares in native
// code: for a 128-digit signature about half the work of encoding both and a loop over bytes.
let pair = Buffer.alloc(256);
let mine = pair.subarray(0, 128);
let theirs = pair.subarray(128, 256);

/**
 * True when `text` is exactly `ascii` (an ASCII string such as a hex digest), compared in time
 * that depends only on their lengths (which are not secret here). Any character outside ASCII
 * in `text` makes it unequal, lone surrogates included.
 */
export function constantTimeEqualAscii(ascii: string, text: string): boolean {
  const n = ascii.length;
  // Only ASCII text has as many UTF-8 bytes as characters, and then each of its characters is
  // its own latin1 byte: a character such as U+0161, which latin1 would cut to "a", is refused here.
  if (text.length !== n || Buffer.byteLength(text, 'utf8') !== n) return false;
  if (mine.length !== n) {
    if (pair.length < 2 * n) pair = Buffer.alloc(2 * n);
    mine = pair.subarray(0, n);
    theirs = pair.subarray(n, 2 * n);
  }
  pair.write(ascii, 0, n, 'latin1');
  pair.write(text, n, n, 'latin1');
  return timingSafeEqual(mine, theirs);
}

/**
 * HMAC-SHA512 on `node:crypto`: synchronous and much cheaper per call than WebCrypto on Node.
 */
export const nodeHmac: HmacSha512 = {
  sign: hmacSha512Hex,
  // Compared as text against the lower-case hex digest: equal text is the spec's form by
  // construction, so no separate pattern check or hex decoding is needed.
  verify: (key, body, signature) => constantTimeEqualAscii(hmacSha512Hex(key, body), signature),
};
