import { secretList } from '../option-error.js';
import { constantTimeEqual } from './bytes.js';
import { type HeadersLike, readHeader } from './headers.js';

export interface SharedSecretOptions {
  /** The secret you put in the webhook URL (several while you rotate it). */
  secret: string | readonly string[];
  /** Query parameter that carries it; `secret` unless you name a header only. */
  param?: string;
  /** Header that carries it, when your proxy moves it out of the URL. */
  header?: string;
}

/** Where the secret is looked for: a URL, a Fetch `Request`, or anything with `url` and `headers` (Node's `req`). */
export type SharedSecretSource = string | URL | Request | { url?: string | undefined; headers?: HeadersLike };

const encoder = new TextEncoder();

function queryValue(source: SharedSecretSource, param: string): string | undefined {
  const raw = typeof source === 'string' ? source : source instanceof URL ? source.href : source.url;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw, 'http://receiver.invalid');
  } catch {
    return undefined;
  }
  const values = url.searchParams.getAll(param);
  // A repeated parameter is ambiguous; refuse it rather than pick one.
  return values.length === 1 ? values[0] : undefined;
}

/**
 * The vendor's alternative to signatures: a long random secret in the webhook URL. True when
 * the request carries one of the secrets in the query parameter (or in the header, when
 * `header` is set). Secrets are compared in constant time for a given length.
 */
export function verifySharedSecret(source: SharedSecretSource, options: SharedSecretOptions): boolean {
  const secrets = secretList('sharedSecret.secret', options?.secret);
  const found: string[] = [];
  if (options.header !== undefined) {
    const headers = typeof source === 'object' && !(source instanceof URL) ? source.headers : undefined;
    const value = headers ? readHeader(headers, options.header) : undefined;
    if (value !== undefined) found.push(value);
  }
  if (options.param !== undefined || options.header === undefined) {
    const value = queryValue(source, options.param ?? 'secret');
    if (value !== undefined) found.push(value);
  }
  let ok = false;
  for (const candidate of found) {
    const given = encoder.encode(candidate);
    for (const secret of secrets) ok = constantTimeEqual(given, encoder.encode(secret)) || ok;
  }
  return ok;
}
