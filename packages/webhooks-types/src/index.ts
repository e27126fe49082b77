// Main entry point: the generated types (no runtime cost) and every portable helper.
// Each helper also has its own entry point (`/verify`, `/parse`, `/router`), and
// `@wawp/webhooks-types/node` adds the `node:http` adapter and a `node:crypto` fast path.
export { createMemoryDuplicateStore, type DuplicateStore, type MemoryDuplicateStoreOptions } from './dedupe.js';
export { createFetchHandler, type WebhookReceiverOptions } from './fetch.js';
export { webhookEventNames } from './generated/events.js';
export type * from './generated/types.js';
export type { HeadersLike } from './headers.js';
export {
  isKnownWebhookEvent,
  isWebhookEventName,
  parseWebhook,
  type ValidationProblem,
  WebhookParseError,
} from './parse.js';
export {
  type AnyWebhookEvent,
  createWebhookRouter,
  type WebhookErrorHandler,
  type WebhookHandler,
  type WebhookRouter,
} from './router.js';
export { type SharedSecretOptions, type SharedSecretSource, verifySharedSecret } from './shared-secret.js';
export {
  ALGORITHM_HEADER,
  SIGNATURE_HEADER,
  signPayload,
  type VerifySignatureOptions,
  verifySignature,
} from './signature.js';
