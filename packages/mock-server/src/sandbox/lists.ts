// `limit` and `offset` as the engine applies them, so paging through any list ends.

import type { Params } from './params.js';

/** The engine's page size when a list call gives no `limit` (it returns everything). */
export function page<T>(items: readonly T[], params: Params): T[] {
  const offset = Math.max(0, Math.floor(params.number('offset') ?? 0));
  const limit = params.number('limit');
  const end = limit === undefined ? undefined : offset + Math.max(0, Math.floor(limit));
  return items.slice(offset, end);
}

/** Sorts by a field the caller names (`sortBy`), in `sortOrder` (`asc` by default, or `desc`). */
export function sorted<T>(
  items: readonly T[],
  params: Params,
  fields: Record<string, (item: T) => string | number>,
): T[] {
  const by = params.string('sortBy');
  const key = by ? fields[by] : undefined;
  const out = [...items];
  if (key) out.sort((a, b) => compare(key(a), key(b)));
  if (params.string('sortOrder') === 'desc') out.reverse();
  return out;
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
