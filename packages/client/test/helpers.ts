import { createWawpClient, type WawpClientOptions } from '../src/index.js';

export const CREDENTIALS = { instanceId: 'INSTANCE123', accessToken: 's3cr3t-token/with+chars' } as const;

/**
 * A client whose `fetch` is a plain function: it records every request and answers with
 * what `respond` returns. No global mocks, no network.
 */
export function createObservedClient(
  respond: (request: Request) => Response | Promise<Response> = () => Response.json({}),
  options: Partial<WawpClientOptions> = {},
) {
  const requests: Request[] = [];
  const client = createWawpClient({
    ...CREDENTIALS,
    baseUrl: 'https://api.test/v1',
    fetch: async (request) => {
      requests.push(request);
      return respond(request);
    },
    ...options,
  });
  return { client, requests };
}
