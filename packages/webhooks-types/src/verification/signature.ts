// The vendor's signature scheme, implemented once: HMAC-SHA512 over the exact raw body, sent
// as lower-case hex in the signature header with the algorithm header beside it. The header
// names, the algorithm and the signature's form come from the spec (src/generated/contract.ts).
import { deliveryHeaderNames, hmacAlgorithm } from '../generated/contract.js';
import { secretList } from '../option-error.js';
import { type HeadersLike, readHeader } from './headers.js';
import type { HmacSha512 } from './hmac.js';

/** The delivery headers that carry the signature, as the spec names them. */
export const SIGNATURE_HEADER = deliveryHeaderNames.signature;
export const ALGORITHM_HEADER = deliveryHeaderNames.algorithm;
// Read in lower case: Node's header records are, so the lookup hits at once.
const SIGNATURE = SIGNATURE_HEADER.toLowerCase();
const ALGORITHM = ALGORITHM_HEADER.toLowerCase();

export interface VerifySignatureOptions {
  /**
   * The webhook's HMAC key, or several while you rotate it: a delivery signed with any of
   * them passes.
   */
  hmacKey: string | readonly string[];
}

/** Why a delivery's signature was refused, or `ok`. */
export type SignatureCheck = 'ok' | 'badAlgorithm' | 'badSignature';

async function verifyFrom(
  hmac: HmacSha512,
  rawBody: string | Uint8Array,
  signature: string,
  keys: readonly string[],
  start: number,
  pending: Promise<boolean>,
): Promise<SignatureCheck> {
  if (await pending) return 'ok';
  for (let i = start + 1; i < keys.length; i++) {
    if (await hmac.verify(keys[i]!, rawBody, signature)) return 'ok';
  }
  return 'badSignature';
}

/**
 * The spec's rule (DeliveryHeaders): the algorithm header is present and exactly `sha512`,
 * the signature is 128 lower-case hex digits, and one of `keys` produces it over `rawBody`.
 * Header values are compared as the HTTP stack hands them over; nothing is trimmed or
 * case-folded here, and a header repeated with different values reads as missing.
 * Synchronous when the HMAC is (node:crypto), so the receiver's hot path awaits nothing here.
 */
export function checkSignature(
  hmac: HmacSha512,
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  keys: readonly string[],
): SignatureCheck | Promise<SignatureCheck> {
  if (readHeader(headers, ALGORITHM) !== hmacAlgorithm) return 'badAlgorithm';
  const signature = readHeader(headers, SIGNATURE);
  // A signature is 128 characters; the implementations check the exact form.
  if (signature === undefined || signature.length !== 128) return 'badSignature';
  for (let i = 0; i < keys.length; i++) {
    const ok = hmac.verify(keys[i]!, rawBody, signature);
    if (typeof ok !== 'boolean') return verifyFrom(hmac, rawBody, signature, keys, i, ok);
    if (ok) return 'ok';
  }
  return 'badSignature';
}

/** True when the delivery passes `checkSignature`; throws `WebhookOptionError` for an unusable `hmacKey`. */
export async function verifySignatureWith(
  hmac: HmacSha512,
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: VerifySignatureOptions,
): Promise<boolean> {
  const keys = secretList('hmacKey', options?.hmacKey);
  return (await checkSignature(hmac, rawBody, headers, keys)) === 'ok';
}

/** Lower-case hex HMAC-SHA512 of `rawBody` keyed by `key`: the value of the signature header. */
export async function signPayloadWith(hmac: HmacSha512, rawBody: string | Uint8Array, key: string): Promise<string> {
  secretList('key', key);
  return hmac.sign(key, rawBody);
}

/** The two signature headers for `signature`, named as the spec names them. */
export const signatureHeadersFor = (
  signature: string,
): Record<typeof SIGNATURE_HEADER | typeof ALGORITHM_HEADER, string> => ({
  [SIGNATURE_HEADER]: signature,
  [ALGORITHM_HEADER]: hmacAlgorithm,
});

/** The two signature headers of a delivery of `rawBody` under `key`. */
export async function signatureHeadersWith(hmac: HmacSha512, rawBody: string | Uint8Array, key: string) {
  return signatureHeadersFor(await signPayloadWith(hmac, rawBody, key));
}
