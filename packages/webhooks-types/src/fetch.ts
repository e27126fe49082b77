// The Fetch API adapter on WebCrypto: Hono, Next.js route handlers, Cloudflare Workers,
// Deno, Bun. On Node, `@wawp/webhooks-types/node` has the same adapter on `node:crypto`.
import { webCryptoHmac } from './crypto/webcrypto.js';
import { fetchHandlerWith } from './receiver/fetch.js';
import type { WebhookReceiverOptions } from './receiver/options.js';

export type { WebhookReceiverOptions } from './receiver/options.js';

/**
 * A `(request: Request) => Promise<Response>` webhook endpoint: checks method, content type,
 * size, signature or secret, parses and validates the body, drops duplicates and dispatches
 * to the router. Answers 405, 415, 413, 401, 400 (naming the failing field), 200, or 500
 * when a handler failed (after the router's `onError`).
 */
export const createFetchHandler = (options: WebhookReceiverOptions): ((request: Request) => Promise<Response>) =>
  fetchHandlerWith(options, webCryptoHmac);
