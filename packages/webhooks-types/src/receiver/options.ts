import type { DuplicateStore } from '../dedupe.js';
import type { WebhookRouter } from '../router.js';
import type { SharedSecretOptions } from '../shared-secret.js';

export interface WebhookReceiverOptions {
  /** Where parsed deliveries go. */
  router: WebhookRouter;
  /**
   * The webhook's HMAC key (several while rotating). When set, deliveries without a valid
   * `X-Webhook-Hmac` are refused with 401.
   */
  hmacKey?: string | readonly string[];
  /**
   * The secret in your webhook URL (`?secret=...` by default), or the full options to name
   * another query parameter or a header. When set, deliveries without it are refused with 401.
   */
  sharedSecret?: string | readonly string[] | SharedSecretOptions;
  /** Largest body accepted, in bytes; bigger ones get 413. Default 1 MB (1,048,576). */
  maxBodyBytes?: number;
  /**
   * Drops repeated deliveries of an event id that was already handled (answering 200).
   * `true` (the default) keeps the last 10,000 ids in memory; pass a store to share them
   * between processes, or `false` to turn it off.
   */
  dedupe?: boolean | DuplicateStore;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
