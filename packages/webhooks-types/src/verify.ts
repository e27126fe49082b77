// `@wawp/webhooks-types/verify`: only the authenticity checks, no schemas or validators.
export type { HeadersLike } from './headers.js';
export { type SharedSecretOptions, type SharedSecretSource, verifySharedSecret } from './shared-secret.js';
export {
  ALGORITHM_HEADER,
  SIGNATURE_HEADER,
  signPayload,
  type VerifySignatureOptions,
  verifySignature,
} from './signature.js';
