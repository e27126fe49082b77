import createClient, { type Client } from 'openapi-fetch';
import { assertCredentials, type Credentials, credentialQuerySerializer } from './credentials.js';
import { WawpNetworkError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { redact, safePath } from './redact.js';

export const DEFAULT_BASE_URL = 'https://wawp.net/wp-json/awp/v1';

export interface WawpClientOptions extends Credentials {
  /** API root; defaults to the production v1 URL. Use the mock's URL in tests. */
  baseUrl?: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** The path-based face: openapi-fetch's `GET`/`POST`/… typed by the Wawp description. */
export type WawpPathClient = Client<paths, 'application/json'>;

export function createWawpClient(options: WawpClientOptions): WawpPathClient {
  assertCredentials(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const secrets = [options.accessToken];
  const userFetch = options.fetch ?? ((input: Request) => globalThis.fetch(input));

  // Failures of fetch itself can carry the full URL (and so the token) in their message or
  // cause: replace them with an error that names only method and path.
  const guardedFetch = async (input: Request): Promise<Response> => {
    try {
      return await userFetch(input);
    } catch (error) {
      const request = { method: input.method, path: safePath(input.url, baseUrl) };
      if (error instanceof Error && error.name === 'AbortError') throw error;
      const reason = error instanceof Error ? redact(describe(error), secrets) : 'unknown error';
      throw new WawpNetworkError(`${request.method} ${request.path} could not reach the API: ${reason}`, request);
    }
  };

  const client = createClient<paths>({
    baseUrl,
    fetch: guardedFetch,
    headers: options.headers,
    querySerializer: credentialQuerySerializer(options),
  });
  return client;
}

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
