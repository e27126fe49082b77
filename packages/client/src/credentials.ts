import { createQuerySerializer } from 'openapi-fetch';

export interface Credentials {
  /** The instance (WhatsApp session) to act on. Not needed for `POST /createSession`. */
  instanceId?: string | undefined;
  /** The account's access token. Sent as `access_token` in the query string. */
  accessToken: string;
}

/**
 * Builds the query serializer that prepends both credentials to every request's query.
 *
 * Adding them while the URL is built costs one string concatenation; adding them in a
 * middleware would rebuild every `Request`, which measurably slows each call.
 */
export function credentialQuerySerializer(credentials: Credentials): (query: Record<string, unknown>) => string {
  const serialize = createQuerySerializer({
    array: { style: 'form', explode: true },
    object: { style: 'deepObject', explode: true },
  });
  const parts = [`access_token=${encodeURIComponent(credentials.accessToken)}`];
  if (credentials.instanceId !== undefined) parts.unshift(`instance_id=${encodeURIComponent(credentials.instanceId)}`);
  const prefix = parts.join('&');
  return (query) => {
    const rest = serialize(query);
    return rest ? `${prefix}&${rest}` : prefix;
  };
}

export function assertCredentials(credentials: Credentials): void {
  if (typeof credentials.accessToken !== 'string' || credentials.accessToken.length === 0) {
    throw new TypeError('createWawpClient: `accessToken` must be a non-empty string');
  }
  if (credentials.instanceId !== undefined && (typeof credentials.instanceId !== 'string' || !credentials.instanceId)) {
    throw new TypeError('createWawpClient: `instanceId` must be a non-empty string when given');
  }
}
