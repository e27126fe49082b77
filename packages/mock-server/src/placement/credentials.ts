// Credentials that travel outside the query string. An operation whose security lists
// alternatives that differ in one scheme (v2: the token as `access_token` in the query,
// as an `access-token` header, or as `Authorization: Bearer`) accepts the same credential
// in each of those places. The mock reads it from a header only when no placement (query,
// JSON body, form body) carried it, as a WordPress route reads its parameters first, and
// then treats it as if it had come in the query string: Prism validates one placement, the
// errors and the sandbox see one `access_token`, whichever way it travelled.
import type { HttpSecurityScheme, IHttpOperation } from '@stoplight/types';

export interface CredentialAliases {
  /** The query parameter the credential stands for, e.g. `access_token`. */
  name: string;
  /** Header names (lower case) that may carry it instead. */
  headers: string[];
  /** `Authorization: Bearer <value>` may carry it instead. */
  bearer: boolean;
}

/** The credential an operation accepts in a header too, or undefined when it has no such alternative. */
export function credentialAliasesOf(operation: Pick<IHttpOperation, 'security'>): CredentialAliases | undefined {
  const alternatives = operation.security ?? [];
  if (alternatives.length < 2) return undefined;
  const everywhere = (scheme: HttpSecurityScheme) => alternatives.every((alt) => alt.some((s) => s.key === scheme.key));
  const varying = alternatives.map((alt) => alt.filter((scheme) => !everywhere(scheme)));
  // Each alternative must swap exactly one scheme for another: the one credential, moved.
  if (varying.some((schemes) => schemes.length !== 1)) return undefined;
  const schemes = varying.map((schemes) => schemes[0] as HttpSecurityScheme);
  const query = schemes.filter((s) => s.type === 'apiKey' && s.in === 'query');
  if (query.length !== 1) return undefined;
  const aliases: CredentialAliases = { name: (query[0] as { name: string }).name, headers: [], bearer: false };
  for (const scheme of schemes) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') aliases.headers.push(scheme.name.toLowerCase());
    else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') aliases.bearer = true;
  }
  return aliases.headers.length > 0 || aliases.bearer ? aliases : undefined;
}

const BEARER = /^bearer +(\S(?:.*\S)?) *$/i;

/**
 * The credential from a header, when no placement carried it: the first alias header with a
 * value, else a Bearer token. Undefined when the params have it already or no header does.
 */
export function credentialFromHeaders(
  aliases: CredentialAliases,
  params: Readonly<Record<string, unknown>>,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const present = params[aliases.name];
  if ((typeof present === 'string' && present !== '') || typeof present === 'number') return undefined;
  for (const name of aliases.headers) {
    const value = single(headers[name]);
    if (value) return value;
  }
  if (!aliases.bearer) return undefined;
  return BEARER.exec(single(headers.authorization) ?? '')?.[1];
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}
