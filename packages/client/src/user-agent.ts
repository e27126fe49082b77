import { CLIENT_VERSION } from './generated/client-facts.js';

/** `@wawp/client/<version>`: names this package in every request. */
export const CLIENT_PRODUCT = `@wawp/client/${CLIENT_VERSION}`;

/**
 * The `user-agent` that names the client, with the caller's own product first when given
 * (`my-app/1.2 @wawp/client/0.1.0`); undefined where it sends none. Every server-side runtime
 * (Node, Bun, Deno, edge workers) lets a request set it. None in a browser: there
 * `user-agent` is the browser's, and a custom header instead would turn a cross-origin call
 * into a preflighted one that the API may refuse. One header, not a second custom one.
 * `false` sends none anywhere.
 */
export function userAgentValue(userAgent: string | false | undefined): string | undefined {
  if (userAgent === false || isBrowser()) return undefined;
  return userAgent ? `${userAgent} ${CLIENT_PRODUCT}` : CLIENT_PRODUCT;
}

/**
 * True when an openapi-fetch `headers` option sets `name` (lower case) or unsets it with
 * `null`: then the caller decides that header, not the client.
 */
export function mentionsHeader(headers: unknown, name: string): boolean {
  if (headers instanceof Headers) return headers.has(name);
  return !!headers && Object.entries(headers).some(([key, value]) => value !== undefined && key.toLowerCase() === name);
}

/**
 * A `Request` constructor for openapi-fetch that adds `user-agent` once the request is built,
 * when `agentFor()` names one for it. Setting one header on a built request costs a small
 * share of what the same header costs through openapi-fetch's `headers` option, which copies
 * every header through a second `Headers` object on each call. Middleware still sees it.
 */
export function namingRequest(agentFor: () => string | undefined): typeof Request {
  const Base = globalThis.Request;
  // `new` on it returns the Request built inside, so `instanceof Request` still holds.
  return function NamedRequest(input: RequestInfo | URL, init?: RequestInit) {
    const request = new Base(input, init);
    const agent = agentFor();
    if (agent) request.headers.set('user-agent', agent);
    return request;
  } as unknown as typeof Request;
}

function isBrowser(): boolean {
  // Browsers and their workers say `Mozilla/…`; Node, Bun, Deno and edge runtimes name themselves.
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return (
    typeof (globalThis as { document?: unknown }).document === 'object' ||
    (typeof agent === 'string' && agent.startsWith('Mozilla/'))
  );
}
