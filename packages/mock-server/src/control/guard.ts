// The gate in front of every `/__wawp/` call. The control plane can make the mock send HTTP
// requests, so it must not be usable by a web page the developer happens to open:
// - a secret header (`x-wawp-control-token`) that a page cannot learn; sending a custom header
//   also forces a CORS preflight, which control paths never approve (no CORS headers at all);
// - `application/json` only, so no "simple" cross-site form or text/plain POST gets through;
// - the Host header must name this machine (loopback names, the bound address, or hosts the
//   user allowed), which defeats DNS rebinding (a page at evil.example whose name now points
//   at 127.0.0.1 still sends `Host: evil.example`).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isJsonMediaType, isValidContentType, mediaTypeOf } from '../http/media.js';
import { type WordPressError, wordpressError } from '../wordpress-errors.js';
import { isLoopbackHost } from './targets.js';

export const CONTROL_TOKEN_HEADER = 'x-wawp-control-token';

/** A fresh token per run: 24 random bytes, URL-safe. */
export function randomControlToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Checks a token given by the user; header values must be visible ASCII without spaces. */
export function validateControlToken(token: string): string | undefined {
  if (!/^[\x21-\x7e]{8,256}$/.test(token)) {
    return 'the control token must be 8 to 256 visible ASCII characters without spaces';
  }
  return undefined;
}

export interface ControlGuard {
  /** undefined when the call may go on; otherwise the answer to send. */
  check(req: IncomingMessage, hasBody: boolean): WordPressError | undefined;
}

export function createControlGuard(token: string, boundHost: string, extraHosts: readonly string[]): ControlGuard {
  const expected = digest(token);
  const hosts = new Set(extraHosts.map((h) => h.toLowerCase()));
  const bound = boundHost.toLowerCase();
  // A wildcard bind has no one name of its own: only loopback names and the allowed hosts pass.
  if (bound !== '0.0.0.0' && bound !== '::' && bound !== '') hosts.add(bound.includes(':') ? `[${bound}]` : bound);
  return {
    check(req, hasBody) {
      const hostname = hostnameOf(req.headers.host);
      if (hostname === undefined || !(isLoopbackHost(hostname) || hosts.has(hostname))) {
        return wordpressError(
          403,
          'mock_control_forbidden_host',
          'Control calls must address the mock by a loopback name or its bound address (Host header).',
        );
      }
      const given = req.headers[CONTROL_TOKEN_HEADER];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        return wordpressError(
          401,
          'mock_control_unauthorized',
          `Control calls need the ${CONTROL_TOKEN_HEADER} header with the token the mock printed at start ` +
            '(or set with --control-token / WAWP_MOCK_CONTROL_TOKEN).',
        );
      }
      const type = req.headers['content-type'];
      if (hasBody || type !== undefined) {
        if (type === undefined || !isValidContentType(type) || !isJsonMediaType(mediaTypeOf(type))) {
          return wordpressError(415, 'rest_unsupported_media_type', 'Control calls take application/json bodies only.');
        }
      }
      return undefined;
    },
  };
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The host name of a Host header (`127.0.0.1:4010` → `127.0.0.1`, `[::1]:4010` → `[::1]`). */
function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const url = new URL(`http://${header}`);
    return url.pathname === '/' && !url.username && !url.password ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
