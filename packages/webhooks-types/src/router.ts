// `@wawp/webhooks-types/router`: the typed router and the duplicate store, nothing else.
export {
  type ClaimResult,
  createMemoryDuplicateStore,
  type DuplicateStore,
  type MemoryDuplicateStoreOptions,
} from './dedupe/store.js';
export type * from './generated/types.js';
export {
  type AnyWebhookEvent,
  createWebhookRouter,
  type WebhookErrorHandler,
  type WebhookHandler,
  type WebhookRouter,
} from './routing/router.js';
