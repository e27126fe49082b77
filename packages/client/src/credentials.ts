import { createQuerySerializer } from 'openapi-fetch';

export interface Credentials {
  /** The instance (WhatsApp session) to act on. Not needed for `POST /createSession`. */
  instanceId?: string | undefined;
  /** The account's access token. Sent as `access_token` in the query string. */
  accessToken: string;
}

/**
 * Builds the query serializer that prepends the credentials to every request's query: the
 * instance id, and the token unless it travels in a header (v2's `credentials` option).
 *
 * Adding them while the URL is built costs one string concatenation; adding them in a
 * middleware would rebuild every `Request`, which measurably slows each call.
 *
 * Arrays go the way PHP reads a list, `name[]=a&name[]=b` (a repeated plain key keeps only
 * its last value there): the spec names array parameters `name[]`, and openapi-fetch's
 * `form`/`explode` style repeats that name per item. An array under a plain name (an
 * untyped call) gets the brackets added, so it is never cut down to its last item.
 */
export function credentialQuerySerializer(
  credentials: Credentials,
  tokenInQuery = true,
): (query: Record<string, unknown>) => string {
  const serialize = createQuerySerializer({
    array: { style: 'form', explode: true },
    object: { style: 'deepObject', explode: true },
  });
  const parts = tokenInQuery ? [`access_token=${encodeURIComponent(credentials.accessToken)}`] : [];
  if (credentials.instanceId !== undefined) parts.unshift(`instance_id=${encodeURIComponent(credentials.instanceId)}`);
  const prefix = parts.join('&');
  return (query) => {
    const rest = serialize(withListNames(query));
    return rest && prefix ? `${prefix}&${rest}` : rest || prefix;
  };
}

export function assertCredentials(credentials: Credentials, factory = 'createWawpClient'): void {
  if (typeof credentials.accessToken !== 'string' || credentials.accessToken.length === 0) {
    throw new TypeError(`${factory}: \`accessToken\` must be a non-empty string`);
  }
  if (credentials.instanceId !== undefined && (typeof credentials.instanceId !== 'string' || !credentials.instanceId)) {
    throw new TypeError(`${factory}: \`instanceId\` must be a non-empty string when given`);
  }
}

function withListNames(query: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in query) {
    if (Array.isArray(query[key]) && !key.endsWith('[]')) {
      out = {};
      for (const name in query)
        out[Array.isArray(query[name]) && !name.endsWith('[]') ? `${name}[]` : name] = query[name];
      return out;
    }
  }
  return query;
}
