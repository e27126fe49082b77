// `@wawp/webhooks-types/fetch`: the receiver on the Fetch API and WebCrypto (Hono, Next.js
// route handlers, Cloudflare Workers, Deno, Bun), and its core for receivers that replace the
// dispatch step (`@wawp/queue`). On Node, `@wawp/webhooks-types/node` has the same on `node:crypto`.
import { createReceiverWith, type Receiver } from './receiving/core.js';
import { fetchHandlerWith } from './receiving/fetch.js';
import type { ReceiverSteps, WebhookReceiverOptions } from './receiving/options.js';
import { webCryptoHmac } from './verification/web.js';

export { documentedAnswers } from './generated/contract.js';
export { WebhookOptionError } from './option-error.js';
export type { ReceiverAnswer } from './receiving/answers.js';
export {
  type IncomingDelivery,
  type Receiver,
  TIMED_OUT,
  TOO_LARGE,
  WebhookUnavailableError,
} from './receiving/core.js';
export type { DeliveryContext, ReceiverSteps, WebhookReceiverOptions } from './receiving/options.js';

/**
 * A `(request: Request) => Promise<Response>` webhook endpoint: checks method, content type,
 * size, body timeout, secret or signature, timestamp, UTF-8 and schema, drops duplicates and
 * dispatches to the router. Every answer is one the spec documents (see the README's table).
 */
export const createFetchHandler = (
  options: WebhookReceiverOptions,
  steps?: ReceiverSteps,
): ((request: Request) => Promise<Response>) => fetchHandlerWith(webCryptoHmac, options, steps);

/**
 * The receiver without an HTTP server: `receive(delivery)` runs every check and answers as
 * the adapters do. Pass `steps.dispatch` to replace the router (a queue enqueues there).
 */
export const createReceiver = (options: WebhookReceiverOptions, steps?: ReceiverSteps): Receiver =>
  createReceiverWith(webCryptoHmac, options, steps);

/**
 * A Fetch handler around a receiver made by `createReceiver`: for a receiver that serves one
 * core over several adapters (a queue receiver's `fetch` and `node`), so its options are
 * checked, and its state kept, once.
 */
export { toFetchHandler } from './receiving/fetch.js';
