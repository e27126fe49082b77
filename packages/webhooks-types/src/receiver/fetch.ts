import type { HmacSha512 } from '../crypto/hmac.js';
import { createReceiver, type IncomingDelivery, TOO_LARGE } from './core.js';
import type { WebhookReceiverOptions } from './options.js';

/** Reads a Fetch body, giving up as soon as it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | typeof TOO_LARGE> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function fetchHandlerWith(
  options: WebhookReceiverOptions,
  hmac: HmacSha512,
): (request: Request) => Promise<Response> {
  const receiver = createReceiver(options, hmac);
  return async (request) => {
    const delivery: IncomingDelivery = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      readBody: (limit) => readLimited(request, limit),
    };
    const { status, body, headers } = await receiver.receive(delivery);
    return new Response(body, { status, headers });
  };
}
