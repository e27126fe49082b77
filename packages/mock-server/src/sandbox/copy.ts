// A deep copy of the sandbox's state data, which is JSON-shaped (plain objects, arrays, text,
// numbers, booleans, null): what structuredClone gives for it, without its serialisation,
// which cost more than the rest of answering `session/info` from state.
import { setOwn } from '../placement/php.js';

export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, copyJson((value as Record<string, unknown>)[key]));
  return out as T;
}
