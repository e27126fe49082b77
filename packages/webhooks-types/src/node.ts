// Node-specific entry point (`@wawp/webhooks-types/node`): the same helpers on `node:crypto`,
// several times cheaper per delivery than WebCrypto on Node, plus the `node:http` adapter.
import type { ServerResponse } from 'node:http';
import { nodeHmac } from './crypto/node.js';
import type { HeadersLike } from './headers.js';
import { fetchHandlerWith } from './receiver/fetch.js';
import { type NodeWebhookRequest, nodeHandlerWith } from './receiver/node-http.js';
import type { WebhookReceiverOptions } from './receiver/options.js';
import { signPayloadWith, type VerifySignatureOptions, verifySignatureWith } from './signature-core.js';

export type { NodeWebhookRequest } from './receiver/node-http.js';
export type { WebhookReceiverOptions } from './receiver/options.js';

/**
 * A `node:http` request listener (also usable as an Express or Fastify route handler when the
 * framework hands over the raw body: `express.raw({ type: 'application/json' })`). Answers
 * exactly like `createFetchHandler`.
 */
export const createNodeHandler = (
  options: WebhookReceiverOptions,
): ((req: NodeWebhookRequest, res: ServerResponse) => void) => nodeHandlerWith(options, nodeHmac);

/** `createFetchHandler` on `node:crypto`, for Fetch-style servers running on Node. */
export const createFetchHandler = (options: WebhookReceiverOptions): ((request: Request) => Promise<Response>) =>
  fetchHandlerWith(options, nodeHmac);

/** `verifySignature` on `node:crypto`. */
export const verifySignature = (
  rawBody: string | Uint8Array,
  headers: HeadersLike,
  options: VerifySignatureOptions,
): Promise<boolean> => verifySignatureWith(nodeHmac, rawBody, headers, options);

/** `signPayload` on `node:crypto`. */
export const signPayload = (rawBody: string | Uint8Array, key: string): Promise<string> =>
  signPayloadWith(nodeHmac, rawBody, key);
