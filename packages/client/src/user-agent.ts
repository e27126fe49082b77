import { CLIENT_VERSION } from './generated/client-facts.js';

/** `@wawp/client/<version>`: names this package in every request. */
export const CLIENT_PRODUCT = `@wawp/client/${CLIENT_VERSION}`;

/**
 * The header that names the client: `user-agent`, with the caller's own product first when
 * given (`my-app/1.2 @wawp/client/0.1.0`). Every server-side runtime (Node, Bun, Deno, edge
 * workers) lets a request set it. None in a browser: there `user-agent` is the browser's, and
 * a custom header instead would turn a cross-origin call into a preflighted one that the API
 * may refuse. One header, not a second custom one: each costs about 2% of a call's time.
 * `false` sends none anywhere.
 */
export function userAgentHeaders(userAgent: string | false | undefined): Record<string, string> {
  if (userAgent === false || isBrowser()) return {};
  return { 'user-agent': userAgent ? `${userAgent} ${CLIENT_PRODUCT}` : CLIENT_PRODUCT };
}

function isBrowser(): boolean {
  // Browsers and their workers say `Mozilla/…`; Node, Bun, Deno and edge runtimes name themselves.
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return (
    typeof (globalThis as { document?: unknown }).document === 'object' ||
    (typeof agent === 'string' && agent.startsWith('Mozilla/'))
  );
}
