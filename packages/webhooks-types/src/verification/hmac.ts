/**
 * The one primitive signature checks need, so the portable entry points can use WebCrypto
 * and the Node entry point `node:crypto` (several times faster per call on Node).
 */
export interface HmacSha512 {
  /** Lower-case hex HMAC-SHA512 of `body` (a string counts as its UTF-8 bytes) keyed by the UTF-8 bytes of `key`. */
  sign(key: string, body: string | Uint8Array): string | Promise<string>;
  /**
   * True when `signature` is exactly the lower-case hex HMAC of `body` (the spec's form:
   * anything else, upper case included, is false); compares in constant time.
   */
  verify(key: string, body: string | Uint8Array, signature: string): boolean | Promise<boolean>;
}
