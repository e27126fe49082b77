const encoder = new TextEncoder();

/** The exact bytes a body was sent as: strings are encoded as UTF-8, bytes are used as they are. */
export const toBytes = (body: string | Uint8Array): Uint8Array =>
  typeof body === 'string' ? encoder.encode(body) : body;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

// Value of each lower-case hex digit by character code; -1 for anything else. The spec's
// signature is lower-case hex, so upper case is not a signature.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

/** Decodes lower-case hex; undefined for anything that is not exactly `length` bytes of it. */
export function fromHex(hex: string, length: number): Uint8Array | undefined {
  if (hex.length !== length * 2) return undefined;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const hi = HEX_VALUE[hex.charCodeAt(i * 2)] ?? -1;
    const lo = HEX_VALUE[hex.charCodeAt(i * 2 + 1)] ?? -1;
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** The OR of the XORs of the first `n` bytes: 0 exactly when they are equal, in time that depends only on `n`. */
function byteDifference(a: Uint8Array, b: Uint8Array, n: number): number {
  let diff = 0;
  for (let i = 0; i < n; i++) diff |= a[i]! ^ b[i]!;
  return diff;
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && byteDifference(a, b, a.length) === 0;
}
