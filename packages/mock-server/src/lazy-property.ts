// Properties whose value is computed the first time it is read. The stored reading of Prism's
// operations (prism-operations.ts) leaves each operation's large parts (its request and its
// responses) unparsed until something reads them: routing needs only the method and the path,
// so a request pays for the operations it reaches and start-up for none of them.
// To anything that reads it (a spread, JSON.stringify, lodash, a deep equal), such a property
// is an ordinary enumerable property holding its value; writing it replaces the value.

interface Pending {
  load: () => unknown;
  /** What must happen to the value before anyone sees it (see `whenRead`). */
  prepare: ((value: unknown) => void)[];
}

const pending = new WeakMap<object, Map<PropertyKey, Pending>>();

/** Defines `target[key]` as `load()`, called the first time the property is read. */
export function defineLazyProperty(target: object, key: PropertyKey, load: () => unknown): void {
  let state: { value: unknown } | undefined;
  let byKey = pending.get(target);
  if (!byKey) {
    byKey = new Map();
    pending.set(target, byKey);
  }
  const entry: Pending = { load, prepare: [] };
  byKey.set(key, entry);
  const settle = (value: unknown) => {
    state = { value };
    byKey.delete(key);
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!state) {
        const value = entry.load();
        for (const prepare of entry.prepare) prepare(value);
        settle(value);
      }
      return (state as { value: unknown }).value;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}

/**
 * Runs `use` on `target[key]`: now when the value is there, else as soon as it is first read,
 * before the reader sees it. For a change every reader must see (prism.ts orders examples).
 */
export function whenRead<T>(target: object, key: PropertyKey, use: (value: T) => void): void {
  const entry = pending.get(target)?.get(key);
  if (entry) entry.prepare.push(use as (value: unknown) => void);
  else use((target as Record<PropertyKey, T>)[key] as T);
}

/** True while `target[key]` is lazy and nothing has read it yet. */
export function isUnread(target: object, key: PropertyKey): boolean {
  return pending.get(target)?.has(key) ?? false;
}
