// One set of parameters from every place a call may carry them, by the placement rule's
// precedence. As in WordPress, a parameter is taken whole from the first source that sets it
// (no deep merge), and a JSON `null` counts as not set (PHP's `isset`).
import { setOwn } from './php.js';
import type { PlacementRule, Source } from './rule.js';

export interface Sources {
  query: Record<string, unknown>;
  json?: Record<string, unknown>;
  form?: Record<string, unknown>;
  path: Record<string, string>;
}

export interface Merged {
  /** Parameter name → value, from the winning source. */
  params: Record<string, unknown>;
  /** Parameter name → the source it was taken from. */
  from: Record<string, Source>;
}

export function mergeSources(sources: Sources, rule: PlacementRule): Merged {
  const params: Record<string, unknown> = {};
  const from: Record<string, Source> = {};
  for (const source of rule.precedence) {
    if (source !== 'path' && !rule.accepted.includes(source)) continue;
    const values = sources[source];
    if (!values) continue;
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (value === null || value === undefined || Object.hasOwn(params, key)) continue;
      setOwn(params, key, value);
      setOwn(from, key, source);
    }
  }
  return { params, from };
}
