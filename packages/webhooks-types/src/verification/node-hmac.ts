// HMAC-SHA512 on node:crypto, built (RFC 2104) from two one-shot SHA-512 calls over key
// blocks prepared once per key: H((K ^ opad) || H((K ^ ipad) || body)).
//
// Why not createHmac: for a 2 kB delivery, making the Hmac object (a stream, its native
// handle, the key's checks) costs about a third of the whole signature check; `crypto.hash`
// (Node 20.12 and later) hashes a buffer in one native call and allocates only its result.
// Where it is missing (older Bun or Deno), and for bodies too large to copy cheaply, the
// result comes from createHmac with a cached key object instead: the same bytes either way.
import { Buffer } from 'node:buffer';
import * as nodeCrypto from 'node:crypto';
import { keyCache } from './key-cache.js';

/** SHA-512's block size: a key longer than this is hashed first, a shorter one padded with zeros. */
const BLOCK = 128;
const DIGEST_BYTES = 64;
/** Above this, copying the body next to the key block costs more than the Hmac object saves. */
const MAX_COPIED_BODY = 64 * 1024;

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer' | 'hex') => Buffer | string;
// Read from the namespace, not imported by name: a runtime without it must still load this file.
const { hash } = nodeCrypto as { hash?: unknown };
const hashOnce = typeof hash === 'function' ? (hash as OneShotHash) : undefined;

/** What one key needs: the padded blocks for the one-shot path, a key object for createHmac. */
interface PreparedKey {
  /** K ^ 0x36 repeated: copied in front of each body. */
  inner: Buffer;
  /** K ^ 0x5c repeated, then room for the inner digest: the outer hash's whole input. */
  outer: Buffer;
  keyObject: nodeCrypto.KeyObject;
}

const preparedKey = keyCache((key): PreparedKey => {
  const raw = Buffer.from(key, 'utf8');
  const bytes = raw.length > BLOCK ? nodeCrypto.createHash('sha512').update(raw).digest() : raw;
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + DIGEST_BYTES, 0x5c);
  for (let i = 0; i < bytes.length; i++) {
    inner[i] = (inner[i] as number) ^ (bytes[i] as number);
    outer[i] = (outer[i] as number) ^ (bytes[i] as number);
  }
  return { inner, outer, keyObject: nodeCrypto.createSecretKey(raw) };
});

// The inner hash's input, reused: the calls are synchronous, so one buffer serves them all.
let scratch = Buffer.allocUnsafe(BLOCK + 4096);

/** Lower-case hex HMAC-SHA512 of `body` (a string counts as its UTF-8 bytes) under the UTF-8 bytes of `key`. */
export function hmacSha512Hex(key: string, body: string | Uint8Array): string {
  const k = preparedKey(key);
  if (hashOnce === undefined || typeof body === 'string' || body.length > MAX_COPIED_BODY) {
    return nodeCrypto.createHmac('sha512', k.keyObject).update(body).digest('hex');
  }
  const length = BLOCK + body.length;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
  scratch.set(k.inner, 0);
  scratch.set(body, BLOCK);
  k.outer.set(hashOnce('sha512', scratch.subarray(0, length), 'buffer') as Buffer, BLOCK);
  return hashOnce('sha512', k.outer, 'hex') as string;
}
