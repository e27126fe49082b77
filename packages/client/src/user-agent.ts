import { CLIENT_VERSION } from './generated/client-facts.js';

/** `@wawp/client/<version>`: names this package in every request. */
export const CLIENT_PRODUCT = `@wawp/client/${CLIENT_VERSION}`;

/**
 * The headers that name the client: `x-wawp-client` and `user-agent`, with the caller's
 * own product first when given (`my-app/1.2 @wawp/client/0.1.0`). None in a browser: there
 * `user-agent` is the browser's, and any custom header turns a cross-origin call into a
 * preflighted one that the API may refuse. `false` sends none anywhere.
 */
export function userAgentHeaders(userAgent: string | false | undefined): Record<string, string> {
  if (userAgent === false || isBrowser()) return {};
  const product = userAgent ? `${userAgent} ${CLIENT_PRODUCT}` : CLIENT_PRODUCT;
  return { 'x-wawp-client': product, 'user-agent': product };
}

function isBrowser(): boolean {
  // Browsers and their workers say `Mozilla/…`; Node, Bun, Deno and edge runtimes name themselves.
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return (
    typeof (globalThis as { document?: unknown }).document === 'object' ||
    (typeof agent === 'string' && agent.startsWith('Mozilla/'))
  );
}
