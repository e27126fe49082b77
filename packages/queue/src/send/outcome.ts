// A send's outcome crosses processes through Redis, so its error travels as JSON and is
// rebuilt as the client's own typed error on the other side.
import { WawpApiError, WawpError, WawpNetworkError, WawpTimeoutError } from '@wawp/client';

export type SendOutcome =
  | { ok: true; jobId: string /** The sent message's id, when the API returned one. */; messageId: string | undefined }
  | { ok: false; jobId: string /** The client's typed error (WawpApiError, WawpNetworkError, …). */; error: Error };

export interface SerializedError {
  name: string;
  message: string;
  method?: string;
  path?: string;
  status?: number;
  body?: unknown;
  timeoutMs?: number;
  retryAfterMs?: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WawpError) return error.toJSON() as unknown as SerializedError;
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function reviveError(json: SerializedError | undefined, fallbackMessage: string): Error {
  if (!json) return new Error(fallbackMessage);
  const request = { method: json.method ?? 'POST', path: json.path ?? '' };
  let error: Error;
  if (json.name === 'WawpApiError' && typeof json.status === 'number') {
    error = new WawpApiError(json.status, json.body, request);
  } else if (json.name === 'WawpTimeoutError' && typeof json.timeoutMs === 'number') {
    error = new WawpTimeoutError(json.timeoutMs, request);
  } else if (json.name === 'WawpNetworkError') {
    error = new WawpNetworkError(json.message, request);
  } else {
    error = new Error(json.message);
    error.name = json.name;
  }
  if (typeof json.retryAfterMs === 'number') Object.assign(error, { retryAfterMs: json.retryAfterMs });
  return error;
}

/** The message id in a send's answer (`{ id: 'true_…' }`), if any. */
export function messageIdOf(result: unknown): string | undefined {
  const id = (result as { id?: unknown } | null)?.id;
  if (typeof id === 'string') return id;
  // Some engines nest it: `{ id: { _serialized } }`.
  const serialized = (id as { _serialized?: unknown } | undefined)?._serialized;
  return typeof serialized === 'string' ? serialized : undefined;
}
