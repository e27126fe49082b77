import type { HmacSha512 } from '../verification/hmac.js';
import { createReceiverWith, type IncomingDelivery, type Receiver, TIMED_OUT, TOO_LARGE } from './core.js';
import type { ReceiverSteps, WebhookReceiverOptions } from './options.js';

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Reads a Fetch body, giving up as soon as it passes `limit` bytes or when it has not all
 * arrived after `timeoutMs`: a Fetch server has no timeout of its own for a stalled body.
 */
async function readLimited(
  request: Request,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array | typeof TOO_LARGE | typeof TIMED_OUT> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timedOut]);
      if (next === TIMED_OUT) {
        reader.cancel().catch(() => {});
        return TIMED_OUT;
      }
      if (next.done) return concat(chunks, size);
      size += next.value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return TOO_LARGE;
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A Fetch handler around a receiver: the request becomes a delivery, the answer a Response. */
export function toFetchHandler(receiver: Receiver): (request: Request) => Promise<Response> {
  return async (request) => {
    const delivery: IncomingDelivery = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      readBody: (limit, timeoutMs) => readLimited(request, limit, timeoutMs),
    };
    const { status, body, headers } = await receiver.receive(delivery);
    return new Response(body, { status, headers });
  };
}

export const fetchHandlerWith = (
  hmac: HmacSha512,
  options: WebhookReceiverOptions,
  steps?: ReceiverSteps,
): ((request: Request) => Promise<Response>) => toFetchHandler(createReceiverWith(hmac, options, steps));
