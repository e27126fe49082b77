// A value as it was at one moment, kept cheaply until someone asks for it: what the request
// journal and the delivery log hold instead of a redacted deep copy made on every call.
//
// A flat record (text, numbers, booleans, null: a call's merged query parameters) is kept
// as a shallow copy; anything nested as its JSON text, which no later change to the state can
// reach and which costs the garbage collector one string instead of a tree of objects. The
// answers and envelopes kept this way are JSON on the wire, so their JSON is what was sent.
import { setOwn } from '../placement/php.js';

/** A kept value: `value` itself (a primitive or a flat copy), or its JSON `text`. */
export type Snapshot = { readonly text: string } | { readonly value: unknown };

export function snapshot(value: unknown): Snapshot {
  if (value === null || typeof value !== 'object') return { value };
  if (!Array.isArray(value)) {
    const flat = flatCopy(value as Record<string, unknown>);
    if (flat) return { value: flat };
  }
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return { text };
  } catch {
    // Not JSON (a cycle, a bigint): then it could not have been answered as JSON either.
  }
  return { value: structuredCopy(value) };
}

/** The kept value: a fresh copy each time (callers may change what they get). */
export function restore(kept: Snapshot): unknown {
  if ('text' in kept) return JSON.parse(kept.text);
  const { value } = kept;
  return value !== null && typeof value === 'object' ? { ...(value as object) } : value;
}

/** A shallow copy when every property holds a primitive, else undefined. */
function flatCopy(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== null && typeof item === 'object') return undefined;
    setOwn(out, key, item);
  }
  return out;
}

function structuredCopy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
