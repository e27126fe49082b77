import { createWawpClient, type WawpClientOptions } from '../../src/index.js';
import { createWawp } from '../../src/operations.js';

export const CREDENTIALS = { instanceId: 'INSTANCE123', accessToken: 's3cr3t-token/with+chars' } as const;
export const BASE_URL = 'https://api.test/v1';

export interface ObservedCall {
  request: Request;
  /** The signal fetch must honour for this attempt: the transport's (with a timeout) or the request's. */
  signal: AbortSignal;
}

/**
 * A client whose `fetch` is a plain function: it records every request and answers with
 * what `respond` returns. No global mocks, no network. Retries are off unless asked for, so
 * tests about other things never wait on a backoff.
 */
export function createObservedClient(
  respond: (request: Request, call: number) => Response | Promise<Response> = () => Response.json({}),
  options: Partial<WawpClientOptions> = {},
) {
  const requests: Request[] = [];
  const calls: ObservedCall[] = [];
  const client = createWawpClient({
    ...CREDENTIALS,
    baseUrl: BASE_URL,
    retry: false,
    fetch: async (request, init) => {
      requests.push(request);
      calls.push({ request, signal: init?.signal ?? request.signal });
      return respond(request, requests.length);
    },
    ...options,
  });
  return { client, wawp: createWawp(client), requests, calls };
}

/** Everything an error exposes: message, stack, cause and JSON, to search for a secret. */
export function everythingAbout(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, String(e.cause), JSON.stringify(e), JSON.stringify(e.cause ?? null)].join('\n');
}

/** A fetch that never answers until its signal aborts (or never, when it ignores it). */
export function hangingFetch(honourSignal: boolean) {
  return (_request: Request, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      if (honourSignal)
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
}
