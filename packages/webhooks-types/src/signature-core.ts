import { fromHex } from './bytes.js';
import type { HmacSha512 } from './crypto/hmac.js';
import { type HeadersLike, readHeader } from './headers.js';

/** The delivery headers that carry the signature. */
export const SIGNATURE_HEADER = 'X-Webhook-Hmac';
export const ALGORITHM_HEADER = 'X-Webhook-Hmac-Algorithm';
const SHA512_BYTES = 64;

export interface VerifySignatureOptions {
  /**
   * The webhook's HMAC key, or several while you rotate it: a delivery signed with any of
   * them passes.
   */
  hmacKey: string | readonly string[];
}

const keyList = (hmacKey: string | readonly string[]): readonly string[] =>
  (typeof hmacKey === 'string' ? [hmacKey] : hmacKey).filter((k) => typeof k === 'string' && k.length > 0);

/**
 * Checks `X-Webhook-Hmac` against the HMAC-SHA512 of the exact raw body. False when the
 * header is missing or malformed, when `X-Webhook-Hmac-Algorithm` names anything but
 * `sha512`, or when no key produces the signature.
 */
export async function verifySignatureWith(
  hmac: HmacSha512,
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: VerifySignatureOptions,
): Promise<boolean> {
  const keys = keyList(options.hmacKey);
  if (keys.length === 0) throw new TypeError('verifySignature needs at least one non-empty hmacKey');
  const algorithm = readHeader(headers, ALGORITHM_HEADER);
  if (algorithm !== undefined && algorithm.trim().toLowerCase() !== 'sha512') return false;
  const signature = fromHex(readHeader(headers, SIGNATURE_HEADER)?.trim() ?? '', SHA512_BYTES);
  if (!signature) return false;
  for (const key of keys) {
    if (await hmac.verify(key, rawBody, signature)) return true;
  }
  return false;
}

/** Lower-case hex HMAC-SHA512 of `rawBody` keyed by `key`: the value of `X-Webhook-Hmac`. */
export async function signPayloadWith(hmac: HmacSha512, rawBody: string | Uint8Array, key: string): Promise<string> {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('signPayload needs a non-empty key');
  return hmac.sign(key, rawBody);
}
