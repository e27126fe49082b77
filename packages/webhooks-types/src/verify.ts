// `@wawp/webhooks-types/verify`: the authenticity checks on WebCrypto, no schemas or validators.
// They run anywhere (Node 20+, Deno, Bun, browsers, edge); `@wawp/webhooks-types/node` has
// the same signature functions on `node:crypto`.

import type { HeadersLike } from './verification/headers.js';
import {
  signatureHeadersWith,
  signPayloadWith,
  type VerifySignatureOptions,
  verifySignatureWith,
} from './verification/signature.js';
import { webCryptoHmac } from './verification/web.js';

export { deliveryHeaderNames, signingTestVector } from './generated/contract.js';
export { WebhookOptionError } from './option-error.js';
export type { HeadersLike } from './verification/headers.js';
export { type SharedSecretOptions, type SharedSecretSource, verifySharedSecret } from './verification/shared-secret.js';
export { ALGORITHM_HEADER, SIGNATURE_HEADER, type VerifySignatureOptions } from './verification/signature.js';
export {
  DEFAULT_TIMESTAMP_TOLERANCE_MS,
  readDeliveryTime,
  TIMESTAMP_HEADER,
  type VerifyTimestampOptions,
  verifyTimestamp,
} from './verification/timestamp.js';

/**
 * True when the signature header is the HMAC-SHA512 (lower-case hex) of the exact `rawBody`
 * under one of the keys, and the algorithm header says `sha512`. Pass the body exactly as
 * received, before any JSON parsing.
 */
export const verifySignature = (
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: VerifySignatureOptions,
): Promise<boolean> => verifySignatureWith(webCryptoHmac, rawBody, headers, options);

/** The signature header's value for `rawBody` under `key` (lower-case hex), e.g. to sign test deliveries. */
export const signPayload = (rawBody: string | Uint8Array, key: string): Promise<string> =>
  signPayloadWith(webCryptoHmac, rawBody, key);

/** Both signature headers of a delivery of `rawBody` under `key`, named as the spec names them. */
export const signatureHeaders = (rawBody: string | Uint8Array, key: string) =>
  signatureHeadersWith(webCryptoHmac, rawBody, key);
