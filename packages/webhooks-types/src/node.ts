// `@wawp/webhooks-types/node`: the same receiver and signature functions on `node:crypto`,
// several times cheaper per delivery than WebCrypto on Node, plus the `node:http` adapter.
// Each portable function is typed by its WebCrypto twin in `./verify` or `./fetch`, so the
// two bindings cannot drift apart: only the HMAC implementation differs.
import type { ServerResponse } from 'node:http';
import type * as portableReceiving from './fetch.js';
import { secretList } from './option-error.js';
import { createReceiverWith } from './receiving/core.js';
import { fetchHandlerWith } from './receiving/fetch.js';
import { type NodeWebhookRequest, nodeHandlerWith } from './receiving/node.js';
import type { ReceiverSteps, WebhookReceiverOptions } from './receiving/options.js';
import { nodeHmac } from './verification/node.js';
import {
  signatureHeadersFor,
  signatureHeadersWith,
  signPayloadWith,
  verifySignatureWith,
} from './verification/signature.js';
import type * as portableSigning from './verify.js';

export type { NodeWebhookRequest } from './receiving/node.js';
export type { ReceiverSteps, WebhookReceiverOptions } from './receiving/options.js';

/**
 * A `node:http` request listener (also usable as an Express or Fastify route handler when the
 * framework hands over the raw body: `express.raw({ type: 'application/json' })`). Answers
 * exactly like `createFetchHandler`.
 */
export const createNodeHandler = (
  options: WebhookReceiverOptions,
  steps?: ReceiverSteps,
): ((req: NodeWebhookRequest, res: ServerResponse) => void) => nodeHandlerWith(nodeHmac, options, steps);

/** A `node:http` listener around a receiver made by `createReceiver`, as `toFetchHandler` is for Fetch. */
export { toNodeHandler } from './receiving/node.js';

/** `createFetchHandler` on `node:crypto`, for Fetch-style servers running on Node. */
export const createFetchHandler: typeof portableReceiving.createFetchHandler = (options, steps) =>
  fetchHandlerWith(nodeHmac, options, steps);

/** `createReceiver` on `node:crypto`. */
export const createReceiver: typeof portableReceiving.createReceiver = (options, steps) =>
  createReceiverWith(nodeHmac, options, steps);

/** `verifySignature` on `node:crypto`. */
export const verifySignature: typeof portableSigning.verifySignature = (rawBody, headers, options) =>
  verifySignatureWith(nodeHmac, rawBody, headers, options);

/** `signPayload` on `node:crypto`. */
export const signPayload: typeof portableSigning.signPayload = (rawBody, key) =>
  signPayloadWith(nodeHmac, rawBody, key);

/** `signatureHeaders` on `node:crypto`: both signature headers of a delivery, named as the spec names them. */
export const signatureHeaders: typeof portableSigning.signatureHeaders = (rawBody, key) =>
  signatureHeadersWith(nodeHmac, rawBody, key);

/**
 * `signatureHeaders` without the promise: node:crypto signs synchronously, which a sender
 * building its headers in one go (the mock server's emitter) can use.
 */
export function signatureHeadersSync(rawBody: string | Uint8Array, key: string) {
  secretList('key', key);
  return signatureHeadersFor(nodeHmac.sign(key, rawBody) as string);
}
