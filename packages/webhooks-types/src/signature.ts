// Signature checks on WebCrypto: run anywhere (Node 20+, Deno, Bun, browsers, edge).
// On Node, `@wawp/webhooks-types/node` exports the same functions on `node:crypto`.
import { webCryptoHmac } from './crypto/webcrypto.js';
import type { HeadersLike } from './headers.js';
import { signPayloadWith, type VerifySignatureOptions, verifySignatureWith } from './signature-core.js';

export type { HeadersLike } from './headers.js';
export { ALGORITHM_HEADER, SIGNATURE_HEADER, type VerifySignatureOptions } from './signature-core.js';

/**
 * True when `X-Webhook-Hmac` is the HMAC-SHA512 (hex) of the exact `rawBody` under one of the
 * keys. Pass the body exactly as received, before any JSON parsing.
 */
export const verifySignature = (
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: VerifySignatureOptions,
): Promise<boolean> => verifySignatureWith(webCryptoHmac, rawBody, headers, options);

/** The `X-Webhook-Hmac` value for `rawBody` under `key` (lower-case hex), e.g. to sign test deliveries. */
export const signPayload = (rawBody: string | Uint8Array, key: string): Promise<string> =>
  signPayloadWith(webCryptoHmac, rawBody, key);
