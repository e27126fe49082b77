const REDACTED = '[REDACTED]';

/**
 * Replaces the access token (and every other credential value) in a URL or any text
 * with `[REDACTED]`. Used on every message, URL and cause the client surfaces.
 */
export function redact(text: string, secrets: readonly string[]): string {
  // The instance id is not a secret and helps debugging; only the token's value goes.
  let out = text.replace(/([?&]access_token=)[^&#\s"']*/g, `$1${REDACTED}`);
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
