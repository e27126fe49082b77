// Credentials never leave the sandbox in what it reports: the journal, the delivery log and
// the state dump replace them with a marker, wherever they appear.
import { setOwn } from '../placement/php.js';

export const REDACTED = '[redacted]';

/** Parameter names that carry a credential. */
const SECRET_NAMES = new Set(['access_token', 'accessToken', 'hmacKey', 'key']);
/**
 * Fields that name the instance: kept even when the id happens to equal a token (the docs
 * use `123456789` for both), since the id is what a test filters the journal by.
 */
const IDENTITY_NAMES = new Set(['instance_id', 'instanceId']);

/**
 * A deep copy of `value` with every string equal to one of `secrets` (or containing it)
 * replaced, and every property named like a credential replaced.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  // Each secret once: the journal passes the instance's token and the caller's, mostly the same.
  const active = [...new Set(secrets)].filter((s) => s.length > 0);
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && SECRET_NAMES.has(key)) return REDACTED;
      if (key !== undefined && IDENTITY_NAMES.has(key)) return node;
      let out = node;
      for (const secret of active) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
      return out;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(node)) setOwn(out, k, walk((node as Record<string, unknown>)[k], k));
      return out;
    }
    return node;
  };
  return walk(value) as T;
}
