// A deep copy of the sandbox's state data, which is JSON-shaped (plain objects, arrays, text,
// numbers, booleans, null): what structuredClone gives for it, without its serialisation,
// which cost more than the rest of answering `session/info` from state.
import { setOwn } from '../placement/php.js';

export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  // A spread copies an object's own properties in one step (a `__proto__` key as an own
  // property too); only the values that are objects themselves are then replaced by copies.
  // Storing every key one by one cost about twice as much on a message.
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    const item = out[key];
    if (item !== null && typeof item === 'object') setOwn(out, key, copyJson(item));
  }
  return out as T;
}
