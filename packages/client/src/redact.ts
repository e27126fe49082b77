import { CREDENTIAL_PARAMS } from './credentials.js';

const REDACTED = '[REDACTED]';

/**
 * Replaces the access token (and every other credential value) in a URL or any text
 * with `[REDACTED]`. Used on every message, URL and cause the client surfaces.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const name of CREDENTIAL_PARAMS) {
    if (name === 'instance_id') continue; // the instance id is not a secret; it helps debugging
    out = out.replace(new RegExp(`([?&]${name}=)[^&#\\s"']*`, 'g'), `$1${REDACTED}`);
  }
  for (const secret of secrets) {
    if (!secret) continue;
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** The request's path without the query string, safe to show anywhere. */
export function safePath(url: string, baseUrl: string): string {
  const withoutQuery = url.split('?')[0] ?? url;
  return withoutQuery.startsWith(baseUrl) ? withoutQuery.slice(baseUrl.length) || '/' : withoutQuery;
}
