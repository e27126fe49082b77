// `@wawp/webhooks-types/router`: the typed router and the duplicate store, nothing else.
export { createMemoryDuplicateStore, type DuplicateStore, type MemoryDuplicateStoreOptions } from './dedupe.js';
export type * from './generated/types.js';
export {
  type AnyWebhookEvent,
  createWebhookRouter,
  type WebhookErrorHandler,
  type WebhookHandler,
  type WebhookRouter,
} from './router.js';
