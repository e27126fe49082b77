/**
 * Where the v2 access token travels: `query` (`access_token=…`, v1's only way and v2's
 * default), `header` (`access-token: …`) or `bearer` (`Authorization: Bearer …`). The
 * instance id always travels in the query string.
 */
export type CredentialPlacement = 'query' | 'header' | 'bearer';

const PLACEMENTS: readonly CredentialPlacement[] = ['query', 'header', 'bearer'];
// Printable ASCII, no space at either end: fetch trims header values, and `Headers` refuses
// other characters with a message that may quote the value.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** The headers that carry the token, or undefined when it travels in the query string. */
export function credentialHeaders(
  factory: string,
  placement: unknown,
  accessToken: unknown,
): Record<string, string> | undefined {
  if (!PLACEMENTS.includes(placement as CredentialPlacement)) {
    throw new TypeError(`${factory}: \`credentials\` must be one of ${PLACEMENTS.map((p) => `'${p}'`).join(', ')}`);
  }
  if (placement === 'query' || typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (!HEADER_SAFE.test(accessToken)) {
    throw new TypeError(
      `${factory}: \`accessToken\` must be printable ASCII without spaces at its ends to travel in a header (credentials: '${placement}')`,
    );
  }
  return placement === 'header' ? { 'access-token': accessToken } : { authorization: `Bearer ${accessToken}` };
}
