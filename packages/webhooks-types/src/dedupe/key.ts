// Which key a delivery is deduplicated on. The envelope `id` is signed and stable across the
// sender's retries, so it comes first. Older engines send no id: then the delivery's request
// id header, and failing that a digest of the exact body (a retry resends the same bytes).
import { deliveryHeaderNames } from '../generated/contract.js';
import { toHex } from '../verification/bytes.js';
import { type HeadersLike, readHeader } from '../verification/headers.js';

const REQUEST_ID = deliveryHeaderNames.requestId.toLowerCase();

/** The key of a delivery in the duplicate store; the prefixes keep the three kinds apart. */
export function deliveryKey(event: { id?: unknown }, headers: HeadersLike, body: Uint8Array): string | Promise<string> {
  if (typeof event.id === 'string' && event.id.length > 0) return event.id;
  return fallbackKey(headers, body);
}

async function fallbackKey(headers: HeadersLike, body: Uint8Array): Promise<string> {
  const requestId = readHeader(headers, REQUEST_ID);
  if (requestId) return `request:${requestId}`;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>);
  return `sha256:${toHex(new Uint8Array(digest))}`;
}
