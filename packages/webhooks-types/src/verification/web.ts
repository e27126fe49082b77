import { signaturePattern } from '../generated/contract.js';
import { fromHex, toBytes, toHex } from './bytes.js';
import type { HmacSha512 } from './hmac.js';
import { keyCache } from './key-cache.js';

const encoder = new TextEncoder();
const SHA512_BYTES = 64;

const cryptoKey = keyCache(
  (key): Promise<CryptoKey> =>
    globalThis.crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-512' }, false, [
      'sign',
      'verify',
    ]),
);

// TypeScript's DOM types want an ArrayBuffer-backed view; copy only when the view is something else.
const asBufferSource = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

/** HMAC-SHA512 on the Web Crypto API: Node 20+, Deno, Bun, browsers and edge runtimes. */
export const webCryptoHmac: HmacSha512 = {
  async sign(key, body) {
    const mac = await globalThis.crypto.subtle.sign('HMAC', await cryptoKey(key), asBufferSource(toBytes(body)));
    return toHex(new Uint8Array(mac));
  },
  async verify(key, body, signature) {
    const bytes = signaturePattern.test(signature) ? fromHex(signature, SHA512_BYTES) : undefined;
    if (!bytes) return false;
    // subtle.verify compares in constant time.
    return globalThis.crypto.subtle.verify(
      'HMAC',
      await cryptoKey(key),
      asBufferSource(bytes),
      asBufferSource(toBytes(body)),
    );
  },
};
