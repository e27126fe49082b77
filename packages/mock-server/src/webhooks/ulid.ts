// Event ids in the engine's format: `evt_` followed by a lower-case ULID (48-bit millisecond
// time, then 80 random bits, in Crockford base32), so ids sort by creation time.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A 26-character lower-case ULID for the given time. */
export function ulid(time: number = Date.now()): string {
  let out = '';
  let t = Math.floor(time);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  // 10 random bytes = 80 bits = 16 base32 characters of 5 bits each.
  const random = randomBytes(10);
  let bits = 0;
  let value = 0;
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A fresh webhook event id, e.g. `evt_01jd6m3b0q8f2v7k9x4c5r1t8n`. */
export function eventId(time?: number): string {
  return `evt_${ulid(time)}`;
}
