// Which failed sends may be sent again. A message send is not idempotent: resending after an
// answer we did not get could deliver it twice. So only failures that prove the API did not
// act on the request are retried.
import { WawpApiError, WawpNetworkError } from '@wawp/client';

export type FailureKind =
  /** 429: the instance is over its limit; wait for Retry-After, then send again. */
  | 'rate-limited'
  /** The request provably did not reach the API or was refused before it acted. */
  | 'retry'
  /** Anything else: report it, do not send again. */
  | 'final';

// The connection was never made, so the API cannot have seen the request.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof WawpApiError) {
    if (error.status === 429) return 'rate-limited';
    // 503 is the server saying it did not take the request on.
    return error.status === 503 ? 'retry' : 'final';
  }
  if (error instanceof WawpNetworkError && causeCode(error) !== undefined) return 'retry';
  return 'final';
}

/**
 * The pause a 429 asks for: the client's `retryAfterMs` (a sane Retry-After, read and capped by
 * the client), else `fallbackMs` when the answer had none.
 */
export function retryAfterOf(error: unknown, fallbackMs: number): number {
  return (error instanceof WawpApiError ? error.retryAfterMs : undefined) ?? fallbackMs;
}
