// What the mock works out about an operation (its query rules, its placement, its credential
// aliases), worked out the first time it is asked: an operation's request and responses are
// only parsed when read (prism-operations.ts), so start-up asks about none of them.

/** `fn`, computed once for each object it is asked about. */
export function rememberedPer<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, { value: V }>();
  return (key) => {
    let found = known.get(key);
    if (!found) {
      found = { value: fn(key) };
      known.set(key, found);
    }
    return found.value;
  };
}
