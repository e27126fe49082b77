export { bundledSpecPath, type EngineOptions } from './prism.js';
export {
  CONTROL_PREFIX,
  MAGIC_QUERY_PREFIX,
  type MockServer,
  type MockServerOptions,
  magicPreferences,
  preferences,
  startMockServer,
} from './server.js';
export {
  buildEnvelope,
  deliveryHeaders,
  type EmitWebhookOptions,
  emitWebhook,
  type WebhookDelivery,
  WebhookEmitError,
  type WebhookEmitErrorCode,
} from './webhooks/emit.js';
export { bundledAsyncApiPath, loadWebhookCatalog, type WebhookCatalog } from './webhooks/events.js';
export { eventId, ulid } from './webhooks/ulid.js';
export { type WordPressError, wordpressError } from './wordpress-errors.js';
